// Named to sort after 20261202_jobs_core and _interviews: migrations run in name order.
import type { Kysely } from 'kysely';

// A seeker's times on the fair day (optional): a JSON list of [from, to] windows, "HH:mm" local
// time; the interview timetable places them only inside. Null: any time.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs_seekers').addColumn('available', 'text').execute();
}
