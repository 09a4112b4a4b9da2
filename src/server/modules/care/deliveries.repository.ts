import { type Kysely, sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type { DB } from '../../db/schema';
import type { CareDeliveryRunsTable, CareDeliveryTasksTable } from './deliveries.tables';
import { NEED_ITEMS } from './domain/catalogue';
import { DELIVERY_MODE_LABEL, DELIVERY_STATUS_LABEL, type DeliveryMode, type DeliveryStatus } from './domain/deliveries';
import type { TimelineEntry } from './domain/timeline';

/** Verified needs inside the scope, with what a plan needs of their beneficiary (name, address). */
export async function plannableNeeds(
  db: Executor,
  scope: Scope,
  f: { items?: string[]; neighborhoodIds?: string[]; urgencies?: string[]; ids?: string[] },
) {
  let q = db
    .selectFrom('care_needs as d')
    .innerJoin('care_beneficiaries as b', 'b.id', 'd.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'd.neighborhood_id')
    .select([
      'd.id',
      'd.subdistrict_id',
      'd.neighborhood_id',
      'd.beneficiary_id',
      'd.item',
      'd.quantity',
      'd.urgency',
      'd.status',
      'p.name',
      'p.road',
      'p.lane',
      'p.building',
      'p.room',
      'n.name as neighborhood_name',
    ])
    .where('d.status', '=', 'verified')
    .where('b.active', '=', 1)
    .where(scopeWhere(scope, 'd.subdistrict_id', 'd.neighborhood_id'));
  if (f.items?.length) q = q.where('d.item', 'in', f.items);
  if (f.neighborhoodIds?.length) q = q.where('d.neighborhood_id', 'in', f.neighborhoodIds);
  if (f.urgencies?.length) q = q.where('d.urgency', 'in', f.urgencies);
  if (f.ids) q = f.ids.length ? q.where('d.id', 'in', f.ids) : q.where(sql<boolean>`1 = 0`);
  return q.orderBy('d.created_at').orderBy('d.id').limit(5000).execute();
}
export type PlannableNeed = Awaited<ReturnType<typeof plannableNeeds>>[number];

export async function runIdsOfBatch(db: Executor, subdistrictId: string, batchKey: string) {
  const rows = await db
    .selectFrom('care_delivery_runs')
    .select('id')
    .where('subdistrict_id', '=', subdistrictId)
    .where('batch_key', '=', batchKey)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertRun(
  db: Executor,
  run: CareDeliveryRunsTable,
  tasks: CareDeliveryTasksTable[],
  links: { task_id: string; need_id: string }[],
) {
  await db.insertInto('care_delivery_runs').values(run).execute();
  if (tasks.length) await db.insertInto('care_delivery_tasks').values(tasks).execute();
  if (links.length) await db.insertInto('care_delivery_task_needs').values(links).execute();
}

export interface TaskFilter {
  id?: string;
  status?: string;
  neighborhoodId?: string;
  beneficiaryId?: string;
  /** only this volunteer's tasks (the volunteer's own pages) */
  volunteerId?: string;
}

/** Tasks with their run, person and volunteer. `scope` null: not scoped by org (the volunteer's own tasks). */
function tasks(db: Executor, scope: Scope | null, f: TaskFilter) {
  let q = db
    .selectFrom('care_delivery_tasks as t')
    .innerJoin('care_delivery_runs as r', 'r.id', 't.run_id')
    .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .leftJoin('accounts as v', 'v.id', 't.volunteer_account_id');
  if (scope) q = q.where(scopeWhere(scope, 't.subdistrict_id', 't.neighborhood_id'));
  if (f.id) q = q.where('t.id', '=', f.id);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.neighborhoodId) q = q.where('t.neighborhood_id', '=', f.neighborhoodId);
  if (f.beneficiaryId) q = q.where('t.beneficiary_id', '=', f.beneficiaryId);
  if (f.volunteerId) q = q.where('t.volunteer_account_id', '=', f.volunteerId);
  return q;
}

const TASK_COLUMNS = [
  'r.title as run_title',
  'p.name',
  'p.phone_enc',
  'n.name as neighborhood_name',
  'v.display_name as volunteer_name',
] as const;

export async function listTasks(db: Executor, scope: Scope | null, f: TaskFilter, page?: { limit: number; offset: number }) {
  const q = tasks(db, scope, f);
  const total = page ? Number((await q.select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow()).c) : 0;
  let rows = q
    .selectAll('t')
    .select(TASK_COLUMNS)
    // a walk: due first, then run by run in walking order
    .orderBy('t.due_at')
    .orderBy('t.run_id')
    .orderBy('t.seq');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total };
}
export type TaskRow = Awaited<ReturnType<typeof listTasks>>['rows'][number];

export async function findTask(db: Executor, scope: Scope | null, f: TaskFilter) {
  return tasks(db, scope, f).selectAll('t').select(TASK_COLUMNS).executeTakeFirst();
}

export async function runInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('care_delivery_runs')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .executeTakeFirst();
}

