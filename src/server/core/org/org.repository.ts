import { sql } from 'kysely';
import type { Executor } from '../../db/index';
import type { OrgUnitsTable } from '../../db/schema';

export type OrgRow = OrgUnitsTable;

export async function unitsOfSubdistricts(db: Executor, subdistrictIds: string[]): Promise<OrgRow[]> {
  if (subdistrictIds.length === 0) return [];
  const rows = await db
    .selectFrom('org_units')
    .selectAll()
    .where((eb) => eb.or([eb('subdistrict_id', 'in', subdistrictIds), eb('id', 'in', subdistrictIds)]))
    .orderBy('sort')
    .orderBy('name')
    .execute();
  // the districts above them, so the tree has its root
  const parents = [...new Set(rows.filter((r) => r.kind === 'subdistrict' && r.parent_id).map((r) => r.parent_id as string))];
  const districts = parents.length ? await db.selectFrom('org_units').selectAll().where('id', 'in', parents).execute() : [];
  return [...districts, ...rows];
}

export async function findUnit(db: Executor, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: OrgRow): Promise<void> {
  await db.insertInto('org_units').values(row).execute();
}

export async function updateUnit(db: Executor, id: string, patch: Partial<OrgRow>): Promise<void> {
  await db.updateTable('org_units').set(patch).where('id', '=', id).execute();
}

export async function deleteUnit(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('org_units').where('id', '=', id).execute();
}

/** Why a unit cannot be removed, if anything still points at it. */
export async function unitInUse(db: Executor, id: string): Promise<'children' | 'accounts' | null> {
  const child = await db.selectFrom('org_units').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
  if (child) return 'children';
  const grant = await db.selectFrom('account_roles').select('id').where('org_id', '=', id).limit(1).executeTakeFirst();
  if (grant) return 'accounts';
  return null;
}

export async function siblingNamed(db: Executor, parentId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('org_units').select('id').where('parent_id', '=', parentId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function countUnits(db: Executor): Promise<number> {
  const r = await db.selectFrom('org_units').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
