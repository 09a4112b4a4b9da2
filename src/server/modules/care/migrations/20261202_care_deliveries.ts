import type { Kysely } from 'kysely';

// Care part 2, §1 无接触配送: delivery runs (one volunteer's short walk) and their tasks (one
// household each), with the needs each task carries. A report carries the client's key, so a
// double tap or an offline retry is counted once.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_delivery_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('volunteer_account_id', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    // the client's key of the plan this run was made by: a repeated submit makes nothing more
    .addColumn('batch_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_delivery_runs_batch').on('care_delivery_runs').column('batch_key').execute();

  await db.schema
    .createTable('care_delivery_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('care_delivery_runs.id').onDelete('cascade'))
    .addColumn('beneficiary_id', 'text', (c) => c.notNull().references('care_beneficiaries.id'))
    // place in the run's walk, from 1
    .addColumn('seq', 'integer', (c) => c.notNull())
    // [{ item, quantity }] as JSON
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('volunteer_account_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('photo_file_id', 'text')
    .addColumn('note', 'text')
    .addColumn('fail_reason', 'text')
    .addColumn('report_client_key', 'text', (c) => c.unique())
    .addColumn('reported_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirm_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('care_delivery_tasks_volunteer')
    .on('care_delivery_tasks')
    .columns(['volunteer_account_id', 'status'])
    .execute();
  await db.schema.createIndex('care_delivery_tasks_list').on('care_delivery_tasks').columns(['subdistrict_id', 'status']).execute();
  await db.schema.createIndex('care_delivery_tasks_beneficiary').on('care_delivery_tasks').column('beneficiary_id').execute();

  await db.schema
    .createTable('care_delivery_task_needs')
    .addColumn('task_id', 'text', (c) => c.notNull().references('care_delivery_tasks.id').onDelete('cascade'))
    .addColumn('need_id', 'text', (c) => c.notNull().references('care_needs.id'))
    .addPrimaryKeyConstraint('care_delivery_task_needs_pk', ['task_id', 'need_id'])
    .execute();
  await db.schema.createIndex('care_delivery_task_needs_need').on('care_delivery_task_needs').column('need_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['care_delivery_task_needs', 'care_delivery_tasks', 'care_delivery_runs']) await db.schema.dropTable(t).execute();
}
