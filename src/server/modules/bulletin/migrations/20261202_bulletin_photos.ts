import type { Kysely } from 'kysely';

// Photos staff chose for a section of a bulletin, with their caption. Only photos the modules
// offer (marked publishable; a resident's only with consent) can be chosen; one un-marked later
// stays here but is left out of every output.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletin_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin_bulletins.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('bulletin_sections.id'))
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('chosen_by_name', 'text', (c) => c.notNull())
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulletin_photos_section').on('bulletin_photos').columns(['section_id', 'file_id']).unique().execute();
  await db.schema.createIndex('bulletin_photos_bulletin').on('bulletin_photos').column('bulletin_id').execute();
}
