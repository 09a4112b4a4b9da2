import type { Kysely } from 'kysely';

// A grant may name a module's resource (an employer, a branch, a training session …) instead of a
// place in the org tree: the role then reaches only that resource's rows. org_id stays the
// subdistrict the resource belongs to, so every grant still has its tenant.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_roles').addColumn('resource_kind', 'text').execute();
  await db.schema.alterTable('account_roles').addColumn('resource_id', 'text').execute();
  await db.schema.createIndex('account_roles_resource').on('account_roles').columns(['resource_kind', 'resource_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('account_roles_resource').execute();
  await db.schema.alterTable('account_roles').dropColumn('resource_id').execute();
  await db.schema.alterTable('account_roles').dropColumn('resource_kind').execute();
}
