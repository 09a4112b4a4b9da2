// Named to sort after the module's earlier migrations: migrations run in name order.
import type { Kysely } from 'kysely';

// The fair day's live state is read once per event and names the revoked links of the fair: an
// index on (fair_id, revoked_at) reads just those, not every link of the fair.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('jobs_candidate_tokens_revoked').on('jobs_candidate_tokens').columns(['fair_id', 'revoked_at']).execute();
}
