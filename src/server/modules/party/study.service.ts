import { uuidv7 } from 'uuidv7';
import type { CreatePackageBody } from '../../../contracts/party';
import type { ReportKind, ReportStatus } from '../../../contracts/party.vocab';
import { scopeFor } from '../../core/access/actor';
import { auditActor, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, invalid, invalidField, notFound } from '../../core/errors';
import { todayIso } from '../../core/people/id-number';
import type { Executor } from '../../db/index';
import { dateOf, dayNumber, quarterOf } from './domain/dates';
import { reportRefusal } from './domain/guards';
import type { MemberStatus } from './domain/rates';
import { thoughtReportsOwed } from './domain/reports';
import { studyActivity } from './domain/study';
import { type OrgIndex, PartyBase, toMember } from './party.base';
import * as repo from './party.repository';
import type { PartyPackagesTable, PartyReportsTable } from './party.tables';

/** Study packages with read receipts, study check-ins (学习打卡) and written reports (思想汇报). */
export class StudyService extends PartyBase {
  // ---- packages
  private async packageFigures(exec: Executor, subdistrictId: string, idx: OrgIndex, packs: PartyPackagesTable[], reach: Set<string>) {
    const links = await repo.branchLinks(
      exec,
      'party_package_branches',
      'package_id',
      packs.map((p) => p.id),
    );
    const mats = await repo.materials(
      exec,
      packs.map((p) => p.id),
    );
    const rd = await repo.reads(
      exec,
      mats.map((m) => m.id),
    );
    const branchIds = [...new Set(links.map((l) => l.branch_id))].filter((b) => reach.has(b));
    const members = await repo.membersOfBranches(exec, subdistrictId, branchIds);
    return packs.map((p) => {
      const bs = links.filter((l) => l.owner === p.id).map((l) => l.branch_id);
      const items = mats.filter((m) => m.package_id === p.id);
      const roll = members.filter((m) => bs.includes(m.branch_id));
      const readers = roll.map((m) => {
        const unread = items.filter((i) => !rd.some((r) => r.material_id === i.id && r.person_id === m.person_id));
        return {
          memberId: m.id,
          name: m.name,
          branch: idx.fullName(m.branch_id),
          read: items.length - unread.length,
          unread: unread.map((i) => i.title),
        };
      });
      return {
        id: p.id,
        title: p.title,
        createdAt: p.created_at,
        branches: bs.map((id) => ({ id, name: idx.fullName(id) })),
        materials: items.length,
        members: roll.length,
        readAll: readers.filter((r) => r.unread.length === 0).length,
        items: items.map((i) => ({
          id: i.id,
          title: i.title,
          url: i.url,
          reads: rd.filter((r) => r.material_id === i.id && roll.some((m) => m.person_id === r.person_id)).length,
        })),
        readers,
      };
    });
  }

  async packages(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const packs = await repo.listPackages(this.core.db, scope);
    const rows = await this.packageFigures(this.core.db, actor.subdistrictId, idx, packs, new Set(this.branchesInScope(idx, scope)));
    return rows.map(({ items: _i, readers: _r, ...p }) => p);
  }

  async package(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const p = await repo.packageInScope(this.core.db, scope, id);
    if (!p) throw notFound('学习包');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const [row] = await this.packageFigures(this.core.db, actor.subdistrictId, idx, [p], new Set(this.branchesInScope(idx, scope)));
    if (!row) throw notFound('学习包');
    return row;
  }

