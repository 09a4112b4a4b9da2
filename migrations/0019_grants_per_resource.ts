import { type Kysely, sql } from 'kysely';

// A role may be granted on several resources of a kind (a recruiting partner on two employers,
// a secretary on two branches): the grant is unique per resource, not only per org unit. The
// resource columns are empty for a grant on the org tree, which stays unique as before.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('account_roles_unique').execute();
  await sql`create unique index account_roles_unique on account_roles (account_id, role, org_id, coalesce(resource_kind, ''), coalesce(resource_id, ''))`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('account_roles_unique').execute();
  await db.schema.createIndex('account_roles_unique').on('account_roles').columns(['account_id', 'role', 'org_id']).unique().execute();
}
