import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import { type PersonSearch, personSearchWhere } from '../../core/people/person-search';
import type { Executor } from '../../db/index';
import type { CareNeedEventsTable, CareNeedsTable, CareTodosTable } from './care.tables';

export interface NeedFilter {
  status?: string;
  statuses?: string[];
  item?: string;
  neighborhoodId?: string;
  beneficiaryId?: string;
  /** a name, pinyin or phone tail, through core's one person search */
  search?: { terms: PersonSearch; ilike: 'like' | 'ilike' };
}

function needs(db: Executor, scope: Scope, f: NeedFilter) {
  let q = db
    .selectFrom('care_needs as d')
    .innerJoin('care_beneficiaries as b', 'b.id', 'd.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'd.neighborhood_id')
    .where(scopeWhere(scope, 'd.subdistrict_id', 'd.neighborhood_id'));
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.statuses) q = q.where('d.status', 'in', f.statuses);
  if (f.item) q = q.where('d.item', '=', f.item);
  if (f.neighborhoodId) q = q.where('d.neighborhood_id', '=', f.neighborhoodId);
  if (f.beneficiaryId) q = q.where('d.beneficiary_id', '=', f.beneficiaryId);
  const search = f.search ? personSearchWhere(f.search.terms, f.search.ilike) : null;
  if (search) q = q.where(search);
  return q;
}

export async function listNeeds(db: Executor, scope: Scope, f: NeedFilter, page?: { limit: number; offset: number }) {
  const q = needs(db, scope, f);
  const total = page ? Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) : 0;
  let rows = q
    .selectAll('d')
    .select(['p.name', 'n.name as neighborhood_name'])
    .orderBy(sql`case ${sql.ref('d.urgency')} when 'critical' then 0 when 'urgent' then 1 else 2 end`)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total };
}
export type NeedRow = Awaited<ReturnType<typeof listNeeds>>['rows'][number];

const URGENCY_RANK = sql<number>`case ${sql.ref('d.urgency')} when 'critical' then 0 when 'urgent' then 1 else 2 end`;

export async function countNeeds(db: Executor, scope: Scope, f: NeedFilter): Promise<number> {
  return Number((await needs(db, scope, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/**
 * The page after `after` in the list's order (most urgent first, newest first, then id): a
 * keyset seek, for exports. The order mixes directions, so the seek is spelled out.
 */
export async function needsAfter(
  db: Executor,
  scope: Scope,
  f: NeedFilter,
  after: { urgency_rank: number; created_at: string; id: string } | null,
  limit: number,
) {
  let q = needs(db, scope, f);
  if (after) {
    const { urgency_rank: r, created_at: at, id } = after;
    q = q.where(
      sql<boolean>`(${URGENCY_RANK} > ${r} or (${URGENCY_RANK} = ${r} and (${sql.ref('d.created_at')}, ${sql.ref('d.id')}) < (${at}, ${id})))`,
    );
  }
  const rows = await q
    .selectAll('d')
    .select(['p.name', 'n.name as neighborhood_name', URGENCY_RANK.as('urgency_rank')])
    .orderBy(URGENCY_RANK)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  // PostgreSQL returns the rank as a number already; keep one type for the next seek
  return rows.map((r) => ({ ...r, urgency_rank: Number(r.urgency_rank) }));
}
export type NeedPageRow = Awaited<ReturnType<typeof needsAfter>>[number];

export async function needsSummary(db: Executor, scope: Scope, statuses: string[]) {
  const rows = await needs(db, scope, { statuses })
    .select([
      'd.item',
      'd.neighborhood_id',
      'n.name as neighborhood_name',
      'n.sort',
      sql<number>`sum(${sql.ref('d.quantity')})`.as('quantity'),
      sql<number>`count(distinct ${sql.ref('d.beneficiary_id')})`.as('people'),
      sql<number>`sum(case when ${sql.ref('d.urgency')} = 'normal' then 0 else ${sql.ref('d.quantity')} end)`.as('urgent'),
    ])
    .groupBy(['d.item', 'd.neighborhood_id', 'n.name', 'n.sort'])
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), people: Number(r.people), urgent: Number(r.urgent) }));
}

export async function needInScope(db: Executor, scope: Scope, id: string) {
  return needs(db, scope, {}).selectAll('d').select(['p.name', 'n.name as neighborhood_name']).where('d.id', '=', id).executeTakeFirst();
}

export async function insertNeeds(db: Executor, rows: CareNeedsTable[], events: CareNeedEventsTable[]) {
  if (rows.length === 0) return;
  await db.insertInto('care_needs').values(rows).execute();
  await db.insertInto('care_need_events').values(events).execute();
}

export async function moveNeed(db: Executor, id: string, from: string, to: string, event: CareNeedEventsTable) {
  const r = await db
    .updateTable('care_needs')
    .set({ status: to, updated_at: event.at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.insertInto('care_need_events').values(event).execute();
  return true;
}

export async function insertTodo(db: Executor, row: CareTodosTable) {
  await db.insertInto('care_todos').values(row).execute();
}

export async function listTodos(db: Executor, scope: Scope, f: { status?: string; beneficiaryId?: string }) {
  let q = db
    .selectFrom('care_todos as t')
    .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .selectAll('t')
    .select(['p.name', 'n.name as neighborhood_name'])
    .where(scopeWhere(scope, 't.subdistrict_id', 't.neighborhood_id'));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.beneficiaryId) q = q.where('t.beneficiary_id', '=', f.beneficiaryId);
  return q.orderBy('t.created_at', 'desc').limit(500).execute();
}

export async function closeTodo(db: Executor, scope: Scope, id: string, by: string, at: string) {
  const r = await db
    .updateTable('care_todos')
    .set({ status: 'done', done_at: at, done_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
