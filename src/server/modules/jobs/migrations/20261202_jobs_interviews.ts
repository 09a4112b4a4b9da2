import type { Kysely } from 'kysely';

// Online job fairs, part 2: interview rooms, the interview timetable (one row per application),
// candidates' personal links, timetable versions and the fair-day console's events.
// Times of the fair day are whole minutes since local midnight (Asia/Shanghai).
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('fair_id', 'text', (c) => c.notNull().references('jobs_fairs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('positions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('meeting', 'text', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer')
    .addColumn('available', 'text')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_rooms_fair').on('jobs_rooms').columns(['fair_id', 'name']).unique().execute();

  await db.schema
    .createTable('jobs_interviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('fair_id', 'text', (c) => c.notNull().references('jobs_fairs.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('jobs_applications.id'))
    .addColumn('seeker_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('employer_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull().references('jobs_rooms.id'))
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('offer', 'text')
    .addColumn('called_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_interviews_application').on('jobs_interviews').columns(['application_id']).unique().execute();
  await db.schema.createIndex('jobs_interviews_room').on('jobs_interviews').columns(['room_id', 'status', 'seq']).execute();
  await db.schema.createIndex('jobs_interviews_fair').on('jobs_interviews').columns(['fair_id', 'seeker_id']).execute();

  await db.schema
    .createTable('jobs_candidate_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('fair_id', 'text', (c) => c.notNull().references('jobs_fairs.id'))
    .addColumn('seeker_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_enc', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_candidate_tokens_hash').on('jobs_candidate_tokens').columns(['token_hash']).unique().execute();
  await db.schema.createIndex('jobs_candidate_tokens_seeker').on('jobs_candidate_tokens').columns(['fair_id', 'seeker_id']).execute();

  await db.schema
    .createTable('jobs_timetable_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('fair_id', 'text', (c) => c.notNull().references('jobs_fairs.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull())
    .addColumn('makespan', 'integer', (c) => c.notNull())
    .addColumn('lower_bound', 'integer', (c) => c.notNull())
    .addColumn('unscheduled', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('jobs_timetable_versions_fair')
    .on('jobs_timetable_versions')
    .columns(['fair_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('jobs_console_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('fair_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text')
    .addColumn('interview_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_console_events_fair').on('jobs_console_events').columns(['fair_id', 'at']).execute();
}
