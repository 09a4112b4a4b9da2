import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  PatchVisitBody,
  RecordNewVisitBody,
  RecordVisitBody,
  ScheduleVisitBody,
  VisitDueItem,
  VisitDueList,
  VisitDueQuery,
  VisitItem,
  VisitRobotBody,
  VisitRuleItem,
  VisitRuleWrite,
} from '../../../contracts/care-visits';
import type { FileInfo } from '../../../contracts/files';
import { type Actor, type Scope, scopeFor } from '../../core/access/actor';
import { maskName } from '../../core/audit/audit.targets';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, encryptField } from '../../core/crypto/fields';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import { preparePhoto, readPhoto } from '../../core/files/photo';
import { maskWebhook } from '../../core/notify/notify.domain';
import { todayIso } from '../../core/people/id-number';
import { formatAddress } from '../../core/people/people.domain';
import type { Executor } from '../../db/index';
import type { DB } from '../../db/schema';
import * as bRepo from './beneficiaries.repository';
import { flagsOf } from './care.presenter';
import { ageOn } from './domain/priority';
import type { TimelineEntry } from './domain/timeline';
import { DEFAULT_VISIT_RULES, describeRule, type VisitCandidate, type VisitRule, visitPlan } from './domain/visits';
import * as repo from './visits.repository';

export const VISIT_PHOTO_OWNER = 'care.visit';

/** rule rows → the domain's rules */
export function rulesOf(rows: repo.RuleRow[]): VisitRule[] {
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    anyFlag: r.any_flag === 1,
    flag: r.flag,
    categoryId: r.category_id,
    minAge: r.min_age,
    livingSituation: r.living_situation,
    intervalDays: r.interval_days,
    active: r.active === 1,
  }));
}

/** candidate rows → the domain's candidates (flags and age as of `today`) */
export function candidatesOf(rows: repo.CandidateRow[], today: string): (VisitCandidate & { row: repo.CandidateRow })[] {
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    flags: flagsOf(r, today),
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    livingSituation: r.living_situation,
    lastVisitOn: r.last_visit_on,
    plannedNext: r.next_visit_on,
    row: r,
  }));
}

/** The rules of a subdistrict; on first use it gets the two the office started with. */
export async function ensureRules(exec: Executor, subdistrictId: string) {
  let rows = await repo.listRules(exec, subdistrictId);
  if (rows.length === 0) {
    const now = nowIso();
    for (const [i, r] of DEFAULT_VISIT_RULES.entries()) {
      await repo.insertRule(
        exec,
        {
          id: uuidv7(),
          subdistrict_id: subdistrictId,
          name: r.name,
          any_flag: r.anyFlag ? 1 : 0,
          flag: r.flag,
          category_id: r.categoryId,
          min_age: r.minAge,
          living_situation: r.livingSituation,
          interval_days: r.intervalDays,
          active: 1,
          sort: i,
          created_at: now,
          updated_at: now,
        },
        { skipIfNamed: true },
      );
    }
    rows = await repo.listRules(exec, subdistrictId);
  }
  return rows;
}

const STATUS_LABEL: Record<string, string> = { scheduled: '已安排', done: '已走访', cancelled: '已取消' };

/**
 * 生活动态 source: the beneficiary's visits, scheduled and done. The timeline route has checked
 * the beneficiary is in the actor's scope before it asks.
 */
