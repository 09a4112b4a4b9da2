import type { Kysely } from 'kysely';

// The audit log is pruned after its retention period (LINLI_AUDIT_RETENTION_MONTHS, at least six
// months as MLPS 2.0 asks): the chain then starts after the last pruned entry, whose seq and hash
// are kept here under a signature of their own, so removing old entries by hand is still caught.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_head')
    .addColumn('pruned_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('audit_head').addColumn('pruned_hash', 'text').execute();
  await db.schema.alterTable('audit_head').addColumn('pruned_mac', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['pruned_mac', 'pruned_hash', 'pruned_seq']) await db.schema.alterTable('audit_head').dropColumn(c).execute();
}