/** a run and its tasks still to be taken go to `volunteerId`; tasks already taken stay with who took them */
export async function assignRun(db: Executor, runId: string, volunteerId: string, at: string) {
  await db.updateTable('care_delivery_runs').set({ volunteer_account_id: volunteerId }).where('id', '=', runId).execute();
  const r = await db
    .updateTable('care_delivery_tasks')
    .set({ volunteer_account_id: volunteerId, updated_at: at })
    .where('run_id', '=', runId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function taskByReportKey(db: Executor, key: string) {
  return db.selectFrom('care_delivery_tasks').selectAll().where('report_client_key', '=', key).executeTakeFirst();
}

/** A status-guarded update: true when the task was still in `from`. */
export async function moveTask(db: Executor, id: string, from: string, set: Partial<CareDeliveryTasksTable>) {
  const r = await db.updateTable('care_delivery_tasks').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function needsOfTask(db: Executor, taskId: string) {
  return db
    .selectFrom('care_delivery_task_needs as l')
    .innerJoin('care_needs as d', 'd.id', 'l.need_id')
    .select(['d.id', 'd.status', 'd.subdistrict_id'])
    .where('l.task_id', '=', taskId)
    .execute();
}

/** who may see a task's photo: staff reading care where the task is, or its volunteer */
export async function photoVisible(db: Executor, scope: Scope, accountId: string, taskId: string) {
  const row = await db
    .selectFrom('care_delivery_tasks as t')
    .select('t.id')
    .where('t.id', '=', taskId)
    .where((eb) =>
      eb.or([
        scopeWhere(scope, 't.subdistrict_id', 't.neighborhood_id'),
        eb('t.volunteer_account_id', '=', accountId),
        eb('t.reported_by', '=', accountId),
      ]),
    )
    .executeTakeFirst();
  return !!row;
}

const itemLabel = (code: string) => NEED_ITEMS.find((i) => i.code === code);

export function describeItems(json: string): string {
  const items = JSON.parse(json) as { item: string; quantity: number }[];
  return items.map((i) => `${itemLabel(i.item)?.label ?? i.item} ${i.quantity}${itemLabel(i.item)?.unit ?? ''}`).join('、');
}

/**
 * 生活动态 source: one beneficiary's deliveries — arranged, delivered or not, confirmed — as
 * timeline entries. The timeline route has checked the beneficiary is in the actor's scope.
 */
export async function deliveryTimeline(db: Kysely<DB>, beneficiaryId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('care_delivery_tasks as t')
    .leftJoin('accounts as v', 'v.id', 't.volunteer_account_id')
    .leftJoin('accounts as c', 'c.id', 't.confirmed_by')
    .leftJoin('accounts as m', 'm.id', 't.reported_by')
    .select([
      't.id',
      't.items',
      't.mode',
      't.status',
      't.due_at',
      't.created_at',
      't.delivered_at',
      't.note',
      't.fail_reason',
      't.updated_at',
      't.confirmed_at',
      't.confirm_note',
      'v.display_name as volunteer_name',
      'c.display_name as confirmer_name',
      'm.display_name as reporter_name',
    ])
    .where('t.beneficiary_id', '=', beneficiaryId)
    .orderBy('t.created_at', 'desc')
    .limit(100)
    .execute();
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    const what = describeItems(r.items);
    out.push({
      key: `delivery:${r.id}:arranged`,
      kind: 'delivery',
      at: r.created_at,
      title: `安排配送：${what}`,
      details: [
        `${DELIVERY_MODE_LABEL[r.mode as DeliveryMode] ?? r.mode}`,
        r.volunteer_name ? `志愿者：${r.volunteer_name}` : '尚未指派志愿者',
      ],
      by: null,
    });
    if (r.status === 'failed') {
      out.push({
        key: `delivery:${r.id}:failed`,
        kind: 'delivery',
        at: r.updated_at,
        title: `未能送达：${r.fail_reason ?? '未说明原因'}`,
        details: [what, ...(r.note ? [r.note] : [])],
        by: r.reporter_name,
      });
    }
    if (r.delivered_at) {
      out.push({
        key: `delivery:${r.id}:delivered`,
        kind: 'delivery',
        at: r.delivered_at,
        title: `已送达：${what}`,
        details: r.note ? [r.note] : [],
        by: r.reporter_name,
      });
    }
    if (r.confirmed_at) {
      out.push({
        key: `delivery:${r.id}:confirmed`,
        kind: 'delivery',
        at: r.confirmed_at,
        title: `已回访确认收到：${what}`,
        details: r.confirm_note ? [r.confirm_note] : [],
        by: r.confirmer_name,
      });
    }
  }
  return out;
}

/** 配送完成情况 by neighborhood inside the scope: done (送达或已确认), pending, failed. */
export async function deliveryFigures(db: Kysely<DB>, scope: Scope) {
  const rows = await db
    .selectFrom('care_delivery_tasks as t')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .select([
      't.neighborhood_id',
      'n.name',
      'n.sort',
      sql<number>`sum(case when ${sql.ref('t.status')} in ('delivered', 'confirmed') then 1 else 0 end)`.as('done'),
      sql<number>`sum(case when ${sql.ref('t.status')} in ('open', 'taken', 'on_way') then 1 else 0 end)`.as('pending'),
      sql<number>`sum(case when ${sql.ref('t.status')} = 'failed' then 1 else 0 end)`.as('failed'),
    ])
    .where(scopeWhere(scope, 't.subdistrict_id', 't.neighborhood_id'))
    .groupBy(['t.neighborhood_id', 'n.name', 'n.sort'])
    .orderBy('n.sort')
    .execute();
  return rows.map((r) => ({
    neighborhoodId: r.neighborhood_id,
    neighborhoodName: r.name,
    done: Number(r.done),
    pending: Number(r.pending),
    failed: Number(r.failed),
  }));
}

export const statusLabel = (s: string) => DELIVERY_STATUS_LABEL[s as DeliveryStatus] ?? s;
