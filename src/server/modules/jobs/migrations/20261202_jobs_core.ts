import type { Kysely } from 'kysely';

// Online job fairs (云招聘), part 1: fairs, employers, positions, seekers (core people), consents,
// applications. Salaries are whole yuan per month; lists are JSON text.
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs_fairs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('partners', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('registration_deadline', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_fairs_sd').on('jobs_fairs').columns(['subdistrict_id', 'starts_at']).execute();

  await db.schema
    .createTable('jobs_employers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_employers_name').on('jobs_employers').columns(['subdistrict_id', 'name']).unique().execute();

  await db.schema
    .createTable('jobs_positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('jobs_employers.id'))
    .addColumn('fair_id', 'text', (c) => c.references('jobs_fairs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('industry', 'text')
    .addColumn('district', 'text')
    .addColumn('salary_min', 'integer')
    .addColumn('salary_max', 'integer')
    .addColumn('education', 'text')
    .addColumn('majors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('experience_years', 'integer')
    .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text')
    .addColumn('skills', 'text')
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_positions_sd').on('jobs_positions').columns(['subdistrict_id', 'open']).execute();
  await db.schema.createIndex('jobs_positions_employer').on('jobs_positions').columns(['employer_id']).execute();
  await db.schema.createIndex('jobs_positions_fair').on('jobs_positions').columns(['fair_id']).execute();

  await db.schema
    .createTable('jobs_seekers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('account_id', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_tail', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('school', 'text')
    .addColumn('major', 'text')
    .addColumn('graduation_year', 'integer')
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('districts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('salary_min', 'integer')
    .addColumn('salary_max', 'integer')
    .addColumn('experience_years', 'integer')
    .addColumn('skills', 'text')
    .addColumn('sms_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consented', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consented_at', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // one seeker per real person, per phone and per resident account (NULLs do not collide)
  await db.schema.createIndex('jobs_seekers_person').on('jobs_seekers').columns(['subdistrict_id', 'person_id']).unique().execute();
  await db.schema.createIndex('jobs_seekers_phone').on('jobs_seekers').columns(['subdistrict_id', 'phone_hash']).unique().execute();
  await db.schema.createIndex('jobs_seekers_account').on('jobs_seekers').columns(['account_id']).unique().execute();

  await db.schema
    .createTable('jobs_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('jobs_seekers.id'))
    .addColumn('fair_id', 'text')
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('given_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_consents_seeker').on('jobs_consents').columns(['seeker_id']).execute();

  await db.schema
    .createTable('jobs_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('jobs_seekers.id'))
    .addColumn('position_id', 'text', (c) => c.notNull().references('jobs_positions.id'))
    .addColumn('employer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_applications_pair').on('jobs_applications').columns(['seeker_id', 'position_id']).unique().execute();
  await db.schema.createIndex('jobs_applications_key').on('jobs_applications').columns(['subdistrict_id', 'client_key']).unique().execute();
  await db.schema.createIndex('jobs_applications_employer').on('jobs_applications').columns(['employer_id', 'position_id']).execute();
}
