import type { Kysely } from 'kysely';

// Care part 2, home visits (上门走访): editable visit rules, visits (scheduled, then recorded),
// a per-beneficiary visit state kept current as visits are recorded (so the due list and the
// dashboard never scan the visit history), the once-a-day overdue notices, the robot to tell,
// and covering indexes that let the dashboard count open needs without touching closed ones.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_visit_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('any_flag', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag', 'text')
    .addColumn('category_id', 'text')
    .addColumn('min_age', 'integer')
    .addColumn('living_situation', 'text')
    .addColumn('interval_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // names are unique in a subdistrict, so two first reads seeding the defaults at once make them once
  await db.schema.createIndex('care_visit_rules_name').on('care_visit_rules').columns(['subdistrict_id', 'name']).unique().execute();

  await db.schema
    .createTable('care_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('care_beneficiaries.id'))
    // scheduled → done (or cancelled)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'text')
    // JSON array of account ids assigned to go
    .addColumn('visitor_account_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('done_on', 'text')
    // who went, as written on the record (may include people without an account)
    .addColumn('visitors', 'text')
    .addColumn('condition_seen', 'text')
    .addColumn('supplies', 'text')
    .addColumn('concerns', 'text')
    .addColumn('next_visit_on', 'text')
    // the client's key for the submission that created the visit; recording carries its own
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('record_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_visits_beneficiary').on('care_visits').columns(['beneficiary_id', 'status', 'done_on']).execute();
  await db.schema.createIndex('care_visits_open').on('care_visits').columns(['subdistrict_id', 'status', 'scheduled_on']).execute();

  // one row per beneficiary ever visited or scheduled: what the due list needs, kept in the
  // transaction that records or schedules a visit
  await db.schema
    .createTable('care_visit_state')
    .addColumn('beneficiary_id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('last_visit_on', 'text')
    .addColumn('next_visit_on', 'text')
    .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_visit_state_nb').on('care_visit_state').columns(['neighborhood_id', 'last_visit_on']).execute();

  // an overdue visit is told to the responsible staff once a day
  await db.schema
    .createTable('care_visit_notices')
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('care_visit_notices_pk', ['beneficiary_id', 'day'])
    .execute();

  // the WeCom group robot of the care office or a neighborhood that hears of overdue visits
  await db.schema
    .createTable('care_visit_robots')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('webhook_enc', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // the dashboard's open needs by item and age, read from the index alone
  await db.schema
    .createIndex('care_needs_dash_sd')
    .on('care_needs')
    .columns(['subdistrict_id', 'status', 'item', 'created_at', 'neighborhood_id', 'quantity'])
    .execute();
  await db.schema
    .createIndex('care_needs_dash_nb')
    .on('care_needs')
    .columns(['neighborhood_id', 'status', 'item', 'created_at', 'quantity'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('care_needs_dash_nb').execute();
  await db.schema.dropIndex('care_needs_dash_sd').execute();
  for (const t of ['care_visit_robots', 'care_visit_notices', 'care_visit_state', 'care_visits', 'care_visit_rules']) {
    await db.schema.dropTable(t).execute();
  }
}
