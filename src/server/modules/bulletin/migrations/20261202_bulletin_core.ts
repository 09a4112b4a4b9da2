import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletin_bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('bulletin_bulletins_month').on('bulletin_bulletins').columns(['subdistrict_id', 'month']).execute();
  await db.schema
    .createTable('bulletin_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin_bulletins.id'))
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulletin_sections_bulletin').on('bulletin_sections').column('bulletin_id').execute();
  await db.schema
    .createTable('bulletin_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin_bulletins.id'))
    .addColumn('section_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('by_account_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulletin_history_bulletin').on('bulletin_history').column('bulletin_id').execute();
}