  async createPackage(ctx: RequestContext, body: CreatePackageBody) {
    const actor = requireActor(ctx);
    const id = await this.core.db.transaction().execute(async (trx) => {
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const branches = this.checkBranches(idx, actor, 'party:manage', body.branchIds);
      body.materials.forEach((m, i) => {
        if (!m.url && !m.body) throw invalidField(`materials.${i}.url`, `第 ${i + 1} 份资料「${m.title}」请填写链接或内容`);
      });
      const id = uuidv7();
      const now = nowIso();
      await trx
        .insertInto('party_packages')
        .values({ id, subdistrict_id: actor.subdistrictId, title: body.title, sent_at: now, created_by: actor.accountId, created_at: now })
        .execute();
      await trx
        .insertInto('party_package_branches')
        .values(
          branches.map((b) => ({
            package_id: id,
            branch_id: b.id,
            subdistrict_id: actor.subdistrictId,
            neighborhood_id: b.neighborhood_id as string,
          })),
        )
        .execute();
      await trx
        .insertInto('party_materials')
        .values(
          body.materials.map((m, i) => ({
            id: uuidv7(),
            subdistrict_id: actor.subdistrictId,
            package_id: id,
            title: m.title,
            url: m.url ?? null,
            body: m.body ?? null,
            sort: i,
            created_at: now,
          })),
        )
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.package_create',
        targetType: 'party_package',
        targetId: id,
        detail: { after: { title: body.title, materials: body.materials.length, branches: branches.map((b) => idx.fullName(b.id)) } },
      });
      return id;
    });
    return this.package(ctx, id);
  }

  async myMaterials(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const me = await this.me(this.core.db, ctx);
    const packs = await repo.packagesOfBranch(this.core.db, actor.subdistrictId, me.branch_id);
    const mats = await repo.materials(
      this.core.db,
      packs.map((p) => p.id),
    );
    const rd = await repo.reads(
      this.core.db,
      mats.map((m) => m.id),
    );
    return {
      packages: packs.map((p) => ({
        id: p.id,
        title: p.title,
        items: mats
          .filter((m) => m.package_id === p.id)
          .map((m) => ({ id: m.id, title: m.title, read: rd.some((r) => r.material_id === m.id && r.person_id === me.person_id) })),
      })),
    };
  }

  /** Opening a material records the read receipt (once). */
  async openMaterial(ctx: RequestContext, materialId: string) {
    const actor = requireActor(ctx);
    return this.core.db.transaction().execute(async (trx) => {
      const me = await this.me(trx, ctx);
      const m = await trx
        .selectFrom('party_materials')
        .selectAll()
        .where('id', '=', materialId)
        .where('subdistrict_id', '=', actor.subdistrictId)
        .executeTakeFirst();
      const sent =
        m &&
        (await trx
          .selectFrom('party_package_branches')
          .select('branch_id')
          .where('package_id', '=', m.package_id)
          .where('branch_id', '=', me.branch_id)
          .executeTakeFirst());
      if (!m || !sent) throw notFound('学习资料');
      await trx
        .insertInto('party_reads')
        .values({ id: uuidv7(), subdistrict_id: actor.subdistrictId, material_id: m.id, person_id: me.person_id, at: nowIso() })
        .onConflict((oc) => oc.columns(['material_id', 'person_id']).doNothing())
        .execute();
      return { id: m.id, title: m.title, url: m.url, body: m.body };
    });
  }

  // ---- study check-ins
  async overview(ctx: RequestContext, remindAfterDays: number, today = todayIso()) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const reach = this.branchesInScope(idx, scope);
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, reach);
    const since = dateOf(dayNumber(today) - 400);
    const ins = await repo.studyCheckins(
      this.core.db,
      actor.subdistrictId,
      members.map((m) => m.person_id),
      since,
    );
    const r = studyActivity(
      idx.branches.filter((b) => reach.includes(b.id)),
      members.map(toMember),
      ins.map((c) => ({ personId: c.person_id, date: c.day })),
      today,
      remindAfterDays,
    );
    const byPerson = new Map(members.map((m) => [m.person_id, m] as const));
    return {
      today,
      remindAfterDays,
      branches: r.branches,
      members: r.members.map((s) => {
        const m = byPerson.get(s.personId) as repo.MemberRow;
        return {
          memberId: m.id,
          name: m.name,
          branch: idx.fullName(m.branch_id),
          currentStreak: s.currentStreak,
          longestStreak: s.longestStreak,
          lastDate: s.lastDate,
          daysSince: s.daysSince,
          remind: s.remind,
        };
      }),
    };
  }

  /** A gentle reminder (in words, by SMS) to members who have not checked in for some days. */
  async remind(ctx: RequestContext, remindAfterDays: number) {
    const actor = requireActor(ctx);
    const o = await this.overview(ctx, remindAfterDays);
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const members = await repo.membersOfBranches(
      this.core.db,
      actor.subdistrictId,
      this.branchesInScope(idx, scopeFor(actor, 'party:manage')),
    );
    const due = members.filter((m) => m.phone_enc && o.members.some((s) => s.memberId === m.id && s.remind));
    await this.core.db.transaction().execute(async (trx) => {
      for (const m of due)
        await this.core.notify.enqueue(trx, {
          subdistrictId: actor.subdistrictId,
          neighborhoodId: m.neighborhood_id,
          to: { channel: 'sms', phone: this.decrypt(m.phone_enc as string) },
          template: '【邻里】{name}同志，您好！这几天还没有看到您的学习打卡，有空时打开手机学习一会儿吧。',
          variables: { name: m.name },
          source: { module: 'party', type: 'party_study' },
          createdBy: actor.accountId,
        });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.study_remind',
        targetType: 'party_study',
        detail: { reminded: due.length, remindAfterDays },
      });
    });
    this.core.notify.wake();
    return { reminded: due.length };
  }

  async myStudy(ctx: RequestContext, today = todayIso()) {
    const actor = requireActor(ctx);
    const me = await this.me(this.core.db, ctx);
    const ins = await repo.studyCheckins(this.core.db, actor.subdistrictId, [me.person_id], dateOf(dayNumber(today) - 400));
    const r = studyActivity(
      [],
      [toMember(me)],
      ins.map((c) => ({ personId: c.person_id, date: c.day })),
      today,
    );
    const s = r.members[0];
    return {
      today,
      checkedInToday: ins.some((c) => c.day === today),
      currentStreak: s?.currentStreak ?? 0,
      longestStreak: s?.longestStreak ?? 0,
      recent: ins.slice(0, 14).map((c) => ({ day: c.day, what: c.what, minutes: c.minutes })),
    };
  }

  /** Today's study; a second check-in the same day is refused in words (one a day). */
  async studyCheckIn(ctx: RequestContext, what: string, minutes: number, today = todayIso()) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const me = await this.me(trx, ctx);
      const r = await trx
        .insertInto('party_study_checkins')
        .values({
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          neighborhood_id: me.neighborhood_id,
          person_id: me.person_id,
          branch_id: me.branch_id,
          day: today,
          what,
          minutes,
          created_at: nowIso(),
        })
        .onConflict((oc) => oc.columns(['person_id', 'day']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) throw conflict('今天已经打过卡了，明天再来吧');
    });
    return this.myStudy(ctx, today);
  }

  // ---- written reports
  private presentReport(r: PartyReportsTable, name: string, idx: OrgIndex) {
    return {
      id: r.id,
      name,
      branch: idx.fullName(r.branch_id),
      kind: r.kind as ReportKind,
      quarter: r.quarter,
      title: r.title,
      body: r.body,
      submittedAt: r.submitted_at,
      status: r.status as ReportStatus,
      reviewComment: r.review_comment,
    };
  }

  async reports(ctx: RequestContext, today = todayIso()) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, this.branchesInScope(idx, scope));
    const rows = await repo.reportsOf(this.core.db, scope);
    const names = new Map(members.map((m) => [m.person_id, m] as const));
    const owed = thoughtReportsOwed(
      members.map((m) => ({ personId: m.person_id, status: m.status as MemberStatus, since: m.status_since })),
      rows.map((r) => ({
        personId: r.person_id,
        kind: r.kind as ReportKind,
        submittedOn: r.submitted_on,
        quarter: r.quarter,
        status: r.status as ReportStatus,
      })),
      today,
    );
    const owedRow = (o: (typeof owed.due)[number]) => {
      const m = names.get(o.personId) as repo.MemberRow;
      return {
        memberId: m.id,
        name: m.name,
        branch: idx.fullName(m.branch_id),
        quarter: o.quarter,
        dueDate: o.dueDate,
        daysOverdue: o.daysOverdue,
      };
    };
    const personNames = await this.personNames(rows.map((r) => r.person_id));
    return {
      reports: rows.map((r) => this.presentReport(r, personNames.get(r.person_id) ?? '', idx)),
      due: owed.due.map(owedRow),
      overdue: owed.overdue.map(owedRow),
    };
  }

  private async personNames(ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await this.core.db
      .selectFrom('persons')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name] as const));
  }

  async review(ctx: RequestContext, id: string, status: 'reviewed' | 'returned', comment: string | null | undefined) {
    const actor = requireActor(ctx);
    return this.core.db.transaction().execute(async (trx) => {
      const r = await repo.reportInScope(trx, scopeFor(actor, 'party:manage'), id);
      if (!r) throw notFound('汇报');
      if (status === 'returned' && !comment) throw invalidField('comment', '退回修改时请写明审阅意见');
      const now = nowIso();
      await trx
        .updateTable('party_reports')
        .set({ status, review_comment: comment ?? null, reviewed_by: actor.accountId, reviewed_at: now })
        .where('id', '=', id)
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.report_review',
        targetType: 'party_report',
        targetId: id,
        detail: { before: r.status, after: status },
      });
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const names = await trx.selectFrom('persons').select('name').where('id', '=', r.person_id).executeTakeFirstOrThrow();
      return this.presentReport({ ...r, status, review_comment: comment ?? null }, names.name, idx);
    });
  }

  async writeReport(
    ctx: RequestContext,
    body: { clientKey: string; kind: ReportKind; quarter?: string | null; title: string; body: string },
    today = todayIso(),
  ) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const me = await this.meOrNull(trx, ctx);
      const refusal = reportRefusal(me ? { name: me.name, branchId: me.branch_id, status: me.status as MemberStatus } : null);
      if (refusal || !me) throw invalid(refusal ?? '');
      if (body.kind === 'thought_report' && body.quarter && body.quarter > quarterOf(today))
        throw invalidField('quarter', `不能为以后的季度（${body.quarter}）提交思想汇报`);
      const r = await trx
        .insertInto('party_reports')
        .values({
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          neighborhood_id: me.neighborhood_id,
          person_id: me.person_id,
          branch_id: me.branch_id,
          kind: body.kind,
          quarter: body.kind === 'thought_report' ? (body.quarter ?? quarterOf(today)) : null,
          title: body.title,
          body: body.body,
          client_key: body.clientKey,
          submitted_at: nowIso(),
          submitted_on: today,
          status: 'submitted',
          review_comment: null,
          reviewed_by: null,
          reviewed_at: null,
        })
        .onConflict((oc) => oc.columns(['person_id', 'client_key']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'party.report_submit',
          targetType: 'party_report',
          detail: { kind: body.kind },
        });
    });
    return this.myReports(ctx);
  }

  async myReports(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const me = await this.meOrNull(this.core.db, ctx);
    if (!me) return { reports: [] };
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const rows = await repo.reportsOfPerson(this.core.db, actor.subdistrictId, me.person_id);
    return { reports: rows.map((r) => this.presentReport(r, me.name, idx)) };
  }
}
