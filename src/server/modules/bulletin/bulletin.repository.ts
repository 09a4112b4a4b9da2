import type { Selectable } from 'kysely';
import type { Scope } from '../../core/access/actor';
import { scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type { BulletinBulletinsTable, BulletinHistoryTable, BulletinPhotosTable, BulletinSectionsTable } from './bulletin.tables';

export type BulletinRow = Selectable<BulletinBulletinsTable>;
export type SectionRow = Selectable<BulletinSectionsTable>;
export type HistoryRow = Selectable<BulletinHistoryTable>;

/** A bulletin of the whole subdistrict is reached by subdistrict scope; one neighborhood's also by that neighborhood's. */
const scoped = (scope: Scope) => scopeWhere(scope, 'subdistrict_id', 'neighborhood_id');

export function list(db: Executor, scope: Scope, month?: string) {
  let q = db.selectFrom('bulletin_bulletins').selectAll().where(scoped(scope));
  if (month) q = q.where('month', '=', month);
  return q.orderBy('month', 'desc').orderBy('created_at', 'desc').limit(200).execute();
}

export function find(db: Executor, scope: Scope, id: string) {
  return db.selectFrom('bulletin_bulletins').selectAll().where('id', '=', id).where(scoped(scope)).executeTakeFirst();
}

export function sections(db: Executor, bulletinId: string) {
  return db.selectFrom('bulletin_sections').selectAll().where('bulletin_id', '=', bulletinId).orderBy('sort').orderBy('id').execute();
}

export function history(db: Executor, bulletinId: string) {
  return db.selectFrom('bulletin_history').selectAll().where('bulletin_id', '=', bulletinId).orderBy('at').orderBy('id').execute();
}

export async function insertBulletin(db: Executor, row: BulletinRow, secs: SectionRow[]) {
  await db.insertInto('bulletin_bulletins').values(row).execute();
  if (secs.length) await db.insertInto('bulletin_sections').values(secs).execute();
}

export function insertHistory(db: Executor, row: HistoryRow) {
  return db.insertInto('bulletin_history').values(row).execute();
}

export function updateSection(db: Executor, bulletinId: string, id: string, headline: string, html: string) {
  return db
    .updateTable('bulletin_sections')
    .set({ headline, html })
    .where('id', '=', id)
    .where('bulletin_id', '=', bulletinId)
    .executeTakeFirst();
}

export function setSort(db: Executor, bulletinId: string, id: string, sort: number) {
  return db.updateTable('bulletin_sections').set({ sort }).where('id', '=', id).where('bulletin_id', '=', bulletinId).execute();
}

/** moves the status on only from the one it was read in: a second click does nothing */
export async function moveStatus(
  db: Executor,
  id: string,
  from: string,
  set: Partial<BulletinRow> & { status: string; updated_at: string },
) {
  const r = await db.updateTable('bulletin_bulletins').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function touch(db: Executor, id: string, at: string) {
  return db.updateTable('bulletin_bulletins').set({ updated_at: at }).where('id', '=', id).execute();
}

// ---- photos chosen for sections

export function photos(db: Executor, bulletinId: string) {
  return db.selectFrom('bulletin_photos').selectAll().where('bulletin_id', '=', bulletinId).orderBy('sort').orderBy('id').execute();
}

/** the section's photos become `rows` (the whole choice is sent each time) */
export async function replaceSectionPhotos(db: Executor, bulletinId: string, sectionId: string, rows: BulletinPhotosTable[]) {
  await db.deleteFrom('bulletin_photos').where('bulletin_id', '=', bulletinId).where('section_id', '=', sectionId).execute();
  if (rows.length) await db.insertInto('bulletin_photos').values(rows).execute();
}