export async function visitTimeline(db: Kysely<DB>, beneficiaryId: string): Promise<TimelineEntry[]> {
  const rows = await repo.visitsOf(db, beneficiaryId);
  return rows
    .filter((v) => v.status !== 'cancelled')
    .map((v) => {
      if (v.status === 'done') {
        return {
          key: `visit:${v.id}`,
          kind: 'visit' as const,
          at: v.updated_at,
          title: `上门走访（${v.done_on}）：${v.condition_seen ?? ''}`.slice(0, 80),
          details: [
            v.visitors ? `走访人：${v.visitors}` : '',
            v.supplies ? `送去物资：${v.supplies}` : '',
            v.concerns ? `问题与诉求：${v.concerns}` : '',
            v.next_visit_on ? `下次走访：${v.next_visit_on}` : '',
          ].filter(Boolean),
          by: v.recorded_by_name,
        };
      }
      return {
        key: `visit:${v.id}`,
        kind: 'visit' as const,
        at: v.created_at,
        title: `安排上门走访：${v.scheduled_on ?? ''}`,
        details: [],
        by: v.created_by_name,
      };
    });
}

export class VisitsService {
  constructor(private readonly core: Core) {}

  private subdistrictWide(actor: Actor) {
    return scopeFor(actor, 'care:manage').subdistrictIds.includes(actor.subdistrictId);
  }

  // ---- rules

  async rules(ctx: RequestContext): Promise<VisitRuleItem[]> {
    const actor = requireActor(ctx);
    const rows = await ensureRules(this.core.db, actor.subdistrictId);
    return rows.map((r) => this.presentRule(r));
  }

  private presentRule(r: repo.RuleRow): VisitRuleItem {
    const [rule] = rulesOf([r]) as [VisitRule];
    return {
      id: r.id,
      name: r.name,
      anyFlag: rule.anyFlag,
      flag: r.flag,
      categoryId: r.category_id,
      categoryName: r.category_name,
      minAge: r.min_age,
      livingSituation: r.living_situation,
      intervalDays: r.interval_days,
      active: rule.active,
      description: describeRule(rule, r.category_name),
    };
  }

  private async checkRule(exec: Executor, subdistrictId: string, input: VisitRuleWrite) {
    if (input.categoryId && !(await bRepo.categories(exec, subdistrictId)).some((c) => c.id === input.categoryId)) {
      throw invalidField('categoryId', '优抚类别不存在');
    }
    if (!input.anyFlag && !input.flag && !input.categoryId && input.minAge == null && !input.livingSituation) {
      throw invalidField('anyFlag', '请至少设一个条件（重点关注、类别、年龄或居住情况），否则规则会覆盖全部优抚对象');
    }
  }

  private ruleColumns(input: VisitRuleWrite) {
    return {
      name: input.name,
      any_flag: input.anyFlag ? 1 : 0,
      flag: input.flag || null,
      category_id: input.categoryId || null,
      min_age: input.minAge ?? null,
      living_situation: input.livingSituation ?? null,
      interval_days: input.intervalDays,
      active: input.active ? 1 : 0,
    };
  }

