import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  CreateRunsBody,
  DeliveryPlan,
  DeliveryPlanBody,
  DeliveryReportFields,
  DeliveryTask,
  DeliveryTaskQuery,
} from '../../../contracts/care-deliveries';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField } from '../../core/crypto/fields';
import { conflict, invalidField, notFound } from '../../core/errors';
import { preparePhoto } from '../../core/files/photo';
import { formatAddress } from '../../core/people/people.domain';
import type { Executor } from '../../db/index';
import type { BeneficiariesService } from './beneficiaries.service';
import { presentItems, presentTask } from './deliveries.presenter';
import * as repo from './deliveries.repository';
import type { CareDeliveryTasksTable } from './deliveries.tables';
import {
  assignRuns,
  batchRuns,
  canMoveDelivery,
  compareAddress,
  DELIVERY_STATUS_LABEL,
  type DeliveryStatus,
  deliveryMoveRefusal,
  groupHouseholds,
  parseAddress,
} from './domain/deliveries';
import * as needsRepo from './needs.repository';

/** the file owner type of delivery photos: its check lets care staff of the scope and the task's volunteer see them */
export const DELIVERY_PHOTO_OWNER = 'care.delivery';

const URGENCY = ['critical', 'urgent', 'normal'] as const;

type ReportFields = z.output<typeof DeliveryReportFields> & { at?: string };

