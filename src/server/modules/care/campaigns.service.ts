import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { CallScreen, CampaignDetail, CreateCampaignBody, RecordCallBody } from '../../../contracts/care';
import { type Actor, type Scope, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, maskPhone } from '../../core/crypto/fields';
import { AppError, conflict, invalid, notFound } from '../../core/errors';
import { todayIso } from '../../core/people/id-number';
import * as bRepo from './beneficiaries.repository';
import type { BeneficiariesService } from './beneficiaries.service';
import * as repo from './campaigns.repository';
import { flagsOf, presentBeneficiary, presentCall, presentCampaign, presentNeed } from './care.presenter';
import type { CareCampaignsTable, CareNeedEventsTable, CareNeedsTable } from './care.tables';
import { streetAddress } from './domain/address';
import { type ProgressCount, type ProgressViewer, progressOf } from './domain/progress';
import { afterCall, splitCalls, type TaskStatus } from './domain/queue';
import * as needsRepo from './needs.repository';
import { isUrgent, notifyUrgentNeeds, urgentFacts } from './urgent';

type CreateCampaign = z.output<typeof CreateCampaignBody>;
type RecordCall = z.output<typeof RecordCallBody>;

/** bus topic of a campaign's changes; its live progress (campaigns.live.ts) reloads on each */
export const campaignTopic = (id: string) => `care.campaign.${id}`;

const viewerOf = (read: Scope, subdistrictId: string, accountId: string): ProgressViewer => ({
  all: read.subdistrictIds.includes(subdistrictId),
  neighborhoodIds: read.neighborhoodIds,
  callerId: accountId,
});

export interface CampaignProgress {
  campaign: CareCampaignsTable;
  counts: ProgressCount[];
}

