import type { Readable } from 'node:stream';
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

export const MATERIAL_FILE_OWNER = 'party_material';

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
          fileId: i.file_id,
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
      await repo.insertPackage(
        trx,
        { id, subdistrict_id: actor.subdistrictId, title: body.title, sent_at: now, created_by: actor.accountId, created_at: now },
        branches.map((b) => ({ branch_id: b.id, neighborhood_id: b.neighborhood_id as string })),
        body.materials.map((m, i) => ({
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          package_id: id,
          title: m.title,
          url: m.url ?? null,
          body: m.body ?? null,
          file_id: null,
          sort: i,
          created_at: now,
        })),
      );
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

  /** A document for a package (PDF, Word, PowerPoint, a picture): stored by core files, owned by the new material. */
  async uploadMaterial(ctx: RequestContext, packageId: string, file: { filename: string; file: Readable }) {
    const actor = requireActor(ctx);
    const p = await repo.packageInScope(this.core.db, scopeFor(actor, 'party:manage'), packageId);
    if (!p) throw notFound('学习包');
    const id = uuidv7();
    const title = file.filename.replace(/\.[^.]+$/, '').slice(0, 100) || '学习资料';
    const stored = await this.core.files.store(ctx, file.file, {
      name: file.filename,
      allowed: ['pdf', 'docx', 'pptx', 'jpeg', 'png'],
      owner: { type: MATERIAL_FILE_OWNER, id },
      subdistrictId: actor.subdistrictId,
    });
    await this.core.db.transaction().execute(async (trx) => {
      const items = await repo.materials(trx, [p.id]);
      await repo.insertMaterial(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        package_id: p.id,
        title,
        url: null,
        body: null,
        file_id: stored.id,
        sort: items.length,
        created_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.material_upload',
        targetType: 'party_package',
        targetId: p.id,
        detail: { title, size: stored.size },
      });
    });
    return this.package(ctx, packageId);
  }

  /** who may download a material's document: staff reaching one of its branches, or a member of one */
  async mayOpenFile(ctx: RequestContext, materialId: string): Promise<boolean> {
    const actor = ctx.actor;
    if (!actor) return false;
    const where = await repo.materialBranches(this.core.db, materialId);
    if (!where || where.subdistrict_id !== actor.subdistrictId) return false;
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const reach = new Set(this.branchesInScope(idx, scopeFor(actor, 'party:read')));
    if (where.branch_ids.some((b) => reach.has(b))) return true;
    const me = await this.meOrNull(this.core.db, ctx);
    return !!me && where.branch_ids.includes(me.branch_id);
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
      const m = await repo.materialFor(trx, actor.subdistrictId, materialId, me.branch_id);
      if (!m) throw notFound('学习资料');
      await repo.insertRead(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        material_id: m.id,
        person_id: me.person_id,
        at: nowIso(),
      });
      return { id: m.id, title: m.title, url: m.url, body: m.body, fileId: m.file_id };
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

  /**
   * 「提醒未读」: a gentle reminder (inbox, and SMS to those with a phone) to the members of the package's
   * branches (or one of them) who have not opened every material — once a day per package and branch.
   */
  async remindUnread(ctx: RequestContext, packageId: string, branchId: string | undefined, today = todayIso()) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:manage');
    const p = await repo.packageInScope(this.core.db, scope, packageId);
    if (!p) throw notFound('学习包');
    const idx = await this.orgIndex(this.core.db, actor.subdistrictId);
    const [row] = await this.packageFigures(this.core.db, actor.subdistrictId, idx, [p], new Set(this.branchesInScope(idx, scope)));
    if (!row) throw notFound('学习包');
    const branches = row.branches.map((b) => b.id).filter((b) => !branchId || b === branchId);
    if (branchId && branches.length === 0) throw invalidField('branchId', '这个支部不在学习包的发送范围内');
    const members = await repo.membersOfBranches(this.core.db, actor.subdistrictId, branches);
    const accounts = await repo.accountsOfPersons(
      this.core.db,
      actor.subdistrictId,
      members.map((m) => m.person_id),
    );
    const result = await this.core.db.transaction().execute(async (trx) => {
      let reminded = 0;
      let already = 0;
      for (const b of branches) {
        const due = members.filter((m) => m.branch_id === b && row.readers.some((r) => r.memberId === m.id && r.unread.length > 0));
        const fresh = await repo.claimPackageReminder(trx, {
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          package_id: p.id,
          branch_id: b,
          day: today,
          reminded: due.length,
          created_at: nowIso(),
        });
        if (!fresh) {
          already++;
          continue;
        }
        for (const m of due) {
          const text = `【邻里】${m.name}同志，您好！学习包「${p.title}」里还有资料没有打开，有空时在手机上看一看吧。`;
          const source = { module: 'party', type: 'party_package', id: p.id };
          for (const a of accounts.filter((x) => x.person_id === m.person_id))
            await this.core.notify.enqueue(trx, {
              subdistrictId: actor.subdistrictId,
              neighborhoodId: m.neighborhood_id,
              to: { channel: 'inapp', accountId: a.account_id },
              subject: '学习资料提醒',
              template: text,
              link: '/m/party/materials',
              source,
              createdBy: actor.accountId,
            });
          if (m.phone_enc)
            await this.core.notify.enqueue(trx, {
              subdistrictId: actor.subdistrictId,
              neighborhoodId: m.neighborhood_id,
              to: { channel: 'sms', phone: this.decrypt(m.phone_enc) },
              template: text,
              source,
              createdBy: actor.accountId,
            });
          reminded++;
        }
      }
      if (already < branches.length)
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'party.package_remind',
          targetType: 'party_package',
          targetId: p.id,
          detail: { reminded, branches: branches.map((b) => idx.fullName(b)) },
        });
      return { reminded, already };
    });
    this.core.notify.wake();
    const allDone = result.already === branches.length && branches.length > 0;
    return {
      reminded: result.reminded,
      alreadyToday: allDone,
      message: allDone
        ? '今天已经提醒过了，每个学习包每天只提醒一次，明天再试'
        : result.reminded === 0
          ? '没有未读的党员，不需要提醒'
          : `已提醒 ${result.reminded} 名党员`,
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
      const added = await repo.insertStudyCheckin(trx, {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: me.neighborhood_id,
        person_id: me.person_id,
        branch_id: me.branch_id,
        day: today,
        what,
        minutes,
        created_at: nowIso(),
      });
      if (!added) throw conflict('今天已经打过卡了，明天再来吧');
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
    const personNames = await repo.personNames(
      this.core.db,
      rows.map((r) => r.person_id),
    );
    return {
      reports: rows.map((r) => this.presentReport(r, personNames.get(r.person_id) ?? '', idx)),
      due: owed.due.map(owedRow),
      overdue: owed.overdue.map(owedRow),
    };
  }

  async review(ctx: RequestContext, id: string, status: 'reviewed' | 'returned', comment: string | null | undefined) {
    const actor = requireActor(ctx);
    return this.core.db.transaction().execute(async (trx) => {
      const r = await repo.reportInScope(trx, scopeFor(actor, 'party:manage'), id);
      if (!r) throw notFound('汇报');
      if (status === 'returned' && !comment) throw invalidField('comment', '退回修改时请写明审阅意见');
      const now = nowIso();
      await repo.updateReport(trx, id, { status, review_comment: comment ?? null, reviewed_by: actor.accountId, reviewed_at: now });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'party.report_review',
        targetType: 'party_report',
        targetId: id,
        detail: { before: r.status, after: status },
      });
      const idx = await this.orgIndex(trx, actor.subdistrictId);
      const names = await repo.personNames(trx, [r.person_id]);
      return this.presentReport({ ...r, status, review_comment: comment ?? null }, names.get(r.person_id) ?? '', idx);
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
      const added = await repo.insertReport(trx, {
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
      });
      if (added)
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
