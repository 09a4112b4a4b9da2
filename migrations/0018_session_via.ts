import type { Kysely } from 'kysely';

// How a session was signed in: a password (with its steps: change at first sign-in, second
// factor) or an SMS code on the phone pages, where only roles made for the phone may sign in and
// a password change owed is the password's business, not the phone's.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('via').execute();
}
