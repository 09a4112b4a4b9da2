import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type { CareVisitPhotoConsentsTable, CareVisitRulesTable, CareVisitStateTable, CareVisitsTable } from './visits.tables';

// ---- rules

export async function listRules(db: Executor, subdistrictId: string) {
  return db
    .selectFrom('care_visit_rules as r')
    .leftJoin('care_categories as c', 'c.id', 'r.category_id')
    .selectAll('r')
    .select('c.name as category_name')
    .where('r.subdistrict_id', '=', subdistrictId)
    .orderBy('r.sort')
    .orderBy('r.created_at')
    .execute();
}
export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export async function insertRule(db: Executor, row: CareVisitRulesTable, opts: { skipIfNamed?: boolean } = {}) {
  let q = db.insertInto('care_visit_rules').values(row);
  if (opts.skipIfNamed) q = q.onConflict((oc) => oc.columns(['subdistrict_id', 'name']).doNothing());
  await q.execute();
}

export async function updateRule(db: Executor, subdistrictId: string, id: string, patch: Partial<CareVisitRulesTable>) {
  const r = await db
    .updateTable('care_visit_rules')
    .set(patch)
    .where('id', '=', id)
    .where('subdistrict_id', '=', subdistrictId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function ruleById(db: Executor, subdistrictId: string, id: string) {
  return db.selectFrom('care_visit_rules').selectAll().where('id', '=', id).where('subdistrict_id', '=', subdistrictId).executeTakeFirst();
}

// ---- who may be due: active beneficiaries in scope with their visit state

/** One row per active beneficiary in scope: what the rules look at, and the visit state kept on write. */
export function candidatesQuery(db: Executor, scope: Scope | null, neighborhoodId?: string) {
  let q = db
    .selectFrom('care_beneficiaries as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .leftJoin('care_visit_state as vs', 'vs.beneficiary_id', 'b.id')
    .where('b.active', '=', 1);
  if (scope) q = q.where(scopeWhere(scope, 'b.subdistrict_id', 'b.neighborhood_id'));
  if (neighborhoodId) q = q.where('b.neighborhood_id', '=', neighborhoodId);
  return q.select([
    'b.id',
    'b.subdistrict_id',
    'b.neighborhood_id',
    'b.category_id',
    'b.priority_reasons',
    'b.living_situation',
    'b.staff_account_id',
    'b.last_contact_at',
    'b.created_at',
    'p.birth_date',
    'vs.last_visit_on',
    'vs.next_visit_on',
  ]);
}
export type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidatesQuery>['execute']>>[number];

/** names and addresses of the given beneficiaries, for the rows a list shows */
export async function beneficiaryLabels(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('care_beneficiaries as b')
        .innerJoin('persons as p', 'p.id', 'b.person_id')
        .innerJoin('org_units as n', 'n.id', 'b.neighborhood_id')
        .innerJoin('care_categories as c', 'c.id', 'b.category_id')
        .leftJoin('accounts as s', 's.id', 'b.staff_account_id')
        .select([
          'b.id',
          'p.name',
          'p.road',
          'p.lane',
          'p.building',
          'p.room',
          'n.name as neighborhood_name',
          'n.sort',
          'c.name as category_name',
          's.display_name as staff_name',
        ])
        .where('b.id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

// ---- visits

function visits(db: Executor, scope: Scope) {
  return db
    .selectFrom('care_visits as v')
    .innerJoin('care_beneficiaries as b', 'b.id', 'v.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'v.neighborhood_id')
    .leftJoin('accounts as r', 'r.id', 'v.recorded_by')
    .where(scopeWhere(scope, 'v.subdistrict_id', 'v.neighborhood_id'))
    .selectAll('v')
    .select(['p.name', 'n.name as neighborhood_name', 'r.display_name as recorded_by_name']);
}

export async function visitInScope(db: Executor, scope: Scope, id: string) {
  return visits(db, scope).where('v.id', '=', id).executeTakeFirst();
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof visitInScope>>>;

export async function listVisits(db: Executor, scope: Scope, f: { beneficiaryId?: string; status?: string; beneficiaryIds?: string[] }) {
  let q = visits(db, scope);
  if (f.beneficiaryId) q = q.where('v.beneficiary_id', '=', f.beneficiaryId);
  if (f.beneficiaryIds) {
    if (f.beneficiaryIds.length === 0) return [];
    q = q.where('v.beneficiary_id', 'in', f.beneficiaryIds);
  }
  if (f.status) q = q.where('v.status', '=', f.status);
  return q
    .orderBy(sql`coalesce(${sql.ref('v.done_on')}, ${sql.ref('v.scheduled_on')})`, 'desc')
    .orderBy('v.id', 'desc')
    .limit(500)
    .execute();
}

export async function visitByKey(db: Executor, column: 'client_key' | 'record_key', key: string) {
  return db.selectFrom('care_visits').selectAll().where(column, '=', key).executeTakeFirst();
}

export async function insertVisit(db: Executor, row: CareVisitsTable) {
  await db.insertInto('care_visits').values(row).execute();
}

/** a change to a visit still in the status `from`; false when someone changed it first */
export async function updateVisit(db: Executor, id: string, from: string, patch: Partial<CareVisitsTable>) {
  const r = await db.updateTable('care_visits').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function visitState(db: Executor, beneficiaryId: string) {
  return db.selectFrom('care_visit_state').selectAll().where('beneficiary_id', '=', beneficiaryId).executeTakeFirst();
}

/**
 * Keeps the beneficiary's visit state current in the transaction that records a visit: the
 * latest visit day (a visit recorded late for an earlier day does not move it back), the next
 * visit agreed on at the latest visit, and the count.
 */
export async function recordInState(db: Executor, row: Omit<CareVisitStateTable, 'visits'>) {
  // one upsert: in SET both databases read the row as it was before the statement
  const newer = sql<boolean>`(${sql.ref('care_visit_state.last_visit_on')} is null or ${sql.ref('excluded.last_visit_on')} >= ${sql.ref('care_visit_state.last_visit_on')})`;
  await db
    .insertInto('care_visit_state')
    .values({ ...row, visits: 1 })
    .onConflict((oc) =>
      oc.column('beneficiary_id').doUpdateSet({
        visits: sql`${sql.ref('care_visit_state.visits')} + 1`,
        updated_at: row.updated_at,
        last_visit_on: sql`case when ${newer} then ${sql.ref('excluded.last_visit_on')} else ${sql.ref('care_visit_state.last_visit_on')} end`,
        next_visit_on: sql`case when ${newer} then ${sql.ref('excluded.next_visit_on')} else ${sql.ref('care_visit_state.next_visit_on')} end`,
      }),
    )
    .execute();
}

export async function accountNames(db: Executor, subdistrictId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** the visits of one beneficiary, for the timeline (the caller has checked the beneficiary is in scope) */
export async function visitsOf(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('care_visits as v')
    .leftJoin('accounts as r', 'r.id', 'v.recorded_by')
    .leftJoin('accounts as c', 'c.id', 'v.created_by')
    .selectAll('v')
    .select(['r.display_name as recorded_by_name', 'c.display_name as created_by_name'])
    .where('v.beneficiary_id', '=', beneficiaryId)
    .orderBy('v.created_at', 'desc')
    .limit(200)
    .execute();
}

// ---- overdue notices and robots

/** true when this is the first notice of the day for the beneficiary */
export async function claimNotice(db: Executor, row: { beneficiary_id: string; day: string; subdistrict_id: string; sent_at: string }) {
  const r = await db
    .insertInto('care_visit_notices')
    .values(row)
    .onConflict((oc) => oc.columns(['beneficiary_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function robots(db: Executor, subdistrictId: string) {
  return db
    .selectFrom('care_visit_robots as r')
    .innerJoin('org_units as o', 'o.id', 'r.org_id')
    .select(['r.org_id', 'r.webhook_enc', 'o.name as org_name', 'o.kind as org_kind'])
    .where('r.subdistrict_id', '=', subdistrictId)
    .execute();
}

export async function saveRobot(
  db: Executor,
  row: { org_id: string; subdistrict_id: string; webhook_enc: string; updated_by: string; updated_at: string },
) {
  await db
    .insertInto('care_visit_robots')
    .values(row)
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({ webhook_enc: row.webhook_enc, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function removeRobot(db: Executor, subdistrictId: string, orgId: string) {
  await db.deleteFrom('care_visit_robots').where('org_id', '=', orgId).where('subdistrict_id', '=', subdistrictId).execute();
}

export async function subdistrictsWithBeneficiaries(db: Executor) {
  return (await db.selectFrom('care_beneficiaries').select('subdistrict_id').distinct().execute()).map((r) => r.subdistrict_id);
}

// ---- consent to publish a visit photo (受访者同意公开)

export function photoConsents(db: Executor, visitId: string) {
  return db.selectFrom('care_visit_photo_consents').selectAll().where('visit_id', '=', visitId).execute();
}

export async function insertPhotoConsent(db: Executor, row: CareVisitPhotoConsentsTable) {
  await db
    .insertInto('care_visit_photo_consents')
    .values(row)
    .onConflict((oc) => oc.column('file_id').doNothing())
    .execute();
}

export async function deletePhotoConsent(db: Executor, visitId: string, fileId: string) {
  const r = await db
    .deleteFrom('care_visit_photo_consents')
    .where('visit_id', '=', visitId)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** photos of visits done on [first, next) in scope, marked publishable with consent, oldest first */
export function publishablePhotos(db: Executor, scope: Scope, first: string, next: string) {
  return db
    .selectFrom('care_visit_photo_consents as c')
    .innerJoin('care_visits as v', 'v.id', 'c.visit_id')
    .innerJoin('files as f', 'f.id', 'c.file_id')
    .innerJoin('org_units as n', 'n.id', 'v.neighborhood_id')
    .where(scopeWhere(scope, 'v.subdistrict_id', 'v.neighborhood_id'))
    .where('v.status', '=', 'done')
    .where('v.done_on', '>=', first)
    .where('v.done_on', '<', next)
    .where('f.owner_type', '=', 'care.visit')
    .whereRef('f.owner_id', '=', 'v.id')
    .select(['c.file_id', 'v.done_on', 'n.name as neighborhood_name'])
    .orderBy('v.done_on')
    .orderBy('c.file_id')
    .execute();
}
