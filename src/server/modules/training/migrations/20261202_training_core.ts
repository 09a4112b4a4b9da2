import type { Kysely } from 'kysely';

// Homeowners'-committee training (业委会培训, issue 12): committee registry with members, terms and
// checklists; training sessions with registrations and check-ins; the question bank with its edit
// history; quizzes (live and self-paced), participants, attempts and responses; needs surveys.
// Every table carries subdistrict_id; committee rows carry neighborhood_id too (their scope).
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_committees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('assembly_formed_on', 'text')
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('office_phone', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_committees_estate').on('training_committees').columns(['estate_id']).unique().execute();

  await db.schema
    .createTable('training_committee_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('training_committees.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_committee_members_person')
    .on('training_committee_members')
    .columns(['committee_id', 'person_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('training_checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // ticks of compliance items (`item_key` = checklist item id) and of re-election steps (`re:<n>`)
  await db.schema
    .createTable('training_committee_ticks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('training_committees.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('ticked_by', 'text')
    .addColumn('ticked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_committee_ticks_item')
    .on('training_committee_ticks')
    .columns(['committee_id', 'item_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lecturer', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('audience_detail', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('material_file_id', 'text')
    .addColumn('checkin_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_sessions_code').on('training_sessions').columns(['checkin_code']).unique().execute();

  await db.schema
    .createTable('training_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('feedback_rating', 'integer')
    .addColumn('feedback_text', 'text')
    .execute();
  await db.schema.createIndex('training_checkins_phone').on('training_checkins').columns(['session_id', 'phone_hash']).unique().execute();

  await db.schema
    .createTable('training_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
    // `|业主大会|换届改选|` so a tag filter is one LIKE
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('|'))
    .addColumn('difficulty', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_question_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull().references('training_questions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('training_quizzes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('selection', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('multiple_rule', 'text', (c) => c.notNull())
    .addColumn('time_limit_seconds', 'integer')
    .addColumn('max_attempts', 'integer')
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('show_ranking', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('join_code', 'text', (c) => c.notNull())
    // live: waiting → open/closed per question → finished
    .addColumn('live_state', 'text', (c) => c.notNull().defaultTo('waiting'))
    .addColumn('live_index', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('live_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_quizzes_code').on('training_quizzes').columns(['join_code']).unique().execute();

  await db.schema
    .createTable('training_quiz_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('training_quizzes.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('training_questions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_quiz_questions_pos')
    .on('training_quiz_questions')
    .columns(['quiz_id', 'position'])
    .unique()
    .execute();

  await db.schema
    .createTable('training_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('training_quizzes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_participants_phone')
    .on('training_participants')
    .columns(['quiz_id', 'phone_hash'])
    .unique()
    .execute();
  await db.schema.createIndex('training_participants_token').on('training_participants').columns(['token_hash']).unique().execute();

  await db.schema
    .createTable('training_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('training_quizzes.id'))
    .addColumn('participant_id', 'text', (c) => c.notNull().references('training_participants.id'))
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('score', 'double precision')
    .addColumn('max_score', 'double precision')
    .execute();
  await db.schema.createIndex('training_attempts_no').on('training_attempts').columns(['participant_id', 'attempt_no']).unique().execute();

  await db.schema
    .createTable('training_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('quiz_id', 'text', (c) => c.notNull().references('training_quizzes.id'))
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('training_attempts.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  // an answer sent twice counts once
  await db.schema.createIndex('training_responses_once').on('training_responses').columns(['attempt_id', 'question_id']).unique().execute();
  await db.schema.createIndex('training_responses_quiz').on('training_responses').columns(['quiz_id', 'question_id']).execute();

  await db.schema
    .createTable('training_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('training_committees.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('difficulties', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_surveys_phone').on('training_surveys').columns(['committee_id', 'phone_hash']).unique().execute();
}
