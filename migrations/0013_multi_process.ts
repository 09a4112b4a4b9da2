import type { Kysely } from 'kysely';

// Several app processes on one database (issue #15):
// - key_check: one row recording a check value of the master key (never the key), so a process
//   started with another key refuses to start instead of writing what nobody can read;
// - leases: a named job (clean-ups, reminders) runs on one process at a time;
// - file_blobs + file_chunks: on PostgreSQL uploaded files live in the database, content-addressed
//   and cut in chunks, so every process reads what any process stored (SQLite keeps the data folder);
// - import_jobs.file_sha256: an uploaded import is kept in that store, so B can commit what A previewed.
// Portable on SQLite and PostgreSQL; frozen once merged.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_check')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    // HMAC-SHA256 of a fixed label under a key derived from the master key
    .addColumn('check_value', 'text', (c) => c.notNull())
    // what messages show to name the key (16 hex), the same as a backup's manifest shows
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .execute();

  await db.schema
    .createTable('file_blobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null while the content streams in; set (and unique) once it is complete
    .addColumn('sha256', 'text', (c) => c.unique())
    .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks', 'integer', (c) => c.notNull().defaultTo(0))
    // 'receiving' | 'complete'
    .addColumn('status', 'text', (c) => c.notNull())
    // when the content was stored, or last found already stored by another upload (clean-up keeps it a while)
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('file_blobs_status').on('file_blobs').columns(['status', 'touched_at']).execute();

  await db.schema
    .createTable('file_chunks')
    .addColumn('blob_id', 'text', (c) => c.notNull().references('file_blobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['blob_id', 'seq'])
    .execute();

  await db.schema.alterTable('import_jobs').addColumn('file_sha256', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').dropColumn('file_sha256').execute();
  await db.schema.dropTable('file_chunks').execute();
  await db.schema.dropTable('file_blobs').execute();
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('key_check').execute();
}