  async createRule(ctx: RequestContext, input: VisitRuleWrite): Promise<VisitRuleItem> {
    const actor = requireActor(ctx);
    if (!this.subdistrictWide(actor)) throw forbidden('走访规则由街道统一设置，居民区不能修改');
    const id = uuidv7();
    await this.core.db.transaction().execute(async (trx) => {
      const existing = await ensureRules(trx, actor.subdistrictId);
      await this.checkRule(trx, actor.subdistrictId, input);
      if (existing.some((r) => r.name === input.name)) throw invalidField('name', `规则「${input.name}」已存在`);
      const now = nowIso();
      await repo.insertRule(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        ...this.ruleColumns(input),
        sort: existing.length,
        created_at: now,
        updated_at: now,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_rule_save',
        targetType: 'care_visit_rule',
        targetId: id,
        detail: { after: input },
      });
    });
    return (await this.rules(ctx)).find((r) => r.id === id) as VisitRuleItem;
  }

  async updateRule(ctx: RequestContext, id: string, input: VisitRuleWrite): Promise<VisitRuleItem> {
    const actor = requireActor(ctx);
    // a rule is the subdistrict's record: outside a neighborhood actor's scope, so not found
    if (!this.subdistrictWide(actor)) throw notFound('走访规则');
    await this.core.db.transaction().execute(async (trx) => {
      const before = await repo.ruleById(trx, actor.subdistrictId, id);
      if (!before) throw notFound('走访规则');
      await this.checkRule(trx, actor.subdistrictId, input);
      const others = await repo.listRules(trx, actor.subdistrictId);
      if (others.some((r) => r.id !== id && r.name === input.name)) throw invalidField('name', `规则「${input.name}」已存在`);
      await repo.updateRule(trx, actor.subdistrictId, id, { ...this.ruleColumns(input), updated_at: nowIso() });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_rule_save',
        targetType: 'care_visit_rule',
        targetId: id,
        detail: { before: { name: before.name, interval_days: before.interval_days, active: before.active }, after: input },
      });
    });
    return (await this.rules(ctx)).find((r) => r.id === id) as VisitRuleItem;
  }

  // ---- who is due

  /** Everyone a rule covers, in the actor's scope, with due day and state; overdue first. */
  async due(ctx: RequestContext, q: z.output<typeof VisitDueQuery>, today = todayIso()): Promise<VisitDueList> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:read');
    const db = this.core.db;
    const rules = rulesOf(await ensureRules(db, actor.subdistrictId));
    const rows = await repo.candidatesQuery(db, scope, q.neighborhoodId).execute();
    const plan = visitPlan(rules, candidatesOf(rows, today), today);
    const counts = { overdue: 0, due: 0, ok: 0 };
    for (const e of plan) counts[e.state]++;
    const shown = plan.filter((e) => (q.state === 'attention' ? e.state !== 'ok' : q.state ? e.state === q.state : true));
    const ids = shown.map((e) => e.subject.id);
    const [labels, scheduled] = await Promise.all([
      repo.beneficiaryLabels(db, ids),
      repo.listVisits(db, scope, { status: 'scheduled', beneficiaryIds: ids }),
    ]);
    const names = await repo.accountNames(db, actor.subdistrictId, [
      ...new Set(scheduled.flatMap((v) => JSON.parse(v.visitor_account_ids) as string[])),
    ]);
    const byId = new Map(labels.map((l) => [l.id, l]));
    const nextScheduled = new Map<string, repo.VisitRow>();
    for (const v of [...scheduled].sort((a, b) => (a.scheduled_on ?? '').localeCompare(b.scheduled_on ?? ''))) {
      if (!nextScheduled.has(v.beneficiary_id)) nextScheduled.set(v.beneficiary_id, v);
    }
    const items: VisitDueItem[] = [];
    for (const e of shown) {
      const l = byId.get(e.subject.id);
      if (!l) continue;
      const s = nextScheduled.get(e.subject.id);
      items.push({
        beneficiaryId: e.subject.id,
        name: l.name,
        age: e.subject.age,
        neighborhoodId: e.subject.row.neighborhood_id,
        neighborhoodName: l.neighborhood_name,
        address: formatAddress(l),
        category: l.category_name,
        flags: e.subject.flags,
        ruleName: e.rule.name,
        intervalDays: e.rule.intervalDays,
        lastVisitOn: e.subject.lastVisitOn,
        dueOn: e.dueOn,
        state: e.state,
        daysOverdue: e.daysOverdue,
        staffName: l.staff_name,
        scheduled: s
          ? {
              id: s.id,
              scheduledOn: s.scheduled_on,
              visitorNames: (JSON.parse(s.visitor_account_ids) as string[]).map((id) => names.get(id) ?? '（已删除）'),
            }
          : null,
      });
    }
    return { today, items, counts };
  }

  // ---- visits

  private async present(exec: Executor, subdistrictId: string, v: repo.VisitRow): Promise<VisitItem> {
    const ids = JSON.parse(v.visitor_account_ids) as string[];
    const names = await repo.accountNames(exec, subdistrictId, ids);
    const photos: FileInfo[] = await this.core.files.listFor(exec, VISIT_PHOTO_OWNER, v.id);
    return {
      id: v.id,
      beneficiaryId: v.beneficiary_id,
      name: v.name,
      neighborhoodName: v.neighborhood_name,
      status: v.status as VisitItem['status'],
      scheduledOn: v.scheduled_on,
      visitorAccountIds: ids,
      visitorNames: ids.map((id) => names.get(id) ?? '（已删除）'),
      doneOn: v.done_on,
      visitors: v.visitors,
      conditionSeen: v.condition_seen,
      supplies: v.supplies,
      concerns: v.concerns,
      nextVisitOn: v.next_visit_on,
      photos,
      photoConsents: (await repo.photoConsents(exec, v.id))
        .filter((c) => photos.some((p) => p.id === c.file_id))
        .map((c) => ({ fileId: c.file_id, recordedBy: c.recorded_by_name, recordedAt: c.recorded_at })),
      recordedBy: v.recorded_by_name,
      createdAt: v.created_at,
    };
  }

  async get(ctx: RequestContext, id: string): Promise<VisitItem> {
    const actor = requireActor(ctx);
    const v = await repo.visitInScope(this.core.db, scopeFor(actor, 'care:read'), id);
    if (!v) throw notFound('走访记录');
    return this.present(this.core.db, actor.subdistrictId, v);
  }

  async list(ctx: RequestContext, f: { beneficiaryId?: string; status?: string }): Promise<VisitItem[]> {
    const actor = requireActor(ctx);
    const rows = await repo.listVisits(this.core.db, scopeFor(actor, 'care:read'), f);
    return Promise.all(rows.map((v) => this.present(this.core.db, actor.subdistrictId, v)));
  }

  /**
   * Runs a write keyed by a client key; when a twin submit with the same key committed first (the
   * unique index refuses this one), the twin's result stands and this one counts as the same.
   */
  private async sameKeyOnce(db: Executor, column: 'client_key' | 'record_key', key: string, write: () => Promise<void>) {
    try {
      await write();
    } catch (err) {
      if (await repo.visitByKey(db, column, key)) return;
      throw err;
    }
  }

  private async checkVisitors(exec: Executor, actor: Actor, ids: string[]) {
    const names = await repo.accountNames(exec, actor.subdistrictId, ids);
    const missing = ids.findIndex((id) => !names.has(id));
    if (missing >= 0) throw invalidField(`visitorAccountIds.${missing}`, '指派的走访人不存在');
  }

  async schedule(ctx: RequestContext, input: z.output<typeof ScheduleVisitBody>): Promise<VisitItem> {
    const actor = requireActor(ctx);
    const db = this.core.db;
    const again = await repo.visitByKey(db, 'client_key', input.clientKey);
    if (again) {
      if (again.created_by !== actor.accountId) throw conflict('提交编号已被使用，请刷新后重试');
      return this.get(ctx, again.id);
    }
    const b = await bRepo.beneficiaryInScope(db, scopeFor(actor, 'care:manage'), input.beneficiaryId);
    if (!b) throw invalidField('beneficiaryId', '优抚对象不存在或不在您的管辖范围内');
    await this.checkVisitors(db, actor, input.visitorAccountIds);
    const id = uuidv7();
    const now = nowIso();
    await this.sameKeyOnce(db, 'client_key', input.clientKey, () =>
      db.transaction().execute(async (trx) => {
        await repo.insertVisit(trx, {
          id,
          subdistrict_id: b.subdistrict_id,
          neighborhood_id: b.neighborhood_id,
          beneficiary_id: b.id,
          status: 'scheduled',
          scheduled_on: input.scheduledOn,
          visitor_account_ids: JSON.stringify(input.visitorAccountIds),
          done_on: null,
          visitors: null,
          condition_seen: null,
          supplies: null,
          concerns: null,
          next_visit_on: null,
          client_key: input.clientKey,
          record_key: null,
          created_by: actor.accountId,
          recorded_by: null,
          created_at: now,
          updated_at: now,
        });
        await this.core.audit.record(trx, auditActor(ctx), {
          action: 'care.visit_schedule',
          targetType: 'care_visit',
          targetId: id,
          detail: { after: { beneficiary: b.id, scheduledOn: input.scheduledOn, visitors: input.visitorAccountIds.length } },
        });
      }),
    );
    return this.get(ctx, (await repo.visitByKey(db, 'client_key', input.clientKey))?.id ?? id);
  }

  async patch(ctx: RequestContext, id: string, input: z.output<typeof PatchVisitBody>): Promise<VisitItem> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const v = await repo.visitInScope(trx, scopeFor(actor, 'care:manage'), id);
      if (!v) throw notFound('走访记录');
      if (v.status !== 'scheduled') throw conflict(`该走访${STATUS_LABEL[v.status]}，不能再改安排`);
      if (input.visitorAccountIds) await this.checkVisitors(trx, actor, input.visitorAccountIds);
      const ok = await repo.updateVisit(trx, id, 'scheduled', {
        ...(input.scheduledOn ? { scheduled_on: input.scheduledOn } : {}),
        ...(input.visitorAccountIds ? { visitor_account_ids: JSON.stringify(input.visitorAccountIds) } : {}),
        updated_at: nowIso(),
      });
      if (!ok) throw conflict('该走访刚被他人更新，请刷新后重试');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_schedule',
        targetType: 'care_visit',
        targetId: id,
        detail: {
          before: { scheduledOn: v.scheduled_on, visitors: JSON.parse(v.visitor_account_ids).length },
          after: { scheduledOn: input.scheduledOn ?? v.scheduled_on, visitors: input.visitorAccountIds?.length },
        },
      });
    });
    return this.get(ctx, id);
  }

  private checkRecord(input: z.output<typeof RecordVisitBody>, today: string) {
    if (input.doneOn > today) throw invalidField('doneOn', '走访日期不能晚于今天');
    if (input.nextVisitOn && input.nextVisitOn <= input.doneOn) throw invalidField('nextVisitOn', '下次走访日期应晚于本次走访日期');
  }

  private recordColumns(actor: Actor, input: z.output<typeof RecordVisitBody>, now: string) {
    return {
      status: 'done',
      done_on: input.doneOn,
      visitors: input.visitors,
      condition_seen: input.conditionSeen,
      supplies: input.supplies || null,
      concerns: input.concerns || null,
      next_visit_on: input.nextVisitOn ?? null,
      record_key: input.clientKey,
      recorded_by: actor.accountId,
      updated_at: now,
    };
  }

  /** the visit's writes that every record makes: the state the due list reads, the contact, the audit */
  private async afterRecord(
    trx: Executor,
    ctx: RequestContext,
    v: { id: string; subdistrict_id: string; neighborhood_id: string; beneficiary_id: string },
    input: z.output<typeof RecordVisitBody>,
    now: string,
  ) {
    await repo.recordInState(trx, {
      beneficiary_id: v.beneficiary_id,
      subdistrict_id: v.subdistrict_id,
      neighborhood_id: v.neighborhood_id,
      last_visit_on: input.doneOn,
      next_visit_on: input.nextVisitOn ?? null,
      updated_at: now,
    });
    // a visit is a contact: the dashboard's 「近 7/30 天已联系」 counts it like a reached call
    await trx
      .updateTable('care_beneficiaries')
      .set({ last_contact_at: now })
      .where('id', '=', v.beneficiary_id)
      .where((eb) => eb.or([eb('last_contact_at', 'is', null), eb('last_contact_at', '<', now)]))
      .execute();
    await this.core.audit.record(trx, auditActor(ctx), {
      action: 'care.visit_record',
      targetType: 'care_visit',
      targetId: v.id,
      detail: { after: { beneficiary: v.beneficiary_id, doneOn: input.doneOn, nextVisitOn: input.nextVisitOn ?? null } },
    });
  }

  /** Records a scheduled visit as done. A repeated submit (same client key) counts once. */
  async record(ctx: RequestContext, id: string, input: z.output<typeof RecordVisitBody>, today = todayIso()): Promise<VisitItem> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const again = await repo.visitByKey(this.core.db, 'record_key', input.clientKey);
    if (again) {
      if (again.id !== id) throw conflict('提交编号已被使用，请刷新后重试');
      return this.get(ctx, id);
    }
    this.checkRecord(input, today);
    await this.sameKeyOnce(this.core.db, 'record_key', input.clientKey, () =>
      this.core.db.transaction().execute(async (trx) => {
        const v = await repo.visitInScope(trx, scope, id);
        if (!v) throw notFound('走访记录');
        if (v.status !== 'scheduled') throw conflict(`该走访${STATUS_LABEL[v.status]}，不能再次登记`);
        const now = nowIso();
        const ok = await repo.updateVisit(trx, id, 'scheduled', this.recordColumns(actor, input, now));
        if (!ok) throw conflict('该走访刚被他人登记，请刷新后查看');
        await this.afterRecord(trx, ctx, v, input, now);
      }),
    );
    return this.get(ctx, id);
  }

  /** Records a visit nobody scheduled (staff went by). A repeated submit counts once. */
  async recordNew(ctx: RequestContext, input: z.output<typeof RecordNewVisitBody>, today = todayIso()): Promise<VisitItem> {
    const actor = requireActor(ctx);
    const db = this.core.db;
    const again = (await repo.visitByKey(db, 'record_key', input.clientKey)) ?? (await repo.visitByKey(db, 'client_key', input.clientKey));
    if (again) {
      if (again.beneficiary_id !== input.beneficiaryId) throw conflict('提交编号已被使用，请刷新后重试');
      return this.get(ctx, again.id);
    }
    this.checkRecord(input, today);
    const b = await bRepo.beneficiaryInScope(db, scopeFor(actor, 'care:manage'), input.beneficiaryId);
    if (!b) throw invalidField('beneficiaryId', '优抚对象不存在或不在您的管辖范围内');
    const id = uuidv7();
    await this.sameKeyOnce(db, 'record_key', input.clientKey, () =>
      db.transaction().execute(async (trx) => {
        const now = nowIso();
        const row = {
          id,
          subdistrict_id: b.subdistrict_id,
          neighborhood_id: b.neighborhood_id,
          beneficiary_id: b.id,
          scheduled_on: null,
          visitor_account_ids: '[]',
          client_key: input.clientKey,
          created_by: actor.accountId,
          created_at: now,
          ...this.recordColumns(actor, input, now),
        };
        await repo.insertVisit(trx, row);
        await this.afterRecord(trx, ctx, row, input, now);
      }),
    );
    return this.get(ctx, (await repo.visitByKey(db, 'record_key', input.clientKey))?.id ?? id);
  }

  /** not found unless the actor may manage the visit (checked before an upload is read) */
  async assertManageable(ctx: RequestContext, id: string): Promise<void> {
    if (!(await repo.visitInScope(this.core.db, scopeFor(requireActor(ctx), 'care:manage'), id))) throw notFound('走访记录');
  }

  /** A photo of the visit, through core files (images only); seen by whoever may see the visit. */
  async addPhoto(ctx: RequestContext, id: string, file: { name: string; stream: Readable }): Promise<VisitItem> {
    const actor = requireActor(ctx);
    const v = await repo.visitInScope(this.core.db, scopeFor(actor, 'care:manage'), id);
    if (!v) throw notFound('走访记录');
    const existing = await this.core.files.listFor(this.core.db, VISIT_PHOTO_OWNER, id);
    if (existing.length >= 9) throw invalidField('file', '每次走访最多上传 9 张照片');
    // shrunk for a slow connection and stripped of its EXIF (the GPS position of a home among it)
    const image = await preparePhoto(await readPhoto(file.stream, 'file'), file.name, 'file');
    await this.core.db.transaction().execute(async (trx) => {
      const info = await this.core.files.store(ctx, image, {
        name: `${file.name.replace(/\.[^.]*$/, '')}.jpg`,
        allowed: ['jpeg'],
        owner: { type: VISIT_PHOTO_OWNER, id },
        subdistrictId: v.subdistrict_id,
        neighborhoodId: v.neighborhood_id,
        trx,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_photo',
        targetType: 'care_visit',
        targetId: id,
        detail: { after: { file: info.id, name: info.name } },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Marks a visit photo 可公开 (the bulletin may print it) — only with the visited person's consent
   * confirmed (受访者同意公开), recorded with who and when — or takes the mark back. Audited.
   */
  async setPhotoConsent(ctx: RequestContext, id: string, fileId: string, body: { publishable: boolean; consent: boolean }) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const v = await repo.visitInScope(trx, scopeFor(actor, 'care:manage'), id);
      if (!v) throw notFound('走访记录');
      const photo = (await this.core.files.listFor(trx, VISIT_PHOTO_OWNER, id)).find((f) => f.id === fileId);
      if (!photo) throw invalidField('fileId', '该照片不属于这次走访');
      const was = (await repo.photoConsents(trx, id)).some((c) => c.file_id === fileId);
      if (body.publishable === was) return;
      if (body.publishable) {
        if (!body.consent) throw invalidField('consent', '须经受访者同意后才能标记照片可公开，请先征得同意并勾选「受访者同意公开」');
        await repo.insertPhotoConsent(trx, {
          file_id: fileId,
          subdistrict_id: v.subdistrict_id,
          neighborhood_id: v.neighborhood_id,
          visit_id: id,
          recorded_by: actor.accountId,
          recorded_by_name: actor.displayName,
          recorded_at: nowIso(),
        });
      } else {
        await repo.deletePhotoConsent(trx, id, fileId);
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_photo_publishable',
        targetType: 'care_visit',
        targetId: id,
        detail: { before: { publishable: was }, after: { publishable: body.publishable, consent: body.publishable }, file: fileId },
      });
    });
    return this.get(ctx, id);
  }

  /** the month's visit photos marked 可公开 with consent, in scope, for the bulletin (no names: the caption is the occasion) */
  async publishablePhotos(scope: Scope, month: string) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const rows = await repo.publishablePhotos(this.core.db, scope, `${month}-01`, next);
    return rows.map((r) => ({ fileId: r.file_id, caption: '工作人员上门走访慰问', date: r.done_on as string, place: r.neighborhood_name }));
  }

  /** for core files: a visit photo is seen by whoever may read the visit */
  canSeeVisit = async (ctx: RequestContext, visitId: string) =>
    !!ctx.actor && !!(await repo.visitInScope(this.core.db, scopeFor(ctx.actor, 'care:read'), visitId));

  // ---- robots and the overdue job

  async robots(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const rows = await repo.robots(this.core.db, actor.subdistrictId);
    const mine = (orgId: string) => scope.subdistrictIds.includes(actor.subdistrictId) || scope.neighborhoodIds.includes(orgId);
    return rows
      .filter((r) => mine(r.org_id))
      .map((r) => ({
        orgId: r.org_id,
        orgName: r.org_name,
        webhookMasked: maskWebhook(decryptField(this.core.keys.field, r.webhook_enc)),
      }));
  }

  async saveRobot(ctx: RequestContext, input: z.output<typeof VisitRobotBody>) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const wide = scope.subdistrictIds.includes(actor.subdistrictId);
    const org = await this.core.db
      .selectFrom('org_units')
      .select(['id', 'kind', 'subdistrict_id'])
      .where('id', '=', input.orgId)
      .where('subdistrict_id', '=', actor.subdistrictId)
      .executeTakeFirst();
    const allowed =
      org && ((org.kind === 'subdistrict' && wide) || (org.kind === 'neighborhood' && (wide || scope.neighborhoodIds.includes(org.id))));
    if (!allowed) throw invalidField('orgId', '只能为本人管辖的街道或居民区设置机器人');
    await this.core.db.transaction().execute(async (trx) => {
      if (input.webhook === '') await repo.removeRobot(trx, actor.subdistrictId, input.orgId);
      else
        await repo.saveRobot(trx, {
          org_id: input.orgId,
          subdistrict_id: actor.subdistrictId,
          webhook_enc: encryptField(this.core.keys.field, input.webhook),
          updated_by: actor.accountId,
          updated_at: nowIso(),
        });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.visit_robot',
        targetType: 'org_unit',
        targetId: input.orgId,
        detail: { after: { webhook: input.webhook ? maskWebhook(input.webhook) : null } },
      });
    });
    return { robots: await this.robots(ctx) };
  }

  /**
   * The daily reminder (core.schedule, `care.visits_overdue`): every overdue visit is told once a
   * day to the beneficiary's responsible staff member (in-app inbox) and to the WeCom robot of
   * the neighborhood, or else of the care office. Returns how many overdue visits were told.
   */
  async notifyOverdue(now = new Date()): Promise<number> {
    const db = this.core.db;
    const today = todayIso(now);
    let told = 0;
    for (const sd of await repo.subdistrictsWithBeneficiaries(db)) {
      const rules = rulesOf(await ensureRules(db, sd));
      const rows = await repo.candidatesQuery(db, { subdistrictIds: [sd], neighborhoodIds: [] }).execute();
      const overdue = visitPlan(rules, candidatesOf(rows, today), today).filter((e) => e.state === 'overdue');
      if (overdue.length === 0) continue;
      const robotRows = await repo.robots(db, sd);
      const robotOf = (nb: string) => robotRows.find((r) => r.org_id === nb) ?? robotRows.find((r) => r.org_kind === 'subdistrict');
      const labels = new Map(
        (
          await repo.beneficiaryLabels(
            db,
            overdue.map((e) => e.subject.id),
          )
        ).map((l) => [l.id, l]),
      );
      for (const e of overdue) {
        const l = labels.get(e.subject.id);
        if (!l) continue;
        const r = e.subject.row;
        const sent = await db.transaction().execute(async (trx) => {
          if (!(await repo.claimNotice(trx, { beneficiary_id: r.id, day: today, subdistrict_id: sd, sent_at: now.toISOString() })))
            return false;
          const since = e.subject.lastVisitOn ? `已逾期 ${e.daysOverdue} 天（上次走访 ${e.subject.lastVisitOn}）` : '从未走访';
          const variables = { neighborhood: l.neighborhood_name, name: maskName(l.name), since, rule: e.rule.name };
          const source = { module: 'care', type: 'care.visit_overdue', id: r.id };
          if (r.staff_account_id) {
            await this.core.notify.enqueue(trx, {
              subdistrictId: sd,
              neighborhoodId: r.neighborhood_id,
              to: { channel: 'inapp', accountId: r.staff_account_id },
              subject: '上门走访逾期',
              template: '{neighborhood} {name} 的上门走访{since}，请尽快安排（{rule}）。',
              variables,
              link: `/care/visits?beneficiaryId=${r.id}`,
              source,
            });
          }
          const robot = robotOf(r.neighborhood_id);
          if (robot) {
            await this.core.notify.enqueue(trx, {
              subdistrictId: sd,
              neighborhoodId: r.neighborhood_id,
              to: { channel: 'wecom', webhook: decryptField(this.core.keys.field, robot.webhook_enc) },
              subject: '上门走访逾期',
              template: '【上门走访逾期】{neighborhood} {name}：{since}，请尽快安排（{rule}）。',
              variables,
              source,
            });
          }
          return true;
        });
        if (sent) told++;
      }
    }
    if (told > 0) this.core.notify.wake();
    return told;
  }
}
