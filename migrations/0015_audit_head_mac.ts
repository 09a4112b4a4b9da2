import type { Kysely } from 'kysely';

// The audit chain's end gets a signature of its own (AuditLog.signHead signs an existing head at
// the first start after this migration, with an entry saying so).
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('mac').execute();
}
