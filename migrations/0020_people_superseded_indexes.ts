import type { Kysely } from 'kysely';

// persons_pinyin (subdistrict_id, name_pinyin) and persons_neighborhood (neighborhood_id, name_pinyin)
// are prefixes of persons_list and persons_neighborhood_list (0016): every query they served, those
// serve. Each index costs every insert a b-tree write; an import of 50,000 people wrote 11 per row.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('persons_pinyin').execute();
  await db.schema.dropIndex('persons_neighborhood').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('persons_neighborhood').on('persons').columns(['neighborhood_id', 'name_pinyin']).execute();
  await db.schema.createIndex('persons_pinyin').on('persons').columns(['subdistrict_id', 'name_pinyin']).execute();
}
