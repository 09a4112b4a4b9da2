import type { Kysely } from 'kysely';

// Invitations to a training session (issue 12 §2): one row per session and person, so sending the
// invitations again reaches only those not yet invited.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('committee_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_invitations_once')
    .on('training_invitations')
    .columns(['session_id', 'person_id'])
    .unique()
    .execute();
}
