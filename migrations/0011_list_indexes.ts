import type { Kysely } from 'kysely';

// Indexes for the lists read on every visit of an admin page: staff accounts of a subdistrict,
// newest first (GET /api/accounts), found and ordered without scanning and sorting the table.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('accounts_list').on('accounts').columns(['subdistrict_id', 'kind', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('accounts_list').execute();
}