export class CampaignsService {
  constructor(
    private readonly core: Core,
    private readonly beneficiaries: BeneficiariesService,
  ) {}

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);

  async create(ctx: RequestContext, input: CreateCampaign) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const today = todayIso();
    const callers = (await this.beneficiaries.careAccounts(ctx)).filter((a) => input.callerIds.includes(a.id));
    const missing = input.callerIds.filter((id) => !callers.some((c) => c.id === id));
    if (missing.length) throw invalid('话务员不存在或没有慰问权限', [{ path: 'callerIds', message: '话务员不存在或没有慰问权限' }]);

    const people = [];
    for (const nb of input.filter.neighborhoodIds?.length ? input.filter.neighborhoodIds : [undefined]) {
      const { rows } = await bRepo.listBeneficiaries(this.core.db, scope, { neighborhoodId: nb });
      people.push(...rows);
    }
    const flags = input.filter.flags ?? [];
    const covered = people.filter((r) => {
      if (input.filter.categoryIds?.length && !input.filter.categoryIds.includes(r.category_id)) return false;
      if (flags.length === 0) return true;
      const have = flagsOf(r, today);
      return flags.some((f) => have.includes(f));
    });
    if (covered.length === 0) throw invalid('筛选条件下没有优抚对象', [{ path: 'filter', message: '筛选条件下没有优抚对象' }]);

    const assignment = splitCalls(
      covered.map((r) => ({ id: r.id, neighborhoodId: r.neighborhood_id })),
      callers.map((c) => ({ accountId: c.id, neighborhoodIds: c.neighborhoodIds })),
      input.splitMode,
    );
    // neighborhood staff run campaigns of their own neighborhood; subdistrict staff the whole subdistrict
    const ownNeighborhood =
      scope.subdistrictIds.length === 0 && scope.neighborhoodIds.length === 1 ? (scope.neighborhoodIds[0] as string) : null;
    const id = uuidv7();
    const now = nowIso();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertCampaign(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        neighborhood_id: ownNeighborhood,
        title: input.title,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        talking_points: input.talkingPoints,
        filter: JSON.stringify(input.filter),
        split_mode: input.splitMode,
        max_attempts: input.maxAttempts,
        status: 'active',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      });
      await repo.insertTasks(
        trx,
        covered.map((r) => ({
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          neighborhood_id: r.neighborhood_id,
          campaign_id: id,
          beneficiary_id: r.id,
          caller_account_id: assignment.get(r.id) ?? null,
          status: 'pending',
          attempts: 0,
          last_outcome: null,
          last_attempt_at: null,
          created_at: now,
        })),
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.campaign_create',
        targetType: 'care_campaign',
        targetId: id,
        detail: { after: { title: input.title, people: covered.length, callers: input.callerIds.length, filter: input.filter } },
      });
    });
    return this.get(ctx, id);
  }

  async list(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const read = scopeFor(actor, 'care:read');
    const rows = await repo.campaignsVisible(this.core.db, read, actor.accountId);
    const counts = await repo.progressCounts(
      this.core.db,
      rows.map((r) => r.id),
    );
    // the totals of what each viewer may see, as on the campaign's own page
    return rows.map((c) => {
      const viewer = viewerOf(read, c.subdistrict_id, actor.accountId);
      return presentCampaign(
        c,
        progressOf(
          counts.filter((x) => x.campaignId === c.id),
          viewer,
        ).byNeighborhood,
      );
    });
  }

  /** A campaign the actor manages or calls in; otherwise not found. */
  private async visible(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const [c] = await repo.campaignsVisible(this.core.db, scopeFor(actor, 'care:read'), actor.accountId, id);
    if (!c) throw notFound('慰问活动');
    return c;
  }

  async get(ctx: RequestContext, id: string): Promise<CampaignDetail> {
    const viewer = await this.progressViewer(requireActor(ctx), id);
    return this.progressView(await this.progressState(id), viewer);
  }

  /**
   * What of campaign `id`'s progress `actor` may see (domain/progress.ts); not found when it
   * neither reads care where the campaign runs nor calls in it. The live hub asks again when
   * the actor's grants change.
   */
  async progressViewer(actor: Actor, id: string): Promise<ProgressViewer> {
    const read = scopeFor(actor, 'care:read');
    const [c] = await repo.campaignsVisible(this.core.db, read, actor.accountId, id);
    if (!c) throw notFound('慰问活动');
    return viewerOf(read, c.subdistrict_id, actor.accountId);
  }

  /** the campaign and all its counts, read once per change and shared by every viewer */
  async progressState(id: string): Promise<CampaignProgress> {
    const [campaign, counts] = await Promise.all([repo.campaignById(this.core.db, id), repo.progressCounts(this.core.db, [id])]);
    if (!campaign) throw notFound('慰问活动');
    return { campaign, counts };
  }

  /** one viewer's part of the progress, in memory */
  progressView(state: CampaignProgress, viewer: ProgressViewer): CampaignDetail {
    const c = state.campaign;
    // a closed campaign shows the figures frozen at its close
    const frozen = c.summary ? (JSON.parse(c.summary) as { counts: ProgressCount[] }).counts : null;
    const { byNeighborhood, byCaller } = progressOf(frozen ?? state.counts, viewer);
    return {
      ...presentCampaign(c, byNeighborhood),
      talkingPoints: c.talking_points,
      splitMode: c.split_mode as 'evenly' | 'neighborhood',
      maxAttempts: c.max_attempts,
      byNeighborhood,
      byCaller,
    };
  }

  async queue(ctx: RequestContext, campaignId: string) {
    const actor = requireActor(ctx);
    const c = await this.visible(ctx, campaignId);
    const today = todayIso();
    const rows = await repo.queueOf(this.core.db, campaignId, actor.accountId);
    const items = rows.map((r) => ({
      taskId: r.id,
      beneficiaryId: r.beneficiary_id,
      name: r.name,
      neighborhoodName: r.neighborhood_name,
      address: streetAddress(r, r.neighborhood_name),
      phoneMasked: r.phone_enc ? maskPhone(this.decrypt(r.phone_enc)) : null,
      flags: flagsOf(r, today),
      attempts: r.attempts,
      lastOutcome: (r.last_outcome as 'busy' | null) ?? null,
      status: r.status as TaskStatus,
    }));
    return { campaignId, title: c.title, items, done: items.filter((i) => i.status !== 'pending').length };
  }

  private async task(ctx: RequestContext, taskId: string) {
    const actor = requireActor(ctx);
    const t = await repo.taskForCaller(this.core.db, taskId, actor.accountId, scopeFor(actor, 'care:manage'));
    if (!t) throw notFound('慰问任务');
    return t;
  }

  async screen(ctx: RequestContext, taskId: string): Promise<CallScreen> {
    const t = await this.task(ctx, taskId);
    const today = todayIso();
    const row = await bRepo.beneficiaryInScope(this.core.db, { subdistrictIds: [t.subdistrict_id], neighborhoodIds: [] }, t.beneficiary_id);
    if (!row) throw notFound('优抚对象');
    const b = presentBeneficiary(row, this.decrypt, today);
    const [recent, needs] = await Promise.all([
      repo.recentCalls(this.core.db, t.beneficiary_id, 5),
      needsRepo.listNeeds(
        this.core.db,
        { subdistrictIds: [t.subdistrict_id], neighborhoodIds: [] },
        { beneficiaryId: t.beneficiary_id, statuses: ['registered', 'verified', 'arranged'] },
      ),
    ]);
    return {
      taskId: t.id,
      campaignId: t.campaign_id,
      campaignTitle: t.title,
      talkingPoints: t.talking_points,
      status: t.status as TaskStatus,
      attempts: t.attempts,
      maxAttempts: t.max_attempts,
      beneficiary: {
        id: b.id,
        name: b.name,
        gender: b.gender,
        age: b.age,
        neighborhoodName: b.neighborhoodName,
        address: b.address,
        category: b.category,
        livingSituation: b.livingSituation,
        flags: b.flags,
        phoneMasked: b.phoneMasked,
        altPhoneMasked: row.alt_phone_enc ? maskPhone(this.decrypt(row.alt_phone_enc)) : null,
        emergencyName: row.emergency_name,
      },
      recentCalls: recent.map(presentCall),
      openNeeds: needs.rows.map(presentNeed),
    };
  }

  /** The phones, in full, to dial: for the task's caller or care managers, audited each time. */
  async phones(ctx: RequestContext, taskId: string) {
    const t = await this.task(ctx, taskId);
    const row = await bRepo.beneficiaryInScope(this.core.db, { subdistrictIds: [t.subdistrict_id], neighborhoodIds: [] }, t.beneficiary_id);
    if (!row) throw notFound('优抚对象');
    await this.core.audit.record(this.core.db, auditActor(ctx), {
      action: 'care.call_reveal',
      targetType: 'care_beneficiary',
      targetId: t.beneficiary_id,
      detail: { taskId, name: row.name },
    });
    const clear = (v: string | null) => (v ? this.decrypt(v) : null);
    return { phone: clear(row.phone_enc), altPhone: clear(row.alt_phone_enc), emergencyPhone: clear(row.emergency_phone_enc) };
  }

  async recordCall(ctx: RequestContext, taskId: string, input: RecordCall) {
    const actor = requireActor(ctx);
    const t = await this.task(ctx, taskId);
    const result = await this.core.db.transaction().execute(async (trx) => {
      const earlier = await repo.callByClientKey(trx, input.clientKey);
      if (earlier) {
        if (earlier.task_id !== taskId) throw conflict('提交编号重复，请刷新后重试');
        const needIds = (
          await needsRepo.listNeeds(trx, { subdistrictIds: [t.subdistrict_id], neighborhoodIds: [] }, { beneficiaryId: t.beneficiary_id })
        ).rows
          .filter((n) => n.call_id === earlier.id)
          .map((n) => n.id);
        const current = await repo.taskForCaller(trx, taskId, actor.accountId, scopeFor(actor, 'care:manage'));
        return {
          callId: earlier.id,
          taskStatus: (current?.status ?? t.status) as TaskStatus,
          requeued: current?.status === 'pending',
          needIds,
          duplicate: true,
        };
      }
      if (t.status !== 'pending')
        throw new AppError(409, 'CONFLICT', t.status === 'reached' ? '该对象本次活动已慰问完成' : '该对象本次活动已结束拨打');
      if (t.campaign_status !== 'active') throw conflict('慰问活动已结束');
      const next = afterCall({ status: t.status as TaskStatus, attempts: t.attempts }, input.outcome, t.max_attempts);
      const now = nowIso();
      const callId = uuidv7();
      const moved = await repo.updateTask(trx, taskId, t.attempts, {
        status: next.status,
        attempts: next.attempts,
        last_outcome: input.outcome,
        last_attempt_at: now,
      });
      // someone else recorded a call on this task meanwhile: ask to reload rather than count twice
      if (moved !== 1) throw conflict('该任务刚被他人更新，请刷新后重试');
      await repo.insertCall(trx, {
        id: callId,
        subdistrict_id: t.subdistrict_id,
        neighborhood_id: t.neighborhood_id,
        task_id: taskId,
        beneficiary_id: t.beneficiary_id,
        caller_account_id: actor.accountId,
        client_key: input.clientKey,
        outcome: input.outcome,
        health_status: input.healthStatus ?? null,
        living_status: input.livingStatus ?? null,
        mood: input.mood ?? null,
        advice_given: input.adviceGiven ? 1 : 0,
        follow_up: input.followUp ? 1 : 0,
        note: input.note || null,
        created_at: now,
      });
      const needs: CareNeedsTable[] = input.needs.map((n) => ({
        id: uuidv7(),
        subdistrict_id: t.subdistrict_id,
        neighborhood_id: t.neighborhood_id,
        beneficiary_id: t.beneficiary_id,
        call_id: callId,
        item: n.item,
        quantity: n.quantity,
        urgency: n.urgency,
        note: n.note || null,
        status: 'registered',
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      }));
      const events: CareNeedEventsTable[] = needs.map((n) => ({
        id: uuidv7(),
        subdistrict_id: n.subdistrict_id,
        need_id: n.id,
        from_status: null,
        to_status: 'registered',
        note: '电话慰问登记',
        by_account_id: actor.accountId,
        at: now,
      }));
      await needsRepo.insertNeeds(trx, needs, events);
      if (needs.some((n) => isUrgent(n.urgency))) {
        const b = await bRepo.beneficiaryInScope(trx, { subdistrictIds: [t.subdistrict_id], neighborhoodIds: [] }, t.beneficiary_id);
        if (b) await notifyUrgentNeeds(this.core, trx, urgentFacts(b, needs), actor.accountId);
      }
      if (input.outcome === 'reached') await bRepo.updateBeneficiary(trx, t.beneficiary_id, { last_contact_at: now });
      const todo = (kind: 'fix_phone' | 'follow_up', note: string) =>
        needsRepo.insertTodo(trx, {
          id: uuidv7(),
          subdistrict_id: t.subdistrict_id,
          neighborhood_id: t.neighborhood_id,
          beneficiary_id: t.beneficiary_id,
          kind,
          status: 'open',
          note,
          source_call_id: callId,
          created_at: now,
          done_at: null,
          done_by: null,
        });
      if (next.fixPhone) await todo('fix_phone', `「${t.title}」拨打时号码错误，请核实并更新联系电话`);
      if (input.followUp) await todo('follow_up', input.note || `「${t.title}」通话后需跟进`);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.call_record',
        targetType: 'care_beneficiary',
        targetId: t.beneficiary_id,
        detail: { campaignId: t.campaign_id, outcome: input.outcome, needs: needs.length, taskStatus: next.status },
      });
      return { callId, taskStatus: next.status, requeued: next.requeue, needIds: needs.map((n) => n.id), duplicate: false };
    });
    if (!result.duplicate) await this.core.events.publish(campaignTopic(t.campaign_id), { taskId, status: result.taskStatus });
    if (!result.duplicate && input.needs.some((n) => isUrgent(n.urgency))) this.core.notify.wake();
    return result;
  }
}
