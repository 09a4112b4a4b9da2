import type { Executor } from '../../db/index';
import type { ImportJobsTable } from '../../db/schema';

export async function insertJob(db: Executor, row: ImportJobsTable): Promise<void> {
  await db.insertInto('import_jobs').values(row).execute();
}

/** An upload is visible to its uploader only: anyone else gets "not found". */
export async function jobOf(db: Executor, accountId: string, kind: string, id: string): Promise<ImportJobsTable | undefined> {
  return db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** Takes the job for this commit; 0 when another commit got there first (the row stays locked until we finish). */
export async function claimJob(db: Executor, id: string): Promise<number> {
  const r = await db
    .updateTable('import_jobs')
    .set({ status: 'committing' })
    .where('id', '=', id)
    .where('status', '=', 'previewed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateJob(db: Executor, id: string, patch: Partial<ImportJobsTable>): Promise<void> {
  await db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
}

/** previews nobody confirmed within a day */
export async function staleJobs(db: Executor, before: string): Promise<{ id: string; file_sha256?: string | null }[]> {
  return db
    .selectFrom('import_jobs')
    .select(['id', 'file_sha256'])
    .where('status', '=', 'previewed')
    .where('created_at', '<', before)
    .limit(100)
    .execute();
}
