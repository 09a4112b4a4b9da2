import type { Kysely } from 'kysely';

// One row per real person in a subdistrict. ID numbers and phones are stored encrypted
// (AES-256-GCM), found through keyed hashes, and searchable by their last four characters.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('neighborhood_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_hash', 'text')
    .addColumn('id_tail', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_tail', 'text')
    .addColumn('alt_phone_enc', 'text')
    .addColumn('alt_phone_hash', 'text')
    .addColumn('alt_phone_tail', 'text')
    .addColumn('road', 'text')
    .addColumn('lane', 'text')
    .addColumn('building', 'text')
    .addColumn('room', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .execute();
  // the same person imported twice is the same row; NULLs (no ID number yet) never collide
  await db.schema.createIndex('persons_id_hash').on('persons').columns(['subdistrict_id', 'id_hash']).unique().execute();
  await db.schema.createIndex('persons_neighborhood').on('persons').columns(['neighborhood_id', 'name_pinyin']).execute();
  // lists are ordered by pinyin; name and initials searches are LIKE scans within a subdistrict,
  // which no plain b-tree index serves on both databases, so none is kept for them
  await db.schema.createIndex('persons_pinyin').on('persons').columns(['subdistrict_id', 'name_pinyin']).execute();
  await db.schema.createIndex('persons_id_tail').on('persons').columns(['subdistrict_id', 'id_tail']).execute();
  await db.schema.createIndex('persons_phone_tail').on('persons').columns(['subdistrict_id', 'phone_tail']).execute();
  await db.schema.createIndex('persons_alt_phone_tail').on('persons').columns(['subdistrict_id', 'alt_phone_tail']).execute();
  await db.schema.createIndex('persons_phone_hash').on('persons').column('phone_hash').execute();
  await db.schema.createIndex('persons_alt_phone_hash').on('persons').column('alt_phone_hash').execute();

  // every change of address or phone, kept for the care module's 「时时更新」 history
  await db.schema
    .createTable('person_contact_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text')
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    // phones encrypted like the live columns; addresses in clear
    .addColumn('before_value', 'text')
    .addColumn('after_value', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_by_name', 'text')
    .execute();
  await db.schema.createIndex('person_contact_history_person').on('person_contact_history').columns(['person_id', 'changed_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_contact_history').execute();
  await db.schema.dropTable('persons').execute();
}
