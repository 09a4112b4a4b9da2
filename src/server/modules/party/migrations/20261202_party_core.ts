import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

type C = ColumnDefinitionBuilder;
// biome-ignore lint/suspicious/noExplicitAny: the columns of an untyped schema
type T = CreateTableBuilder<string, any>;

// Organisation life (组织生活, issue 13): party organisations and members, activities with
// check-ins, thoughts and minutes, study packages with read receipts, study check-ins, written
// reports, donation campaigns. Money is integer fen; days are YYYY-MM-DD; times ISO-8601 UTC.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  const table = (name: string, cols: (t: T) => T) =>
    cols(db.schema.createTable(name).addColumn('subdistrict_id', 'text', (c) => c.notNull())).execute();

  await table('party_orgs', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text')
      .addColumn('parent_id', 'text')
      .addColumn('level', 'text', (c: C) => c.notNull())
      .addColumn('name', 'text', (c: C) => c.notNull())
      .addColumn('sort', 'integer', (c: C) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_orgs_name').on('party_orgs').columns(['subdistrict_id', 'parent_id', 'name']).unique().execute();

  await table('party_members', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull().references('persons.id'))
      .addColumn('branch_id', 'text', (c: C) => c.notNull().references('party_orgs.id'))
      .addColumn('status', 'text', (c: C) => c.notNull())
      .addColumn('joined_on', 'text')
      .addColumn('status_since', 'text')
      .addColumn('branch_role', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c: C) => c.notNull())
      .addColumn('updated_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_members_person').on('party_members').columns(['subdistrict_id', 'person_id']).unique().execute();
  await db.schema.createIndex('party_members_branch').on('party_members').columns(['branch_id']).execute();

  await table('party_transfers', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('member_id', 'text', (c: C) => c.notNull())
      .addColumn('from_branch_id', 'text')
      .addColumn('to_branch_id', 'text', (c: C) => c.notNull())
      .addColumn('at', 'text', (c: C) => c.notNull())
      .addColumn('by_account_id', 'text'),
  );
  await db.schema.createIndex('party_transfers_member').on('party_transfers').columns(['member_id']).execute();

  await table('party_activities', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('kind', 'text', (c: C) => c.notNull())
      .addColumn('title', 'text', (c: C) => c.notNull())
      .addColumn('theme', 'text')
      .addColumn('starts_at', 'text', (c: C) => c.notNull())
      .addColumn('mode', 'text', (c: C) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('agenda', 'text')
      .addColumn('materials', 'text')
      .addColumn('minutes', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await table('party_activity_branches', (t) =>
    t
      .addColumn('activity_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addPrimaryKeyConstraint('party_activity_branches_pk', ['activity_id', 'branch_id']),
  );
  await table('party_checkins', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('activity_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('at', 'text', (c: C) => c.notNull())
      .addColumn('on_behalf', 'integer', (c: C) => c.notNull().defaultTo(0))
      .addColumn('recorded_by', 'text'),
  );
  // once per member per activity
  await db.schema.createIndex('party_checkins_once').on('party_checkins').columns(['activity_id', 'person_id']).unique().execute();

  await table('party_thoughts', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('activity_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('client_key', 'text', (c: C) => c.notNull())
      .addColumn('text', 'text', (c: C) => c.notNull())
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_thoughts_key').on('party_thoughts').columns(['person_id', 'client_key']).unique().execute();
  await table('party_comments', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('thought_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('client_key', 'text', (c: C) => c.notNull())
      .addColumn('text', 'text', (c: C) => c.notNull())
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_comments_key').on('party_comments').columns(['person_id', 'client_key']).unique().execute();

  await table('party_packages', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('title', 'text', (c: C) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await table('party_package_branches', (t) =>
    t
      .addColumn('package_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addPrimaryKeyConstraint('party_package_branches_pk', ['package_id', 'branch_id']),
  );
  await table('party_materials', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('package_id', 'text', (c: C) => c.notNull())
      .addColumn('title', 'text', (c: C) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('body', 'text')
      .addColumn('sort', 'integer', (c: C) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await table('party_reads', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('material_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_reads_once').on('party_reads').columns(['material_id', 'person_id']).unique().execute();

  await table('party_study_checkins', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('day', 'text', (c: C) => c.notNull())
      .addColumn('what', 'text', (c: C) => c.notNull())
      .addColumn('minutes', 'integer', (c: C) => c.notNull())
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_study_once').on('party_study_checkins').columns(['person_id', 'day']).unique().execute();

  await table('party_reports', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('kind', 'text', (c: C) => c.notNull())
      .addColumn('quarter', 'text')
      .addColumn('title', 'text', (c: C) => c.notNull())
      .addColumn('body', 'text', (c: C) => c.notNull())
      .addColumn('client_key', 'text', (c: C) => c.notNull())
      .addColumn('submitted_at', 'text', (c: C) => c.notNull())
      .addColumn('submitted_on', 'text', (c: C) => c.notNull())
      .addColumn('status', 'text', (c: C) => c.notNull())
      .addColumn('review_comment', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text'),
  );
  await db.schema.createIndex('party_reports_key').on('party_reports').columns(['person_id', 'client_key']).unique().execute();

  await table('party_campaigns', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('name', 'text', (c: C) => c.notNull())
      .addColumn('kind', 'text', (c: C) => c.notNull())
      .addColumn('starts_on', 'text', (c: C) => c.notNull())
      .addColumn('ends_on', 'text')
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  await db.schema.createIndex('party_campaigns_name').on('party_campaigns').columns(['subdistrict_id', 'name']).unique().execute();
  await table('party_campaign_branches', (t) =>
    t
      .addColumn('campaign_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addPrimaryKeyConstraint('party_campaign_branches_pk', ['campaign_id', 'branch_id']),
  );
  await table('party_donations', (t) =>
    t
      .addColumn('id', 'text', (c: C) => c.primaryKey())
      .addColumn('neighborhood_id', 'text', (c: C) => c.notNull())
      .addColumn('campaign_id', 'text', (c: C) => c.notNull())
      .addColumn('person_id', 'text', (c: C) => c.notNull())
      .addColumn('branch_id', 'text', (c: C) => c.notNull())
      .addColumn('amount_fen', 'integer', (c: C) => c.notNull())
      .addColumn('kind', 'text', (c: C) => c.notNull())
      .addColumn('given_on', 'text', (c: C) => c.notNull())
      .addColumn('method', 'text')
      .addColumn('receipt_no', 'text')
      .addColumn('note', 'text')
      .addColumn('client_key', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('created_at', 'text', (c: C) => c.notNull()),
  );
  // the same receipt twice is the same gift; a repeated submit counts once
  await db.schema.createIndex('party_donations_receipt').on('party_donations').columns(['campaign_id', 'receipt_no']).unique().execute();
  await db.schema.createIndex('party_donations_key').on('party_donations').columns(['campaign_id', 'client_key']).unique().execute();
  await db.schema.createIndex('party_donations_campaign').on('party_donations').columns(['campaign_id', 'branch_id']).execute();
}
