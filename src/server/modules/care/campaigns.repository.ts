import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type { CareCallsTable, CareCallTasksTable, CareCampaignsTable } from './care.tables';
import { progressStatus } from './domain/queue';

export async function insertCampaign(db: Executor, row: CareCampaignsTable) {
  await db.insertInto('care_campaigns').values(row).execute();
}

export async function insertTasks(db: Executor, rows: CareCallTasksTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('care_call_tasks')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Campaigns the actor manages (its care:read scope), or in which it has calls to make. */
export async function campaignsVisible(db: Executor, scope: Scope, accountId: string, id?: string) {
  let q = db
    .selectFrom('care_campaigns as c')
    .selectAll('c')
    .where((eb) =>
      eb.or([
        scopeWhere(scope, 'c.subdistrict_id', 'c.neighborhood_id'),
        eb.exists(
          eb
            .selectFrom('care_call_tasks as t')
            .select('t.id')
            .whereRef('t.campaign_id', '=', 'c.id')
            .where('t.caller_account_id', '=', accountId),
        ),
      ]),
    );
  if (id) q = q.where('c.id', '=', id);
  return q.orderBy('c.created_at', 'desc').limit(200).execute();
}

export async function campaignInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('care_campaigns as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(scopeWhere(scope, 'c.subdistrict_id', 'c.neighborhood_id'))
    .executeTakeFirst();
}

/** task counts per status, with the grouping key asked for; restricted to one caller when given */
export async function taskCounts(db: Executor, campaignIds: string[], by: 'campaign' | 'neighborhood' | 'caller', callerId?: string) {
  if (campaignIds.length === 0) return [];
  const key = by === 'campaign' ? 't.campaign_id' : by === 'neighborhood' ? 't.neighborhood_id' : 't.caller_account_id';
  let q = db
    .selectFrom('care_call_tasks as t')
    .select([sql<string>`${sql.ref(key)}`.as('key'), 't.status', sql<number>`count(*)`.as('n')])
    .where('t.campaign_id', 'in', campaignIds)
    .groupBy([key, 't.status']);
  if (callerId) q = q.where('t.caller_account_id', '=', callerId);
  return (await q.execute()).map((r) => ({ key: r.key ?? '', status: r.status, n: Number(r.n) }));
}

export async function queueOf(db: Executor, campaignId: string, callerId: string) {
  return (
    db
      .selectFrom('care_call_tasks as t')
      .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
      .select([
        't.id',
        't.beneficiary_id',
        't.status',
        't.attempts',
        't.last_outcome',
        'p.name',
        'p.phone_enc',
        'p.birth_date',
        'p.road',
        'p.lane',
        'p.building',
        'p.room',
        'b.living_situation',
        'b.priority_reasons',
        'n.name as neighborhood_name',
      ])
      .where('t.campaign_id', '=', campaignId)
      .where('t.caller_account_id', '=', callerId)
      // people not yet tried first, then the ones tried least often, oldest attempt first
      .orderBy(sql`case when ${sql.ref('t.status')} = 'pending' then 0 else 1 end`)
      .orderBy('t.attempts')
      .orderBy(sql`coalesce(${sql.ref('t.last_attempt_at')}, '')`)
      .orderBy('p.name_pinyin')
      .execute()
  );
}

/**
 * A call task the actor may work on: its own task, or any task inside the scope where it
 * manages care. Anything else is not found.
 */
export async function taskForCaller(db: Executor, id: string, accountId: string, manageScope: Scope) {
  return db
    .selectFrom('care_call_tasks as t')
    .innerJoin('care_campaigns as c', 'c.id', 't.campaign_id')
    .selectAll('t')
    .select(['c.title', 'c.talking_points', 'c.max_attempts', 'c.status as campaign_status'])
    .where('t.id', '=', id)
    .where((eb) => eb.or([eb('t.caller_account_id', '=', accountId), scopeWhere(manageScope, 't.subdistrict_id', 't.neighborhood_id')]))
    .executeTakeFirst();
}

export async function updateTask(db: Executor, id: string, expectedAttempts: number, patch: Partial<CareCallTasksTable>) {
  const r = await db
    .updateTable('care_call_tasks')
    .set(patch)
    .where('id', '=', id)
    .where('attempts', '=', expectedAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function callByClientKey(db: Executor, clientKey: string) {
  return db.selectFrom('care_calls').selectAll().where('client_key', '=', clientKey).executeTakeFirst();
}

export async function insertCall(db: Executor, row: CareCallsTable) {
  await db.insertInto('care_calls').values(row).execute();
}

export async function recentCalls(db: Executor, beneficiaryId: string, limit = 10) {
  return db
    .selectFrom('care_calls as k')
    .leftJoin('accounts as a', 'a.id', 'k.caller_account_id')
    .select([
      'k.id',
      'k.created_at',
      'k.outcome',
      'k.health_status',
      'k.living_status',
      'k.mood',
      'k.note',
      'a.display_name as caller_name',
    ])
    .where('k.beneficiary_id', '=', beneficiaryId)
    .orderBy('k.created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Task counts of campaigns by neighborhood, caller and status, with their names: the shared
 * state of a campaign's live progress. Not scoped: each viewer's part is cut from it in
 * memory (domain/progress.ts), after the viewer was authorised for the campaign.
 */
export async function progressCounts(db: Executor, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('care_call_tasks as t')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .leftJoin('accounts as a', 'a.id', 't.caller_account_id')
    .select([
      't.campaign_id',
      't.neighborhood_id',
      'n.name as neighborhood_name',
      't.caller_account_id',
      'a.display_name',
      't.status',
      sql<number>`case when ${sql.ref('t.attempts')} > 0 then 1 else 0 end`.as('tried'),
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(${sql.ref('t.attempts')})`.as('attempts'),
    ])
    .where('t.campaign_id', 'in', campaignIds)
    .groupBy([
      't.campaign_id',
      't.neighborhood_id',
      'n.name',
      't.caller_account_id',
      'a.display_name',
      't.status',
      sql`case when ${sql.ref('t.attempts')} > 0 then 1 else 0 end`,
    ])
    .execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    neighborhoodId: r.neighborhood_id,
    neighborhoodName: r.neighborhood_name,
    callerId: r.caller_account_id,
    callerName: r.display_name,
    // a pending task already tried is back in the queue: it counts as tried (retry), not as still to call
    status: progressStatus(r.status, Number(r.tried)),
    n: Number(r.n),
    attempts: Number(r.attempts ?? 0),
  }));
}

export async function campaignById(db: Executor, id: string) {
  return db.selectFrom('care_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** the first tasks of a campaign by id (the demo seed records a few calls on them) */
export async function taskIdsOf(db: Executor, campaignId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('care_call_tasks')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
