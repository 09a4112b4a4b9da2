import type { Executor } from '../../db/index';
import type { FilesTable } from '../../db/schema';

export async function insertFile(db: Executor, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export async function findFile(db: Executor, id: string): Promise<FilesTable | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function filesOfOwner(db: Executor, ownerType: string, ownerId: string): Promise<FilesTable[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
