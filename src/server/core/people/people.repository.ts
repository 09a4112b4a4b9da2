import { type SelectQueryBuilder, sql } from 'kysely';
import type { DbDialect } from '../../db/dialect/index';
import type { Executor, Tx } from '../../db/index';
import type { DB, PersonContactHistoryTable, PersonsTable } from '../../db/schema';
import { type Scope, scopeWhere } from '../access/actor';
import { type PersonSearch, personSearchWhere } from './person-search';

export type PersonRow = PersonsTable & { neighborhood_name: string | null };

/** A list filter: the search (columns and hashes, see person-search.ts) and the list's own filters. */
export interface PersonFilter extends PersonSearch {
  neighborhoodId?: string;
  gender?: string;
}

// the filter touches the persons table only: counting needs no join (with one, SQLite counted 62,000 people ten times slower)
function filtered(db: Executor, scope: Scope, f: PersonFilter, ilike: 'like' | 'ilike') {
  let q = db.selectFrom('persons as p').where(scopeWhere(scope, 'p.subdistrict_id', 'p.neighborhood_id'));
  if (f.neighborhoodId) q = q.where('p.neighborhood_id', '=', f.neighborhoodId);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  const search = personSearchWhere(f, ilike);
  if (search) q = q.where(search);
  return q;
}

function withColumns<O>(q: SelectQueryBuilder<DB & { p: PersonsTable }, 'p', O>) {
  return q.leftJoin('org_units as n', 'n.id', 'p.neighborhood_id').selectAll('p').select('n.name as neighborhood_name');
}

export async function listPersons(
  db: Executor,
  scope: Scope,
  f: PersonFilter,
  ilike: 'like' | 'ilike',
  page: { limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  const base = filtered(db, scope, f, ilike);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  // a deferred join: the page's ids are found (and skipped over) in the (subdistrict or neighborhood, pinyin, id)
  // index alone, then only those rows are read; a deep page costs about as little as the first
  const ids = base.select('p.id').orderBy('p.name_pinyin').orderBy('p.id').limit(page.limit).offset(page.offset);
  const rows = await withColumns(db.selectFrom('persons as p')).where('p.id', 'in', ids).orderBy('p.name_pinyin').orderBy('p.id').execute();
  return { rows, total: Number(total.n) };
}

/** Every matching person, a page at a time in a stable order, for exports. */
export async function* iteratePersons(db: Executor, scope: Scope, f: PersonFilter, ilike: 'like' | 'ilike', pageSize = 1000) {
  let after: { pinyin: string; id: string } | null = null;
  for (;;) {
    let q = withColumns(filtered(db, scope, f, ilike));
    if (after) {
      const a: { pinyin: string; id: string } = after;
      // a row-value comparison both databases seek to through the pinyin index; the OR form scanned from the start on every page
      q = q.where(sql<boolean>`(${sql.ref('p.name_pinyin')}, ${sql.ref('p.id')}) > (${a.pinyin}, ${a.id})`);
    }
    const rows = await q.orderBy('p.name_pinyin').orderBy('p.id').limit(pageSize).execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { pinyin: last.name_pinyin, id: last.id };
  }
}

export async function countPersons(db: Executor, scope: Scope, f: PersonFilter, ilike: 'like' | 'ilike'): Promise<number> {
  const r = await filtered(db, scope, f, ilike).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function personInScope(db: Executor, scope: Scope, id: string): Promise<PersonRow | undefined> {
  return withColumns(filtered(db, scope, {}, 'like'))
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function personsByIdHash(db: Executor, subdistrictId: string, hashes: string[]): Promise<PersonsTable[]> {
  if (hashes.length === 0) return [];
  return db.selectFrom('persons').selectAll().where('subdistrict_id', '=', subdistrictId).where('id_hash', 'in', hashes).execute();
}

// every column, in the order insertRows binds them; `satisfies` keeps the list whole when the table grows
const PERSON_COLUMNS = [
  'id',
  'subdistrict_id',
  'neighborhood_id',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'id_number_enc',
  'id_hash',
  'id_tail',
  'phone_enc',
  'phone_hash',
  'phone_tail',
  'alt_phone_enc',
  'alt_phone_hash',
  'alt_phone_tail',
  'road',
  'lane',
  'building',
  'room',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
] as const satisfies readonly (keyof PersonsTable)[];
// fails to compile, naming the column, when PersonsTable has one the list lacks
const complete: [Exclude<keyof PersonsTable, (typeof PERSON_COLUMNS)[number]>] extends [never] ? true : never = true;
void complete;

/** New persons, many at a time (imports write tens of thousands in one transaction). */
export async function insertPersons(trx: Tx, dialect: DbDialect, rows: PersonsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await dialect.insertRows(
    trx,
    'persons',
    PERSON_COLUMNS,
    rows.map((r) => PERSON_COLUMNS.map((c) => r[c])),
  );
}

export async function updatePerson(db: Executor, id: string, patch: Partial<PersonsTable>): Promise<void> {
  await db.updateTable('persons').set(patch).where('id', '=', id).execute();
}

export async function insertHistory(db: Executor, rows: PersonContactHistoryTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('person_contact_history')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function historyOf(db: Executor, personId: string, limit = 100): Promise<PersonContactHistoryTable[]> {
  return db
    .selectFrom('person_contact_history')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Neighborhoods an actor may use for a permission (all of a granted subdistrict, or the granted ones). */
export async function neighborhoodsInScope(db: Executor, scope: Scope): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('kind', '=', 'neighborhood')
    .where(scopeWhere(scope, 'subdistrict_id', 'id'))
    .orderBy('sort')
    .orderBy('name')
    .execute();
}
