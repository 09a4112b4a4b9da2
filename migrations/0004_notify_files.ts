import type { Kysely } from 'kysely';

// Outbox and in-app inbox (core/notify) and the uploaded-file registry (core/files).
// Portable on SQLite and PostgreSQL; frozen once merged.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text')
    .addColumn('neighborhood_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    // the address (phone, e-mail, webhook URL + secret) as encrypted JSON; never in clear
    .addColumn('recipient', 'text')
    .addColumn('recipient_hash', 'text')
    .addColumn('recipient_label', 'text', (c) => c.notNull())
    .addColumn('recipient_account_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('template', 'text')
    .addColumn('variables', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('text'))
    .addColumn('link', 'text')
    .addColumn('secret', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('source_module', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .execute();
  await db.schema.createIndex('notify_outbox_due').on('notify_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notify_outbox_scope').on('notify_outbox').columns(['subdistrict_id', 'created_at']).execute();
  await db.schema.createIndex('notify_outbox_source').on('notify_outbox').columns(['source_type', 'source_id']).execute();
  await db.schema.createIndex('notify_outbox_recipient').on('notify_outbox').columns(['channel', 'recipient_hash', 'sent_at']).execute();

  await db.schema
    .createTable('notify_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('outbox_id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('source_module', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notify_inbox_account').on('notify_inbox').columns(['account_id', 'read_at', 'created_at']).execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('neighborhood_id', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_owner').on('files').columns(['owner_type', 'owner_id']).execute();
  await db.schema.createIndex('files_sha256').on('files').column('sha256').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['files', 'notify_inbox', 'notify_outbox']) await db.schema.dropTable(t).execute();
}
