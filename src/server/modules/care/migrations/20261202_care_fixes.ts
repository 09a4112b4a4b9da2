import type { Kysely } from 'kysely';

// Care part 2 (issue #11 §4, §6): changes of a beneficiary's record and staff notes for the
// timeline (生活动态); talking-point templates staff keep; a campaign closed with its figures
// frozen; the care office's group robot for urgent needs.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_record_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('by_account_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_record_changes_beneficiary').on('care_record_changes').columns(['beneficiary_id', 'at']).execute();

  await db.schema
    .createTable('care_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('beneficiary_id', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('by_account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_notes_beneficiary').on('care_notes').columns(['beneficiary_id', 'created_at']).execute();

  await db.schema
    .createTable('care_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('talking_points', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_templates_name').on('care_templates').columns(['subdistrict_id', 'name']).unique().execute();

  await db.schema
    .createTable('care_settings')
    .addColumn('subdistrict_id', 'text', (c) => c.primaryKey())
    .addColumn('robot_webhook_enc', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('care_campaigns').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('care_campaigns').addColumn('closed_by', 'text').execute();
  // the figures at close, as JSON: progress by neighborhood and caller, frozen
  await db.schema.alterTable('care_campaigns').addColumn('summary', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['summary', 'closed_by', 'closed_at']) await db.schema.alterTable('care_campaigns').dropColumn(c).execute();
  for (const t of ['care_settings', 'care_templates', 'care_notes', 'care_record_changes']) await db.schema.dropTable(t).execute();
}
