import type { Kysely } from 'kysely';

// Care for entitled beneficiaries (优抚对象), part 1: registry, phone check-in campaigns, needs.
// A beneficiary is a person of core people; health notes and emergency phones are encrypted.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_categories_name').on('care_categories').columns(['subdistrict_id', 'name']).unique().execute();

  await db.schema
    .createTable('care_beneficiaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('care_categories.id'))
    .addColumn('disability_grade', 'text')
    .addColumn('living_situation', 'text')
    .addColumn('health_notes_enc', 'text')
    // manual reasons as `|独居|慢性病|` so a flag filter is one LIKE; age-derived flags are computed
    .addColumn('priority_reasons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_name', 'text')
    .addColumn('emergency_phone_enc', 'text')
    .addColumn('note', 'text')
    .addColumn('staff_account_id', 'text')
    .addColumn('volunteer_account_id', 'text')
    .addColumn('last_contact_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_beneficiaries_person')
    .on('care_beneficiaries')
    .columns(['subdistrict_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('care_beneficiaries_nb').on('care_beneficiaries').columns(['neighborhood_id', 'last_contact_at']).execute();
  await db.schema.createIndex('care_beneficiaries_volunteer').on('care_beneficiaries').column('volunteer_account_id').execute();

  await db.schema
    .createTable('care_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    // a campaign made by neighborhood staff belongs to their neighborhood; a subdistrict one has none
    .addColumn('neighborhood_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('talking_points', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('split_mode', 'text', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('care_call_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('care_campaigns.id').onDelete('cascade'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('care_beneficiaries.id'))
    .addColumn('caller_account_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_outcome', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_call_tasks_unique').on('care_call_tasks').columns(['campaign_id', 'beneficiary_id']).unique().execute();
  await db.schema
    .createIndex('care_call_tasks_queue')
    .on('care_call_tasks')
    .columns(['campaign_id', 'caller_account_id', 'status'])
    .execute();

  await db.schema
    .createTable('care_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('care_call_tasks.id').onDelete('cascade'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('caller_account_id', 'text', (c) => c.notNull())
    // the client's key for this submission: a double submit or an offline retry counts once
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('health_status', 'text')
    .addColumn('living_status', 'text')
    .addColumn('mood', 'text')
    .addColumn('advice_given', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_calls_beneficiary').on('care_calls').columns(['beneficiary_id', 'created_at']).execute();

  await db.schema
    .createTable('care_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('care_beneficiaries.id'))
    .addColumn('call_id', 'text')
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_needs_list').on('care_needs').columns(['subdistrict_id', 'status', 'item']).execute();
  await db.schema.createIndex('care_needs_beneficiary').on('care_needs').column('beneficiary_id').execute();

  await db.schema
    .createTable('care_need_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('need_id', 'text', (c) => c.notNull().references('care_needs.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('by_account_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // follow-ups raised by calls: correct a wrong phone, call back, visit
  await db.schema
    .createTable('care_todos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('care_beneficiaries.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source_call_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .execute();
  await db.schema.createIndex('care_todos_open').on('care_todos').columns(['subdistrict_id', 'status']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'care_todos',
    'care_need_events',
    'care_needs',
    'care_calls',
    'care_call_tasks',
    'care_campaigns',
    'care_beneficiaries',
    'care_categories',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
