import type { Kysely } from 'kysely';

// A home-visit photo may go into the monthly bulletin only when the person visited agreed
// (受访者同意公开): one row per photo marked 可公开, with who recorded the consent and when. No
// row, no publication. (Named to sort after 20261202_care_visits, whose table it refers to.)
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('care_visit_photo_consents')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('care_visits.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('care_visit_photo_consents_visit').on('care_visit_photo_consents').column('visit_id').execute();
}
