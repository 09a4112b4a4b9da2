import type { Kysely } from 'kysely';

// The people list (GET /api/people) orders by pinyin then id. With the id in the index a page is
// found, and a deep page skipped to, in the index alone: no sort of the whole register (62,000
// people) and no row read for the rows skipped. One index per scope kind: a subdistrict's staff
// and a neighborhood's. They supersede persons_pinyin and persons_neighborhood, which stay (frozen).
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('persons_list').on('persons').columns(['subdistrict_id', 'name_pinyin', 'id']).execute();
  await db.schema.createIndex('persons_neighborhood_list').on('persons').columns(['neighborhood_id', 'name_pinyin', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('persons_neighborhood_list').execute();
  await db.schema.dropIndex('persons_list').execute();
}
