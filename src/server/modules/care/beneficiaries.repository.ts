import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import { type PersonSearch, personSearchWhere } from '../../core/people/person-search';
import type { Executor } from '../../db/index';
import type { CareBeneficiariesTable } from './care.tables';

export interface BeneficiaryFilter {
  /** the search box, through core's one person search */
  search?: { terms: PersonSearch; ilike: 'like' | 'ilike' };
  neighborhoodId?: string;
  categoryId?: string;
  /** a manual reason, or a derived flag translated by the service into the conditions below */
  reason?: string;
  livingSituation?: string;
  bornOnOrBefore?: string;
  notContactedSince?: string;
  /** volunteers see only the people paired with them */
  volunteerAccountId?: string;
}

/** the rows in scope; the staff and volunteer names are joined only where rows are shown (a count needs no more) */
function scoped(db: Executor, scope: Scope) {
  return db
    .selectFrom('care_beneficiaries as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'b.neighborhood_id')
    .innerJoin('care_categories as c', 'c.id', 'b.category_id')
    .where('b.active', '=', 1)
    .where(scopeWhere(scope, 'b.subdistrict_id', 'b.neighborhood_id'));
}

function withNames<Q extends ReturnType<typeof scoped>>(q: Q) {
  return q.leftJoin('accounts as s', 's.id', 'b.staff_account_id').leftJoin('accounts as v', 'v.id', 'b.volunteer_account_id');
}

function base(db: Executor, scope: Scope) {
  return withNames(scoped(db, scope));
}

const COLUMNS = [
  'b.id',
  'b.person_id',
  'b.neighborhood_id',
  'b.category_id',
  'b.disability_grade',
  'b.living_situation',
  'b.health_notes_enc',
  'b.priority_reasons',
  'b.emergency_name',
  'b.emergency_phone_enc',
  'b.note',
  'b.staff_account_id',
  'b.volunteer_account_id',
  'b.last_contact_at',
  'p.name',
  'p.gender',
  'p.birth_date',
  'p.id_number_enc',
  'p.phone_enc',
  'p.alt_phone_enc',
  'p.road',
  'p.lane',
  'p.building',
  'p.room',
  'n.name as neighborhood_name',
  'c.name as category_name',
  's.display_name as staff_name',
  'v.display_name as volunteer_name',
] as const;

function filtered(db: Executor, scope: Scope, f: BeneficiaryFilter) {
  let q = scoped(db, scope);
  if (f.neighborhoodId) q = q.where('b.neighborhood_id', '=', f.neighborhoodId);
  if (f.categoryId) q = q.where('b.category_id', '=', f.categoryId);
  if (f.volunteerAccountId) q = q.where('b.volunteer_account_id', '=', f.volunteerAccountId);
  if (f.reason || f.livingSituation || f.bornOnOrBefore) {
    q = q.where((eb) =>
      eb.or([
        ...(f.reason ? [eb('b.priority_reasons', 'like', `%|${f.reason}|%`)] : []),
        ...(f.livingSituation ? [eb('b.living_situation', '=', f.livingSituation)] : []),
        ...(f.bornOnOrBefore ? [eb('p.birth_date', '<=', f.bornOnOrBefore)] : []),
      ]),
    );
  }
  if (f.notContactedSince) {
    const since = f.notContactedSince;
    q = q.where((eb) => eb.or([eb('b.last_contact_at', 'is', null), eb('b.last_contact_at', '<', since)]));
  }
  const search = f.search ? personSearchWhere(f.search.terms, f.search.ilike) : null;
  if (search) q = q.where(search);
  return q;
}

export async function listBeneficiaries(db: Executor, scope: Scope, f: BeneficiaryFilter, page?: { limit: number; offset: number }) {
  const q = filtered(db, scope, f);
  const total = page ? Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n) : 0;
  let rows = withNames(q).select(COLUMNS).orderBy('n.sort').orderBy('p.name_pinyin').orderBy('b.id');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total };
}

export async function countBeneficiaries(db: Executor, scope: Scope, f: BeneficiaryFilter): Promise<number> {
  return Number((await filtered(db, scope, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

/** The page after `after` in the list's order (neighborhood, pinyin, id): a row-value seek, for exports. */
export async function beneficiariesAfter(
  db: Executor,
  scope: Scope,
  f: BeneficiaryFilter,
  after: { neighborhood_sort: number; name_pinyin: string; id: string } | null,
  limit: number,
) {
  let q = filtered(db, scope, f);
  if (after)
    q = q.where(
      sql<boolean>`(${sql.ref('n.sort')}, ${sql.ref('p.name_pinyin')}, ${sql.ref('b.id')}) > (${after.neighborhood_sort}, ${after.name_pinyin}, ${after.id})`,
    );
  return withNames(q)
    .select(COLUMNS)
    .select(['n.sort as neighborhood_sort', 'p.name_pinyin'])
    .orderBy('n.sort')
    .orderBy('p.name_pinyin')
    .orderBy('b.id')
    .limit(limit)
    .execute();
}

export type BeneficiaryRow = Awaited<ReturnType<typeof listBeneficiaries>>['rows'][number];

export async function beneficiaryInScope(db: Executor, scope: Scope, id: string, volunteerAccountId?: string) {
  let q = base(db, scope).where('b.id', '=', id);
  if (volunteerAccountId) q = q.where('b.volunteer_account_id', '=', volunteerAccountId);
  return q.select([...COLUMNS, 'b.subdistrict_id']).executeTakeFirst();
}

export async function beneficiaryByPerson(db: Executor, subdistrictId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('care_beneficiaries')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('person_id', 'in', personIds)
    .execute();
}

export async function insertBeneficiary(db: Executor, row: CareBeneficiariesTable) {
  await db.insertInto('care_beneficiaries').values(row).execute();
}

export async function updateBeneficiary(db: Executor, id: string, patch: Partial<CareBeneficiariesTable>) {
  await db.updateTable('care_beneficiaries').set(patch).where('id', '=', id).execute();
}

export async function categories(db: Executor, subdistrictId: string) {
  return db.selectFrom('care_categories').selectAll().where('subdistrict_id', '=', subdistrictId).orderBy('sort').orderBy('name').execute();
}

export async function insertCategory(
  db: Executor,
  row: { id: string; subdistrict_id: string; name: string; sort: number; created_at: string },
) {
  await db
    .insertInto('care_categories')
    .values({ ...row, active: 1 })
    .execute();
}

/** accounts that may be paired with a beneficiary or make calls: in the subdistrict, with a role that grants care:call */
export async function careAccounts(db: Executor, subdistrictId: string, roles: string[]) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('account_roles as r', 'r.account_id', 'a.id')
    .innerJoin('org_units as o', 'o.id', 'r.org_id')
    .select(['a.id', 'a.display_name', 'r.role', 'r.org_id', 'o.kind as org_kind', 'o.name as org_name'])
    .where('a.subdistrict_id', '=', subdistrictId)
    .where('a.disabled', '=', 0)
    .where('a.kind', '=', 'staff')
    .where('r.role', 'in', roles)
    .orderBy('a.display_name')
    .execute();
}

export async function neighborhoodNames(db: Executor, subdistrictId: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('kind', '=', 'neighborhood')
    .orderBy('sort')
    .execute();
}
export type BeneficiaryPageRow = Awaited<ReturnType<typeof beneficiariesAfter>>[number];
