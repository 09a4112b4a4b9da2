import type { Executor } from '../../db/index';

type LeaseTables = {
  leases: { name: string; holder: string | null; expires_at: string; last_run_at: string | null };
};

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Takes the lease `name` for `holder` until `until`, when nobody holds it (free or expired).
 * One conditional UPDATE: of several processes trying at once, exactly one changes the row.
 */
export async function takeLease(db: Executor, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const t = db.withTables<LeaseTables>();
  await t
    .insertInto('leases')
    .values({ name, holder: null, expires_at: EPOCH, last_run_at: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await t
    .updateTable('leases')
    .set({ holder, expires_at: until, last_run_at: now })
    .where('name', '=', name)
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves the end of a lease this holder has (done early, or running longer than planned). */
export async function setLeaseEnd(db: Executor, name: string, holder: string, until: string): Promise<void> {
  await db
    .withTables<LeaseTables>()
    .updateTable('leases')
    .set({ expires_at: until })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

export async function leaseOf(db: Executor, name: string) {
  return db.withTables<LeaseTables>().selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
}
