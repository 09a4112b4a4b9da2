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

/** which of `sha256s` a stored file or a pending import (previewed, not yet committed) still refers to */
export async function blobsInUse(db: Executor, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const files = await db.selectFrom('files').select('sha256').distinct().where('sha256', 'in', sha256s).execute();
  const imports = await db
    .selectFrom('import_jobs')
    .select('file_sha256')
    .distinct()
    .where('file_sha256', 'in', sha256s)
    .where('status', 'in', ['previewed', 'committing'])
    .execute();
  return new Set([...files.map((f) => f.sha256), ...imports.map((i) => i.file_sha256 as string)]);
}
