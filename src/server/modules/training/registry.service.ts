import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  CheckinBody,
  ChecklistItemBody,
  CommitteeDetail,
  ComplianceReport,
  FeedbackBody,
  SurveyBody,
} from '../../../contracts/training';
import { CommitteeEdit, CommitteeWrite, SessionWrite } from '../../../contracts/training';
import { TRAINING_TAGS } from '../../../contracts/training.vocab';
import { scopeFor } from '../../core/access/actor';
import type { RateLimiter } from '../../core/auth/rate-limit';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField, lookupHash, maskPhone } from '../../core/crypto/fields';
import { invalidField, notFound } from '../../core/errors';
import { todayIso } from '../../core/people/id-number';
import type { PeopleService } from '../../core/people/people.service';
import { countMiss, freeCode } from './codes';
import { RE_ELECTION_STEPS, scoreByNeighborhood } from './domain/committees';
import { presentCommittee, presentMember, presentSession, reKey } from './training.presenter';
import * as repo from './training.repository';

/** the file owner type of a session's material */
export const MATERIAL_OWNER = 'training.session';

/**
 * The committee registry (业委会台账) with its checklists and 规范化 scores, training sessions with
 * phone check-in, and the committees' needs surveys.
 */
export class RegistryService {
  constructor(
    readonly core: Core,
    private readonly people: PeopleService,
    private readonly limiter: RateLimiter,
  ) {}

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);

  // ---- committees
  async listCommittees(ctx: RequestContext, opts: { reElection?: boolean } = {}) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'training:read');
    const rows = await repo.committees(this.core.db, scope);
    const ids = rows.map((r) => r.id);
    const [members, ticks, items] = await Promise.all([
      repo.members(this.core.db, ids),
      repo.ticks(this.core.db, ids),
      repo.checklistItems(this.core.db, [...new Set(rows.map((r) => r.subdistrict_id))]),
    ]);
    const today = todayIso();
    const out = rows.map((c) =>
      presentCommittee(
        c,
        members.filter((m) => m.committee_id === c.id),
        items.filter((i) => i.subdistrict_id === c.subdistrict_id),
        ticks.filter((t) => t.committee_id === c.id),
        today,
        this.decrypt,
      ),
    );
    return opts.reElection ? out.filter((c) => c.term.onReElectionList).sort((a, b) => a.term.daysLeft - b.term.daysLeft) : out;
  }

  async getCommittee(ctx: RequestContext, id: string): Promise<CommitteeDetail> {
    const scope = scopeFor(requireActor(ctx), 'training:read');
    const [c] = await repo.committees(this.core.db, scope, id);
    if (!c) throw notFound('业委会');
    const [members, ticks, items] = await Promise.all([
      repo.members(this.core.db, [c.id]),
      repo.ticks(this.core.db, [c.id]),
      repo.checklistItems(this.core.db, [c.subdistrict_id]),
    ]);
    const tickOf = (key: string) => ticks.find((t) => t.item_key === key);
    const item = (key: string, label: string) => ({ key, label, done: tickOf(key)?.done === 1, tickedAt: tickOf(key)?.ticked_at ?? null });
    return {
      ...presentCommittee(c, members, items, ticks, todayIso(), this.decrypt),
      assemblyFormedOn: c.assembly_formed_on,
      officePhone: c.office_phone,
      members: members.map((m) => presentMember(m, this.decrypt)),
      checklist: items.map((i) => item(i.id, i.label)),
      reElection: RE_ELECTION_STEPS.map((label, i) => item(reKey(i), label)),
    };
  }

  async createCommittee(ctx: RequestContext, raw: z.input<typeof CommitteeWrite>) {
    const input = CommitteeWrite.parse(raw);
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'training:manage');
    const estate = await repo.estateInScope(this.core.db, scope, input.estateId);
    if (!estate) throw invalidField('estateId', '小区不存在或不在您的管辖范围内');
    if (input.termEnd <= input.termStart) throw invalidField('termEnd', '任期结束日期应晚于开始日期');
    const directors = input.members.filter((m) => m.role === 'director').length;
    if (directors > 1) throw invalidField('members', '一个业委会只能有一位主任');
    const id = uuidv7();
    const now = nowIso();
    await this.core.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('training_committees').select('id').where('estate_id', '=', estate.id).executeTakeFirst();
      if (taken) throw invalidField('estateId', `小区「${estate.name}」已登记业委会`);
      await repo.insertCommittee(trx, {
        id,
        subdistrict_id: estate.subdistrict_id as string,
        neighborhood_id: estate.neighborhood_id,
        estate_id: estate.id,
        name: input.name,
        assembly_formed_on: input.assemblyFormedOn ?? null,
        term_start: input.termStart,
        term_end: input.termEnd,
        office_phone: input.officePhone ?? null,
        note: null,
        created_at: now,
        updated_at: now,
      });
      const seen = new Set<string>();
      for (const [i, m] of input.members.entries()) {
        let person: { personId: string };
        try {
          person = await this.people.upsertByIdNumber(
            trx,
            ctx,
            { name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, neighborhoodId: estate.neighborhood_id },
            { source: 'training:committee', permission: 'training:manage' },
          );
        } catch (err) {
          const msg = (err as Error).message;
          throw invalidField(`members.${i}`, `第 ${i + 1} 位成员「${m.name}」：${msg}`);
        }
        if (seen.has(person.personId)) throw invalidField(`members.${i}`, `第 ${i + 1} 位成员「${m.name}」重复`);
        seen.add(person.personId);
        await trx
          .insertInto('training_committee_members')
          .values({
            id: uuidv7(),
            subdistrict_id: estate.subdistrict_id as string,
            neighborhood_id: estate.neighborhood_id,
            committee_id: id,
            person_id: person.personId,
            role: m.role,
            created_at: now,
          })
          .execute();
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.committee_create',
        targetType: 'training_committee',
        targetId: id,
        detail: { after: { name: input.name, termStart: input.termStart, termEnd: input.termEnd, members: input.members.length } },
      });
    });
    return this.getCommittee(ctx, id);
  }

  /**
   * Edits a committee after registration: estate, name, term, office phone and its members (the
   * list sent replaces the old one; people are matched by ID number through core people, a member
   * kept changes only its role). Audited with before and after.
   */
  async updateCommittee(ctx: RequestContext, id: string, raw: z.input<typeof CommitteeEdit>) {
    const input = CommitteeEdit.parse(raw);
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'training:manage');
    const [c] = await repo.committees(this.core.db, scope, id);
    if (!c) throw notFound('业委会');
    const estate = await repo.estateInScope(this.core.db, scope, input.estateId);
    if (!estate) throw invalidField('estateId', '小区不存在或不在您的管辖范围内');
    if (input.termEnd <= input.termStart) throw invalidField('termEnd', '任期结束日期应晚于开始日期');
    if (input.members.filter((m) => m.role === 'director').length > 1) throw invalidField('members', '一个业委会只能有一位主任');
    const oldMembers = await repo.members(this.core.db, [c.id]);
    const now = nowIso();
    await this.core.db.transaction().execute(async (trx) => {
      if (estate.id !== c.estate_id) {
        const taken = await trx.selectFrom('training_committees').select('id').where('estate_id', '=', estate.id).executeTakeFirst();
        if (taken) throw invalidField('estateId', `小区「${estate.name}」已登记业委会`);
      }
      await trx
        .updateTable('training_committees')
        .set({
          subdistrict_id: estate.subdistrict_id as string,
          neighborhood_id: estate.neighborhood_id,
          estate_id: estate.id,
          name: input.name,
          assembly_formed_on: input.assemblyFormedOn ?? null,
          term_start: input.termStart,
          term_end: input.termEnd,
          office_phone: input.officePhone ?? null,
          updated_at: now,
        })
        .where('id', '=', c.id)
        .execute();
      const kept = new Map<string, string>();
      for (const [i, m] of input.members.entries()) {
        let person: { personId: string };
        let name: string;
        if ('personId' in m) {
          const old = oldMembers.find((o) => o.person_id === m.personId);
          if (!old) throw invalidField(`members.${i}`, `第 ${i + 1} 位成员不是本业委会的成员，请按身份证号添加`);
          person = { personId: old.person_id };
          name = old.name;
        } else {
          name = m.name;
          try {
            person = await this.people.upsertByIdNumber(
              trx,
              ctx,
              { name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, neighborhoodId: estate.neighborhood_id },
              { source: 'training:committee', permission: 'training:manage' },
            );
          } catch (err) {
            throw invalidField(`members.${i}`, `第 ${i + 1} 位成员「${m.name}」：${(err as Error).message}`);
          }
        }
        if (kept.has(person.personId)) throw invalidField(`members.${i}`, `第 ${i + 1} 位成员「${name}」重复`);
        kept.set(person.personId, m.role);
      }
      const gone = oldMembers.filter((m) => !kept.has(m.person_id)).map((m) => m.person_id);
      if (gone.length > 0)
        await trx.deleteFrom('training_committee_members').where('committee_id', '=', c.id).where('person_id', 'in', gone).execute();
      await trx
        .updateTable('training_committee_members')
        .set({ subdistrict_id: estate.subdistrict_id as string, neighborhood_id: estate.neighborhood_id })
        .where('committee_id', '=', c.id)
        .execute();
      for (const [personId, role] of kept) {
        const old = oldMembers.find((m) => m.person_id === personId);
        if (old && old.role !== role)
          await trx
            .updateTable('training_committee_members')
            .set({ role })
            .where('committee_id', '=', c.id)
            .where('person_id', '=', personId)
            .execute();
        if (!old)
          await trx
            .insertInto('training_committee_members')
            .values({
              id: uuidv7(),
              subdistrict_id: estate.subdistrict_id as string,
              neighborhood_id: estate.neighborhood_id,
              committee_id: c.id,
              person_id: personId,
              role,
              created_at: now,
            })
            .execute();
      }
      const roster = (list: { personId: string; role: string }[]) => list.map((m) => `${m.personId}:${m.role}`).sort();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.committee_update',
        targetType: 'training_committee',
        targetId: c.id,
        detail: {
          before: {
            estateId: c.estate_id,
            name: c.name,
            assemblyFormedOn: c.assembly_formed_on,
            termStart: c.term_start,
            termEnd: c.term_end,
            officePhone: c.office_phone,
            members: roster(oldMembers.map((m) => ({ personId: m.person_id, role: m.role }))),
          },
          after: {
            estateId: estate.id,
            name: input.name,
            assemblyFormedOn: input.assemblyFormedOn ?? null,
            termStart: input.termStart,
            termEnd: input.termEnd,
            officePhone: input.officePhone ?? null,
            members: roster([...kept].map(([personId, role]) => ({ personId, role }))),
          },
        },
      });
    });
    return this.getCommittee(ctx, id);
  }

  async tick(ctx: RequestContext, id: string, itemKey: string, done: boolean) {
    const actor = requireActor(ctx);
    const [c] = await repo.committees(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!c) throw notFound('业委会');
    const items = await repo.checklistItems(this.core.db, [c.subdistrict_id]);
    const known = items.some((i) => i.id === itemKey) || RE_ELECTION_STEPS.some((_, i) => reKey(i) === itemKey);
    if (!known) throw invalidField('itemKey', '检查项不存在');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.upsertTick(trx, {
        id: uuidv7(),
        subdistrict_id: c.subdistrict_id,
        neighborhood_id: c.neighborhood_id,
        committee_id: c.id,
        item_key: itemKey,
        done: done ? 1 : 0,
        ticked_by: actor.accountId,
        ticked_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.committee_tick',
        targetType: 'training_committee',
        targetId: c.id,
        detail: { itemKey, done },
      });
    });
    return this.getCommittee(ctx, id);
  }

  async checklist(ctx: RequestContext) {
    const actor = requireActor(ctx);
    return repo.checklistItems(this.core.db, [actor.subdistrictId]);
  }

  async addChecklistItem(ctx: RequestContext, input: z.output<typeof ChecklistItemBody>) {
    const actor = requireActor(ctx);
    const id = uuidv7();
    const existing = await repo.checklistItems(this.core.db, [actor.subdistrictId]);
    if (existing.some((i) => i.label === input.label)) throw invalidField('label', `检查项「${input.label}」已存在`);
    await this.core.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('training_checklist_items')
        .values({
          id,
          subdistrict_id: actor.subdistrictId,
          label: input.label,
          weight: input.weight,
          sort: existing.length,
          active: 1,
          created_at: nowIso(),
        })
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.checklist_add',
        targetType: 'training_checklist_item',
        targetId: id,
        detail: { label: input.label, weight: input.weight },
      });
    });
    return { id, label: input.label, weight: input.weight };
  }

  async compliance(ctx: RequestContext): Promise<ComplianceReport> {
    const committees = await this.listCommittees(ctx);
    const items = await this.checklist(ctx);
    const names = new Map(committees.map((c) => [c.neighborhoodId, c.neighborhoodName]));
    return {
      items: items.map((i) => ({ id: i.id, label: i.label, weight: i.weight })),
      neighborhoods: scoreByNeighborhood(committees.map((c) => ({ neighborhood: c.neighborhoodId, score: c.score }))).map((n) => ({
        neighborhoodId: n.neighborhood,
        neighborhoodName: names.get(n.neighborhood) ?? '',
        committees: n.committees,
        score: n.score,
      })),
    };
  }

  // ---- sessions
  async listSessions(ctx: RequestContext) {
    const rows = await repo.sessions(this.core.db, scopeFor(requireActor(ctx), 'training:read'));
    return rows.map(presentSession);
  }

  async getSession(ctx: RequestContext, id: string) {
    const [s] = await repo.sessions(this.core.db, scopeFor(requireActor(ctx), 'training:read'), id);
    if (!s) throw notFound('培训场次');
    const rows = await repo.checkins(this.core.db, s.id);
    return {
      ...presentSession(s),
      checkins: rows.map((r) => ({
        name: r.name,
        phoneMasked: maskPhone(this.decrypt(r.phone_enc)),
        checkedInAt: r.checked_in_at,
        registeredAt: r.registered_at,
        status: r.checked_in_at
          ? r.checked_in_at === r.registered_at
            ? ('walk_in' as const)
            : ('checked_in' as const)
          : new Date(s.ends_at) < new Date()
            ? ('not_come' as const)
            : ('registered' as const),
        rating: r.feedback_rating,
        feedback: r.feedback_text,
      })),
    };
  }

  async createSession(ctx: RequestContext, raw: z.input<typeof SessionWrite>) {
    const input = SessionWrite.parse(raw);
    const actor = requireActor(ctx);
    if (new Date(input.endsAt) <= new Date(input.startsAt)) throw invalidField('endsAt', '结束时间应晚于开始时间');
    const id = uuidv7();
    const code = await freeCode(this.core.db, 'training_sessions');
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        title: input.title,
        lecturer: input.lecturer,
        starts_at: new Date(input.startsAt).toISOString(),
        ends_at: new Date(input.endsAt).toISOString(),
        mode: input.mode,
        place: input.place,
        audience: input.audience,
        audience_detail: JSON.stringify(input.audienceDetail),
        material_file_id: null,
        checkin_code: code,
        created_by: actor.accountId,
        created_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.session_create',
        targetType: 'training_session',
        targetId: id,
        detail: { after: { title: input.title, startsAt: input.startsAt } },
      });
    });
    return this.getSession(ctx, id);
  }

  /** edits a session (title, lecturer, time, online/on-site and place, audience); audited with before and after */
  async updateSession(ctx: RequestContext, id: string, raw: z.input<typeof SessionWrite>) {
    const input = SessionWrite.parse(raw);
    const actor = requireActor(ctx);
    const [s] = await repo.sessions(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!s) throw notFound('培训场次');
    if (new Date(input.endsAt) <= new Date(input.startsAt)) throw invalidField('endsAt', '结束时间应晚于开始时间');
    const before = {
      title: s.title,
      lecturer: s.lecturer,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      mode: s.mode,
      place: s.place,
      audience: s.audience,
      audienceDetail: JSON.parse(s.audience_detail) as string[],
    };
    const after = {
      title: input.title,
      lecturer: input.lecturer,
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      mode: input.mode,
      place: input.place,
      audience: input.audience,
      audienceDetail: input.audienceDetail,
    };
    await this.core.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('training_sessions')
        .set({
          title: after.title,
          lecturer: after.lecturer,
          starts_at: after.startsAt,
          ends_at: after.endsAt,
          mode: input.mode,
          place: after.place,
          audience: input.audience,
          audience_detail: JSON.stringify(after.audienceDetail),
        })
        .where('id', '=', s.id)
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.session_update',
        targetType: 'training_session',
        targetId: s.id,
        detail: { before, after },
      });
    });
    return this.getSession(ctx, id);
  }

  /**
   * Invites the session's audience by SMS through core notify: the directors of every committee in
   * scope (`all`), of the chosen neighborhoods (`neighborhoods`), or of the committees whose survey
   * asked for one of the session's topics (`requested`). A director already invited is skipped, so
   * pressing the button again reaches only the newly added.
   */
  async invite(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const [s] = await repo.sessions(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!s) throw notFound('培训场次');
    const detail = JSON.parse(s.audience_detail) as string[];
    let committees = await repo.committees(this.core.db, scopeFor(actor, 'training:manage'));
    if (s.audience === 'neighborhoods')
      committees = committees.filter((c) => detail.includes(c.neighborhood_id) || detail.includes(c.neighborhood_name));
    if (s.audience === 'requested') {
      const asked = (await repo.surveys(this.core.db, scopeFor(actor, 'training:manage'))).filter((v) =>
        (JSON.parse(v.topics) as string[]).some((topic) => detail.includes(topic)),
      );
      committees = committees.filter((c) => asked.some((v) => v.committee_id === c.id));
    }
    const directors = (
      await repo.members(
        this.core.db,
        committees.map((c) => c.id),
      )
    ).filter((m) => m.role === 'director' && m.phone_enc);
    const when = new Date(new Date(s.starts_at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    let invited = 0;
    await this.core.db.transaction().execute(async (trx) => {
      for (const d of directors) {
        const done = await trx
          .selectFrom('training_invitations')
          .select('id')
          .where('session_id', '=', s.id)
          .where('person_id', '=', d.person_id)
          .executeTakeFirst();
        if (done) continue;
        const outboxId = await this.core.notify.enqueue(trx, {
          subdistrictId: s.subdistrict_id,
          to: { channel: 'sms', phone: this.decrypt(d.phone_enc as string) },
          template: '{name}您好：街道定于 {time} 举办「{title}」培训（{mode}：{place}），主讲 {lecturer}。签到码 {code}。',
          variables: {
            name: d.name,
            time: when,
            title: s.title,
            mode: s.mode === 'online' ? '线上' : '现场',
            place: s.place,
            lecturer: s.lecturer,
            code: s.checkin_code,
          },
          source: { module: 'training', type: 'training_session', id: s.id },
          createdBy: actor.accountId,
        });
        await trx
          .insertInto('training_invitations')
          .values({
            id: uuidv7(),
            subdistrict_id: s.subdistrict_id,
            session_id: s.id,
            person_id: d.person_id,
            committee_id: d.committee_id,
            outbox_id: outboxId,
            invited_at: nowIso(),
          })
          .execute();
        invited++;
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.session_invite',
        targetType: 'training_session',
        targetId: s.id,
        detail: { invited, audience: s.audience },
      });
    });
    if (invited > 0) this.core.notify.wake();
    return { invited, alreadyInvited: directors.length - invited };
  }

  /** who may download a session's material: the office (its scope), or a resident signed in by SMS (a director) */
  async materialVisible(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const a = ctx.actor;
    if (!a) return false;
    if (a.kind === 'resident') return true;
    if (!a.permissions.has('training:read')) return false;
    return (await repo.sessions(this.core.db, scopeFor(a, 'training:read'), sessionId)).length === 1;
  }

  /** the session's material (a PDF) through core files; a new upload replaces the old one */
  async attachMaterial(ctx: RequestContext, id: string, file: { filename: string; file: Readable } | null) {
    const actor = requireActor(ctx);
    const [s] = await repo.sessions(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!s) {
      file?.file.resume();
      throw notFound('培训场次');
    }
    if (!file) throw invalidField('file', '请选择要上传的培训材料（PDF 文件）');
    const stored = await this.core.files.store(ctx, file.file, {
      name: file.filename,
      allowed: ['pdf'],
      maxBytes: 20 * 1024 * 1024,
      owner: { type: MATERIAL_OWNER, id: s.id },
      subdistrictId: s.subdistrict_id,
    });
    await this.core.db.transaction().execute(async (trx) => {
      await trx.updateTable('training_sessions').set({ material_file_id: stored.id }).where('id', '=', s.id).execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.session_material',
        targetType: 'training_session',
        targetId: s.id,
        detail: { fileId: stored.id, name: stored.name },
      });
    });
    return this.getSession(ctx, id);
  }

  /**
   * Registration before the session: an invited director (the phone the invitation went to) from the
   * invitation's link, or the office on their behalf. Twice = once; checking in later fills the same row.
   */
  async register(ctx: RequestContext, input: z.output<typeof CheckinBody>) {
    const s = await repo.sessionByCode(this.core.db, input.code);
    if (!s) {
      await countMiss(this.limiter, 'checkin', ctx.ip);
      throw invalidField('code', '签到码不正确，请核对后再试');
    }
    const phoneHash = lookupHash(this.core.keys.lookup, input.phone);
    const person = await repo.personByPhone(this.core.db, s.subdistrict_id, phoneHash);
    const invited =
      person &&
      (await this.core.db
        .selectFrom('training_invitations')
        .select('id')
        .where('session_id', '=', s.id)
        .where('person_id', '=', person.id)
        .executeTakeFirst());
    if (!person || !invited) throw invalidField('phone', '这个手机号没有收到本次培训的邀请；未报名也可以在培训当天直接签到');
    return this.registerRow(ctx, s, { name: input.name, phone: input.phone, personId: person.id }, maskPhone(input.phone));
  }

  async registerFor(ctx: RequestContext, id: string, personId: string) {
    const actor = requireActor(ctx);
    const [s] = await repo.sessions(this.core.db, scopeFor(actor, 'training:manage'), id);
    if (!s) throw notFound('培训场次');
    const invited = await this.core.db
      .selectFrom('training_invitations as i')
      .innerJoin('persons as p', 'p.id', 'i.person_id')
      .select(['p.id', 'p.name', 'p.phone_enc'])
      .where('i.session_id', '=', s.id)
      .where('i.person_id', '=', personId)
      .executeTakeFirst();
    if (!invited?.phone_enc) throw invalidField('personId', '只能为已邀请、留有手机号的主任报名');
    await this.registerRow(ctx, s, { name: invited.name, phone: this.decrypt(invited.phone_enc), personId }, null);
    return this.getSession(ctx, id);
  }

  private registerRow(
    ctx: RequestContext,
    s: { id: string; subdistrict_id: string; title: string },
    who: { name: string; phone: string; personId: string },
    actorName: string | null,
  ) {
    const phoneHash = lookupHash(this.core.keys.lookup, who.phone);
    const now = nowIso();
    return this.core.db.transaction().execute(async (trx) => {
      const before = await repo.checkinOf(trx, s.id, phoneHash);
      if (before) return { title: s.title, registeredAt: before.registered_at, already: true };
      await repo.insertCheckin(trx, {
        id: uuidv7(),
        subdistrict_id: s.subdistrict_id,
        session_id: s.id,
        name: who.name,
        phone_hash: phoneHash,
        phone_enc: encryptField(this.core.keys.field, who.phone),
        person_id: who.personId,
        registered_at: now,
        checked_in_at: null,
        feedback_rating: null,
        feedback_text: null,
      });
      await this.core.audit.record(trx, actorName ? { ...auditActor(ctx), actorName, subdistrictId: s.subdistrict_id } : auditActor(ctx), {
        action: 'training.register',
        targetType: 'training_session',
        targetId: s.id,
        detail: { personId: who.personId },
      });
      return { title: s.title, registeredAt: now, already: false };
    });
  }

  /** a director checks in from the phone with the session's code, name and phone; twice = once */
  async checkin(ctx: RequestContext, input: z.output<typeof CheckinBody>) {
    const s = await repo.sessionByCode(this.core.db, input.code);
    if (!s) {
      await countMiss(this.limiter, 'checkin', ctx.ip);
      throw invalidField('code', '签到码不正确，请核对后再试');
    }
    const phoneHash = lookupHash(this.core.keys.lookup, input.phone);
    const now = nowIso();
    return this.core.db.transaction().execute(async (trx) => {
      const before = await repo.checkinOf(trx, s.id, phoneHash);
      if (before?.checked_in_at) return { title: s.title, checkedInAt: before.checked_in_at, already: true };
      const person = await repo.personByPhone(trx, s.subdistrict_id, phoneHash);
      if (before)
        await trx.updateTable('training_checkins').set({ checked_in_at: now, name: input.name }).where('id', '=', before.id).execute();
      else
        await repo.insertCheckin(trx, {
          id: uuidv7(),
          subdistrict_id: s.subdistrict_id,
          session_id: s.id,
          name: input.name,
          phone_hash: phoneHash,
          phone_enc: encryptField(this.core.keys.field, input.phone),
          person_id: person?.id ?? null,
          registered_at: now,
          checked_in_at: now,
          feedback_rating: null,
          feedback_text: null,
        });
      await this.core.audit.record(
        trx,
        { ...auditActor(ctx), actorName: maskPhone(input.phone), subdistrictId: s.subdistrict_id },
        { action: 'training.checkin', targetType: 'training_session', targetId: s.id },
      );
      return { title: s.title, checkedInAt: now, already: false };
    });
  }

  /** the short feedback form after a session, from the phone that checked in; sent again, the last one stands */
  async feedback(ctx: RequestContext, input: z.output<typeof FeedbackBody>) {
    const s = await repo.sessionByCode(this.core.db, input.code);
    if (!s) {
      await countMiss(this.limiter, 'checkin', ctx.ip);
      throw invalidField('code', '签到码不正确，请核对后再试');
    }
    const row = await repo.checkinOf(this.core.db, s.id, lookupHash(this.core.keys.lookup, input.phone));
    if (!row?.checked_in_at) throw invalidField('phone', '这个手机号没有签到本次培训，请先签到');
    await this.core.db
      .updateTable('training_checkins')
      .set({ feedback_rating: input.rating, feedback_text: input.text || null })
      .where('id', '=', row.id)
      .execute();
    return { ok: true as const };
  }

  // ---- needs surveys (a committee's link, sent by the office)
  async surveyForm(committeeId: string) {
    const c = await repo.committeeForSurvey(this.core.db, committeeId);
    if (!c) throw notFound('业委会');
    return { committeeName: c.name, topics: [...TRAINING_TAGS] };
  }

  async submitSurvey(ctx: RequestContext, committeeId: string, input: z.output<typeof SurveyBody>) {
    const c = await repo.committeeForSurvey(this.core.db, committeeId);
    if (!c) throw notFound('业委会');
    if (input.topics.length === 0 && !input.difficulties) throw invalidField('topics', '请至少勾选一个主题，或写下遇到的困难');
    const id = uuidv7();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.upsertSurvey(trx, {
        id,
        subdistrict_id: c.subdistrict_id,
        neighborhood_id: c.neighborhood_id,
        committee_id: c.id,
        name: input.name,
        phone_hash: lookupHash(this.core.keys.lookup, input.phone),
        topics: JSON.stringify(input.topics),
        difficulties: input.difficulties ?? null,
        created_at: nowIso(),
      });
      await this.core.audit.record(
        trx,
        { ...auditActor(ctx), actorName: maskPhone(input.phone), subdistrictId: c.subdistrict_id },
        { action: 'training.survey', targetType: 'training_committee', targetId: c.id },
      );
    });
    return { ok: true as const };
  }

  async listSurveys(ctx: RequestContext) {
    const rows = await repo.surveys(this.core.db, scopeFor(requireActor(ctx), 'training:read'));
    return rows.map((r) => ({
      id: r.id,
      committeeName: r.committee_name,
      neighborhoodName: r.neighborhood_name,
      name: r.name,
      topics: JSON.parse(r.topics) as string[],
      difficulties: r.difficulties,
      createdAt: r.created_at,
    }));
  }
}
