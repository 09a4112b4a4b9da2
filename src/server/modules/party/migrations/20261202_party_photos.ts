import type { Kysely } from 'kysely';

// Photos under a member's thought (up to 9, stored by core files, owned by the thought). The
// 可公开 flag lets a secretary pick photos for the monthly bulletin.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('party_thought_photos')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('thought_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('publishable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_thought_photos_thought').on('party_thought_photos').column('thought_id').execute();
  // a gentle 「提醒未读」 goes once a day per package and branch
  await db.schema
    .createTable('party_package_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('package_id', 'text', (c) => c.notNull())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reminded', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('party_package_reminders_once')
    .on('party_package_reminders')
    .columns(['package_id', 'branch_id', 'day'])
    .unique()
    .execute();
}