/** 无接触配送: plan runs from verified needs, create them, follow the volunteers' reports, confirm receipt. */
export class DeliveriesService {
  constructor(
    private readonly core: Core,
    private readonly beneficiaries: BeneficiariesService,
  ) {
    core.files.registerOwner(DELIVERY_PHOTO_OWNER, async (ctx, taskId) => {
      const actor = ctx.actor;
      if (!actor) return false;
      return repo.photoVisible(this.core.db, scopeFor(actor, 'care:read'), actor.accountId, taskId);
    });
  }

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);

  /** volunteers of the subdistrict, with the neighborhoods they serve */
  async volunteers(ctx: RequestContext) {
    const all = await this.beneficiaries.careAccounts(ctx);
    return all.filter((a) => a.roles.includes('volunteer'));
  }

  /** A proposal, nothing written: verified needs → households → runs of a short walk → volunteers. */
  async plan(ctx: RequestContext, body: z.output<typeof DeliveryPlanBody>): Promise<DeliveryPlan> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const needs = await repo.plannableNeeds(this.core.db, scope, body);
    const byBeneficiary = new Map(needs.map((n) => [n.beneficiary_id, n]));
    const households = groupHouseholds(
      needs.map((n) => ({
        id: n.id,
        beneficiaryId: n.beneficiary_id,
        neighborhoodId: n.neighborhood_id,
        item: n.item,
        quantity: n.quantity,
        urgency: n.urgency as 'normal',
      })),
      (id) => parseAddress(byBeneficiary.get(id) ?? {}),
    );
    const runs = batchRuns(households, body.maxPerRun);
    const known = await this.volunteers(ctx);
    const slots = body.volunteers.map((v, i) => {
      const k = known.find((a) => a.id === v.accountId);
      if (!k) throw invalidField(`volunteers.${i}.accountId`, '志愿者不存在或已停用');
      return { accountId: k.id, neighborhoodIds: k.neighborhoodIds, capacity: v.capacity };
    });
    const assigned = assignRuns(runs, slots);
    return {
      needs: needs.length,
      households: households.length,
      runs: runs.map((r, i) => {
        const first = byBeneficiary.get(r.households[0]?.beneficiaryId ?? '');
        const lanes = [...new Set(r.households.map((h) => h.address.lane).filter((l) => l !== null))];
        const lanePart = lanes.length === 0 ? '' : lanes.length === 1 ? ` ${lanes[0]}弄` : ` ${lanes[0]}–${lanes.at(-1)}弄`;
        return {
          neighborhoodId: r.neighborhoodId,
          neighborhoodName: first?.neighborhood_name ?? '',
          title: `${first?.neighborhood_name ?? ''} · ${r.road || '地址未填'}${lanePart}`,
          volunteerId: assigned[i] ?? null,
          households: r.households.map((h) => {
            const p = byBeneficiary.get(h.beneficiaryId);
            return {
              beneficiaryId: h.beneficiaryId,
              name: p?.name ?? '',
              address: p ? formatAddress(p) : '',
              urgency: URGENCY[h.urgency] ?? 'normal',
              needIds: h.needIds,
              items: presentItems(h.items),
            };
          }),
        };
      }),
    };
  }

  /**
   * Makes the runs and their tasks and moves the needs 已核实 → 已安排, in one transaction with the
   * audit entry. The same client key again makes nothing and answers what the first made.
   */
  async createRuns(ctx: RequestContext, body: z.output<typeof CreateRunsBody>) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:manage');
    const volunteers = body.runs.some((r) => r.volunteerId) ? await this.volunteers(ctx) : [];
    body.runs.forEach((r, i) => {
      if (r.volunteerId && !volunteers.some((v) => v.id === r.volunteerId))
        throw invalidField(`runs.${i}.volunteerId`, `路线「${r.title}」的志愿者不存在或已停用`);
    });
    return this.core.db.transaction().execute(async (trx) => {
      const earlier = await repo.runIdsOfBatch(trx, actor.subdistrictId, body.clientKey);
      if (earlier.length) return { runIds: earlier, tasks: 0, duplicate: true };
      const wanted = body.runs.flatMap((r) => r.households.flatMap((h) => h.needIds));
      if (new Set(wanted).size !== wanted.length) throw invalidField('runs', '同一需求出现在两条路线中，请重新生成方案');
      const needs = new Map((await repo.plannableNeeds(trx, scope, { ids: wanted })).map((n) => [n.id, n]));
      const now = nowIso();
      const runIds: string[] = [];
      let taskCount = 0;
      for (const r of body.runs) {
        const runId = uuidv7();
        const households = r.households.map((h, hi) => {
          const rows = h.needIds.map((id) => needs.get(id));
          if (rows.some((n) => !n || n.beneficiary_id !== h.beneficiaryId))
            throw conflict(`路线「${r.title}」第 ${hi + 1} 户的需求已被安排、取消或不在您的管辖范围内，请重新生成方案`);
          const ok = rows as repo.PlannableNeed[];
          return { needs: ok, first: ok[0] as repo.PlannableNeed, key: parseAddress(ok[0] as repo.PlannableNeed) };
        });
        households.sort((a, b) => compareAddress(a.key, b.key));
        const first = households[0]?.first as repo.PlannableNeed;
        const tasks: CareDeliveryTasksTable[] = [];
        const links: { task_id: string; need_id: string }[] = [];
        for (const [i, h] of households.entries()) {
          const id = uuidv7();
          const items = groupHouseholds(
            h.needs.map((n) => ({
              id: n.id,
              beneficiaryId: n.beneficiary_id,
              neighborhoodId: n.neighborhood_id,
              item: n.item,
              quantity: n.quantity,
              urgency: 'normal',
            })),
            () => h.key,
          )[0]?.items;
          tasks.push({
            id,
            subdistrict_id: h.first.subdistrict_id,
            neighborhood_id: h.first.neighborhood_id,
            run_id: runId,
            beneficiary_id: h.first.beneficiary_id,
            seq: i + 1,
            items: JSON.stringify(items ?? []),
            address: formatAddress(h.first) || '（地址未登记）',
            mode: body.mode,
            due_at: new Date(body.dueAt).toISOString(),
            volunteer_account_id: r.volunteerId,
            status: 'open',
            taken_at: null,
            delivered_at: null,
            photo_file_id: null,
            note: null,
            fail_reason: null,
            report_client_key: null,
            reported_by: null,
            confirmed_at: null,
            confirmed_by: null,
            confirm_note: null,
            created_at: now,
            updated_at: now,
          });
          for (const n of h.needs) links.push({ task_id: id, need_id: n.id });
        }
        await repo.insertRun(
          trx,
          {
            id: runId,
            subdistrict_id: first.subdistrict_id,
            neighborhood_id: first.neighborhood_id,
            title: r.title,
            volunteer_account_id: r.volunteerId,
            mode: body.mode,
            due_at: new Date(body.dueAt).toISOString(),
            batch_key: body.clientKey,
            created_by: actor.accountId,
            created_at: now,
          },
          tasks,
          links,
        );
        for (const h of households)
          for (const n of h.needs)
            await this.moveNeed(trx, n.id, n.subdistrict_id, 'verified', 'arranged', `安排配送：${r.title}`, actor.accountId, now);
        runIds.push(runId);
        taskCount += tasks.length;
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.delivery_create',
        targetType: 'care_delivery_run',
        targetId: runIds[0],
        detail: { after: { runs: runIds.length, tasks: taskCount, needs: wanted.length, mode: body.mode } },
      });
      return { runIds, tasks: taskCount, duplicate: false };
    });
  }

  private async moveNeed(trx: Executor, id: string, sd: string, from: string, to: string, note: string, by: string, at: string) {
    const ok = await needsRepo.moveNeed(trx, id, from, to, {
      id: uuidv7(),
      subdistrict_id: sd,
      need_id: id,
      from_status: from,
      to_status: to,
      note,
      by_account_id: by,
      at,
    });
    if (!ok) throw conflict('需求刚被他人更新，请刷新后重试');
  }

  // ---- staff

  /** A run (its tasks not yet taken) goes to another volunteer: when no one was free, or someone falls ill. */
  async assignRun(ctx: RequestContext, runId: string, volunteerId: string) {
    const actor = requireActor(ctx);
    // the run first: one outside the scope is not found, whatever the volunteer
    if (!(await repo.runInScope(this.core.db, scopeFor(actor, 'care:manage'), runId))) throw notFound('配送路线');
    if (!(await this.volunteers(ctx)).some((v) => v.id === volunteerId)) throw invalidField('volunteerId', '志愿者不存在或已停用');
    return this.core.db.transaction().execute(async (trx) => {
      const run = await repo.runInScope(trx, scopeFor(actor, 'care:manage'), runId);
      if (!run) throw notFound('配送路线');
      const tasks = await repo.assignRun(trx, runId, volunteerId, nowIso());
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.delivery_assign',
        targetType: 'care_delivery_run',
        targetId: runId,
        detail: { before: { volunteerId: run.volunteer_account_id }, after: { volunteerId }, tasks },
      });
      return { runId, volunteerId, tasks };
    });
  }

  async list(ctx: RequestContext, q: z.output<typeof DeliveryTaskQuery>) {
    const scope = scopeFor(requireActor(ctx), 'care:read');
    const { rows, total } = await repo.listTasks(
      this.core.db,
      scope,
      { status: q.status, neighborhoodId: q.neighborhoodId },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map((r) => presentTask(r, this.decrypt)), total };
  }

  async get(ctx: RequestContext, id: string): Promise<DeliveryTask> {
    const row = await repo.findTask(this.core.db, scopeFor(requireActor(ctx), 'care:read'), { id });
    if (!row) throw notFound('配送任务');
    return presentTask(row, this.decrypt);
  }

  /**
   * 已回访确认: a call confirmed the household received it. The task's needs move 已安排 → 已送达.
   * A second confirm (double click) changes nothing and answers the task.
   */
  async confirm(ctx: RequestContext, id: string, note?: string | null): Promise<DeliveryTask> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const t = await repo.findTask(trx, scopeFor(actor, 'care:manage'), { id });
      if (!t) throw notFound('配送任务');
      if (t.status === 'confirmed') return;
      if (!canMoveDelivery(t.status as DeliveryStatus, 'confirmed', 'staff'))
        throw conflict(deliveryMoveRefusal(t.status as DeliveryStatus, 'confirmed'));
      const at = nowIso();
      const ok = await repo.moveTask(trx, id, t.status, {
        status: 'confirmed',
        confirmed_at: at,
        confirmed_by: actor.accountId,
        confirm_note: note || null,
        updated_at: at,
      });
      if (!ok) throw conflict('该配送任务刚被他人更新，请刷新后重试');
      for (const n of await repo.needsOfTask(trx, id))
        if (n.status === 'arranged')
          await this.moveNeed(trx, n.id, n.subdistrict_id, 'arranged', 'delivered', '回访确认已收到', actor.accountId, at);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.delivery_confirm',
        targetType: 'care_delivery_task',
        targetId: id,
        detail: { before: { status: t.status }, after: { status: 'confirmed' }, name: t.name },
      });
    });
    return this.get(ctx, id);
  }

  async figures(ctx: RequestContext) {
    return repo.deliveryFigures(this.core.db, scopeFor(requireActor(ctx), 'care:read'));
  }

  // ---- the volunteer's own tasks

  private async own(exec: Executor, ctx: RequestContext, id: string) {
    const row = await repo.findTask(exec, null, { id, volunteerId: requireActor(ctx).accountId });
    if (!row) throw notFound('配送任务');
    return row;
  }

  /** the volunteer's tasks still to do first, each run in walking order; done ones after */
  async mine(ctx: RequestContext): Promise<DeliveryTask[]> {
    const { rows } = await repo.listTasks(this.core.db, null, { volunteerId: requireActor(ctx).accountId }, { limit: 300, offset: 0 });
    const done = (s: string) => (s === 'open' || s === 'taken' || s === 'on_way' ? 0 : 1);
    return rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => done(a.r.status) - done(b.r.status) || a.i - b.i)
      .map(({ r }) => presentTask(r, this.decrypt));
  }

  async mineOne(ctx: RequestContext, id: string): Promise<DeliveryTask> {
    return presentTask(await this.own(this.core.db, ctx, id), this.decrypt);
  }

  /** The household's phone, in full, to call from the task: audited each time. */
  async phone(ctx: RequestContext, id: string): Promise<{ phone: string | null }> {
    const t = await this.own(this.core.db, ctx, id);
    await this.core.audit.record(this.core.db, auditActor(ctx), {
      action: 'care.delivery_phone_reveal',
      targetType: 'care_beneficiary',
      targetId: t.beneficiary_id,
      detail: { taskId: id, name: t.name },
    });
    return { phone: t.phone_enc ? this.decrypt(t.phone_enc) : null };
  }

  /** 领取 / 出发: a repeat of the step already taken is no change. */
  async move(ctx: RequestContext, id: string, to: 'taken' | 'on_way'): Promise<DeliveryTask> {
    await this.core.db.transaction().execute(async (trx) => {
      const t = await this.own(trx, ctx, id);
      const from = t.status as DeliveryStatus;
      if (from === to) return;
      if (!canMoveDelivery(from, to, 'volunteer')) throw conflict(deliveryMoveRefusal(from, to));
      const at = nowIso();
      if (!(await repo.moveTask(trx, id, from, { status: to, updated_at: at, ...(to === 'taken' && { taken_at: at }) })))
        throw conflict('该配送任务刚被更新，请刷新后重试');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.delivery_status',
        targetType: 'care_delivery_task',
        targetId: id,
        detail: { before: { status: from }, after: { status: to } },
      });
    });
    return this.mineOne(ctx, id);
  }

  /**
   * 已送达 (with a photo) or 未能送达 (with a reason). The client's key makes a double tap or an
   * offline retry count once: the same key answers the first report. A failed delivery puts its
   * needs back to 已核实, so staff can plan them again.
   */
  async report(ctx: RequestContext, id: string, f: ReportFields, photo: { data: Buffer; name: string } | null) {
    const actor = requireActor(ctx);
    const earlier = await repo.taskByReportKey(this.core.db, f.clientKey);
    if (earlier) {
      if (earlier.id !== id || earlier.volunteer_account_id !== actor.accountId) throw conflict('提交编号重复，请刷新后重试');
      return { task: await this.mineOne(ctx, id), duplicate: true };
    }
    const t = await this.own(this.core.db, ctx, id);
    const from = t.status as DeliveryStatus;
    if (!canMoveDelivery(from, f.outcome, 'volunteer')) {
      throw conflict(from === 'open' ? '请先领取该任务' : `该任务已是「${DELIVERY_STATUS_LABEL[from]}」，不能再报告`);
    }
    if (f.outcome === 'delivered' && !photo) throw invalidField('photo', '请拍一张送达照片');
    if (f.outcome === 'failed' && !f.reason) throw invalidField('reason', '请选择未能送达的原因');
    const image = photo ? await preparePhoto(photo.data, photo.name) : null;
    const now = new Date();
    // a report queued offline carries when it was made; never later than now, never before the task
    const at = f.at && f.at >= t.created_at && new Date(f.at) <= now ? new Date(f.at).toISOString() : now.toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      const file = image
        ? await this.core.files.store(ctx, image, {
            name: `送达照片-${t.id.slice(-6)}.jpg`,
            allowed: ['jpeg'],
            owner: { type: DELIVERY_PHOTO_OWNER, id },
            subdistrictId: t.subdistrict_id,
            neighborhoodId: t.neighborhood_id,
            trx,
          })
        : null;
      const ok = await repo.moveTask(trx, id, from, {
        status: f.outcome,
        report_client_key: f.clientKey,
        reported_by: actor.accountId,
        updated_at: now.toISOString(),
        ...(f.outcome === 'delivered'
          ? { delivered_at: at, photo_file_id: file?.id ?? null, note: f.note || null }
          : { fail_reason: f.reason ?? null, note: f.note || null }),
      });
      if (!ok) throw conflict('该配送任务刚被更新，请刷新后重试');
      if (f.outcome === 'failed') {
        for (const n of await repo.needsOfTask(trx, id))
          if (n.status === 'arranged')
            await this.moveNeed(trx, n.id, n.subdistrict_id, 'arranged', 'verified', `未能送达：${f.reason}`, actor.accountId, at);
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.delivery_report',
        targetType: 'care_delivery_task',
        targetId: id,
        detail: { before: { status: from }, after: { status: f.outcome }, photo: !!file, reason: f.reason ?? null },
      });
    });
    return { task: await this.mineOne(ctx, id), duplicate: false };
  }
}
