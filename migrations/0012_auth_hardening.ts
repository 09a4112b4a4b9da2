import type { Kysely } from 'kysely';

// Sign-in hardening (issue #7 §4, #15 §4):
// - rate_counters: every rate limit and attempt counter with its window, in the database so that
//   all app processes share them (one row per key; incremented atomically by an upsert);
// - password_history: the hashes of an account's previous passwords, refused when reused;
// - totp_state: per account, the last TOTP time-step accepted (a code works once) and the
//   wrong codes counted since the last right one (a lockout like passwords').
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_counters_expires').on('rate_counters').column('expires_at').execute();

  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_account').on('password_history').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('totp_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('last_step', 'integer')
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('totp_state').execute();
  await db.schema.dropTable('password_history').execute();
  await db.schema.dropTable('rate_counters').execute();
}
