import { sql } from 'kysely';
import { JOBS_EMPLOYER_RESOURCE } from '../../../contracts/jobs.vocab';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type {
  JobsApplicationsTable,
  JobsConsentsTable,
  JobsEmployersTable,
  JobsFairsTable,
  JobsPositionsTable,
  JobsSeekersTable,
} from './jobs.tables';

/**
 * Every query of the job fair module. Staff reach their subdistrict; a recruiting partner's account
 * reaches the employers it is granted (resource `jobs.employer`), their positions and the
 * applications to them — and of those only the seekers whose consent stands.
 */
const EMPLOYER = (column: string) => ({ [JOBS_EMPLOYER_RESOURCE]: column });
const count = sql<number>`count(*)`;
const FAIR_POSITIONS = sql<number>`(select count(*) from jobs_positions fp where fp.fair_id = f.id and fp.open = 1)`;
const EMPLOYER_POSITIONS = sql<number>`(select count(*) from jobs_positions ep where ep.employer_id = e.id)`;

// ---- fairs
export function fairs(db: Executor, scope: Scope) {
  return db.selectFrom('jobs_fairs as f').where(scopeWhere(scope, 'f.subdistrict_id', null));
}

export async function listFairs(db: Executor, scope: Scope) {
  return fairs(db, scope)
    .selectAll('f')
    .select(FAIR_POSITIONS.as('position_count'))
    .orderBy('f.starts_at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
}
export type FairRow = Awaited<ReturnType<typeof listFairs>>[number];

export async function fairInScope(db: Executor, scope: Scope, id: string) {
  return fairs(db, scope).selectAll('f').select(FAIR_POSITIONS.as('position_count')).where('f.id', '=', id).executeTakeFirst();
}

/** a published (or finished) fair for its public page: any subdistrict, by its unguessable id */
export async function publicFair(db: Executor, id: string) {
  return db
    .selectFrom('jobs_fairs as f')
    .selectAll('f')
    .select(FAIR_POSITIONS.as('position_count'))
    .where('f.id', '=', id)
    .where('f.status', 'in', ['published', 'closed'])
    .executeTakeFirst();
}

export async function publishedFairs(db: Executor) {
  return db
    .selectFrom('jobs_fairs as f')
    .selectAll('f')
    .select(FAIR_POSITIONS.as('position_count'))
    .where('f.status', '=', 'published')
    .orderBy('f.starts_at', 'desc')
    .limit(20)
    .execute();
}

export async function insertFair(db: Executor, row: JobsFairsTable) {
  await db.insertInto('jobs_fairs').values(row).execute();
}

export async function updateFair(db: Executor, id: string, set: Partial<JobsFairsTable>) {
  await db.updateTable('jobs_fairs').set(set).where('id', '=', id).execute();
}

export async function moveFair(db: Executor, id: string, from: string, set: Partial<JobsFairsTable>) {
  const r = await db.updateTable('jobs_fairs').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- employers
function employers(db: Executor, scope: Scope) {
  return db.selectFrom('jobs_employers as e').where(scopeWhere(scope, 'e.subdistrict_id', null, EMPLOYER('e.id')));
}

export async function listEmployers(db: Executor, scope: Scope) {
  return employers(db, scope).selectAll('e').select(EMPLOYER_POSITIONS.as('position_count')).orderBy('e.name').execute();
}
export type EmployerRow = Awaited<ReturnType<typeof listEmployers>>[number];

export async function employerInScope(db: Executor, scope: Scope, id: string) {
  return employers(db, scope).selectAll('e').select(EMPLOYER_POSITIONS.as('position_count')).where('e.id', '=', id).executeTakeFirst();
}

export async function employerByName(db: Executor, subdistrictId: string, name: string) {
  return db
    .selectFrom('jobs_employers')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function employerOptions(db: Executor, subdistrictId: string) {
  return db.selectFrom('jobs_employers').select(['id', 'name']).where('subdistrict_id', '=', subdistrictId).orderBy('name').execute();
}

export async function insertEmployer(db: Executor, row: JobsEmployersTable) {
  await db.insertInto('jobs_employers').values(row).execute();
}

export async function updateEmployer(db: Executor, id: string, set: Partial<JobsEmployersTable>) {
  await db.updateTable('jobs_employers').set(set).where('id', '=', id).execute();
}

// ---- positions
export interface PositionFilter {
  q?: string;
  employerId?: string;
  fairId?: string;
  category?: string;
  openOnly?: boolean;
}

function positions(db: Executor, scope: Scope | null, f: PositionFilter = {}) {
  let q = db.selectFrom('jobs_positions as p').innerJoin('jobs_employers as e', 'e.id', 'p.employer_id');
  if (scope) q = q.where(scopeWhere(scope, 'p.subdistrict_id', null, EMPLOYER('p.employer_id')));
  if (f.employerId) q = q.where('p.employer_id', '=', f.employerId);
  if (f.fairId) q = q.where('p.fair_id', '=', f.fairId);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.openOnly) q = q.where('p.open', '=', 1);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('p.title', 'like', like), eb('e.name', 'like', like), eb('p.category', 'like', like)]));
  }
  return q;
}

const APPLICANTS = sql<number>`(select count(*) from jobs_applications ac where ac.position_id = p.id and ac.status <> 'withdrawn')`;
const positionColumns = (_db: Executor) => ['e.name as employer_name', APPLICANTS.as('applicant_count')] as const;

export async function listPositions(db: Executor, scope: Scope, f: PositionFilter, page?: { limit: number; offset: number }) {
  const q = positions(db, scope, f);
  const total = Number((await q.select(count.as('n')).executeTakeFirstOrThrow()).n);
  let rows = q.selectAll('p').select(positionColumns(db)).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  return { rows: await rows.execute(), total };
}
export type PositionRow = Awaited<ReturnType<typeof listPositions>>['rows'][number];

export async function positionInScope(db: Executor, scope: Scope, id: string) {
  return positions(db, scope).selectAll('p').select(positionColumns(db)).where('p.id', '=', id).executeTakeFirst();
}

/** the open positions of a subdistrict, for matching (a seeker sees them all) */
export async function openPositions(db: Executor, subdistrictId: string) {
  return positions(db, null, { openOnly: true })
    .selectAll('p')
    .select(positionColumns(db))
    .where('p.subdistrict_id', '=', subdistrictId)
    .orderBy('p.id')
    .execute();
}

/** a cheap fingerprint of a subdistrict's open positions: a matcher built on them stays valid while it holds */
export async function positionsFingerprint(db: Executor, subdistrictId: string) {
  const r = await db
    .selectFrom('jobs_positions')
    .select([count.as('n'), sql<string | null>`max(updated_at)`.as('at')])
    .where('subdistrict_id', '=', subdistrictId)
    .where('open', '=', 1)
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}|${r.at ?? ''}`;
}

export async function positionsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return positions(db, null).selectAll('p').select(positionColumns(db)).where('p.id', 'in', ids).execute();
}

export async function fairPositions(db: Executor, fairId: string) {
  return positions(db, null, { fairId, openOnly: true })
    .selectAll('p')
    .select(positionColumns(db))
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export async function insertPosition(db: Executor, row: JobsPositionsTable) {
  await db.insertInto('jobs_positions').values(row).execute();
}

export async function updatePosition(db: Executor, id: string, set: Partial<JobsPositionsTable>) {
  await db.updateTable('jobs_positions').set(set).where('id', '=', id).execute();
}

// ---- seekers (staff only: a partner reaches a seeker through an application, see below)
export interface SeekerFilter {
  q?: string;
  status?: string;
  consented?: boolean;
}

function seekers(db: Executor, scope: Scope, f: SeekerFilter = {}) {
  let q = db.selectFrom('jobs_seekers as s').where(scopeWhere(scope, 's.subdistrict_id', null));
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.consented !== undefined) q = q.where('s.consented', '=', f.consented ? 1 : 0);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'like', like), eb('s.major', 'like', like), eb('s.school', 'like', like)]));
  }
  return q;
}

export async function listSeekers(db: Executor, scope: Scope, f: SeekerFilter, page: { limit: number; offset: number }) {
  const q = seekers(db, scope, f);
  const total = Number((await q.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll('s')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total };
}

export async function seekerInScope(db: Executor, scope: Scope, id: string) {
  return seekers(db, scope).selectAll('s').where('s.id', '=', id).executeTakeFirst();
}

export async function seekerById(db: Executor, id: string) {
  return db.selectFrom('jobs_seekers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** the consenting seekers of a subdistrict: the only ones an employer may be shown */
export async function consentingSeekers(db: Executor, subdistrictId: string) {
  return db
    .selectFrom('jobs_seekers')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('consented', '=', 1)
    .orderBy('id')
    .execute();
}

export async function subdistrictSeekers(db: Executor, subdistrictId: string) {
  return db.selectFrom('jobs_seekers').selectAll().where('subdistrict_id', '=', subdistrictId).orderBy('id').execute();
}

export async function allSeekers(db: Executor, scope: Scope) {
  return seekers(db, scope).selectAll('s').execute();
}

export async function seekerOfAccount(db: Executor, accountId: string) {
  return db.selectFrom('jobs_seekers').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function seekerByPhone(db: Executor, subdistrictId: string, phoneHash: string) {
  return db
    .selectFrom('jobs_seekers')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirst();
}

export async function seekerByPerson(db: Executor, subdistrictId: string, personId: string) {
  return db
    .selectFrom('jobs_seekers')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** the core person with this phone (a resident who signs in by SMS is found again this way) */
export async function personByPhone(db: Executor, subdistrictId: string, phoneHash: string) {
  return db
    .selectFrom('persons')
    .select(['id'])
    .where('subdistrict_id', '=', subdistrictId)
    .where((eb) => eb.or([eb('phone_hash', '=', phoneHash), eb('alt_phone_hash', '=', phoneHash)]))
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function accountPhoneHash(db: Executor, accountId: string) {
  return (await db.selectFrom('accounts').select('phone_hash').where('id', '=', accountId).executeTakeFirst())?.phone_hash ?? null;
}

export async function insertSeeker(db: Executor, row: JobsSeekersTable) {
  await db.insertInto('jobs_seekers').values(row).execute();
}

export async function updateSeeker(db: Executor, id: string, set: Partial<JobsSeekersTable>) {
  await db.updateTable('jobs_seekers').set(set).where('id', '=', id).execute();
}

export async function smsOptedIn(db: Executor, subdistrictId: string) {
  return db
    .selectFrom('jobs_seekers')
    .select(['id', 'phone_enc'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('sms_opt_in', '=', 1)
    .where('phone_enc', 'is not', null)
    .execute();
}

// ---- consents
export async function insertConsent(db: Executor, row: JobsConsentsTable) {
  await db.insertInto('jobs_consents').values(row).execute();
}

export async function withdrawConsents(db: Executor, seekerId: string, at: string) {
  await db
    .updateTable('jobs_consents')
    .set({ withdrawn_at: at })
    .where('seeker_id', '=', seekerId)
    .where('withdrawn_at', 'is', null)
    .execute();
}

// ---- applications
export interface ApplicationFilter {
  positionId?: string;
  employerId?: string;
  seekerId?: string;
  status?: string;
}

/**
 * Applications the actor may see: staff all of their subdistrict's; a partner those to its
 * employers' positions whose seeker's consent stands — a withdrawal hides them at once.
 */
function applications(db: Executor, scope: Scope, f: ApplicationFilter = {}) {
  const employerIds = scope.resources?.[JOBS_EMPLOYER_RESOURCE] ?? [];
  let q = db
    .selectFrom('jobs_applications as a')
    .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
    .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
    .innerJoin('jobs_employers as e', 'e.id', 'a.employer_id')
    .where((eb) => {
      const parts = [];
      if (scope.subdistrictIds.length > 0) parts.push(eb('a.subdistrict_id', 'in', scope.subdistrictIds));
      if (employerIds.length > 0) parts.push(eb.and([eb('a.employer_id', 'in', employerIds), eb('s.consented', '=', 1)]));
      return parts.length > 0 ? eb.or(parts) : sql<boolean>`1 = 0`;
    });
  if (f.positionId) q = q.where('a.position_id', '=', f.positionId);
  if (f.employerId) q = q.where('a.employer_id', '=', f.employerId);
  if (f.seekerId) q = q.where('a.seeker_id', '=', f.seekerId);
  if (f.status) q = q.where('a.status', '=', f.status);
  return q;
}

const applicationColumns = ['p.title as position_title', 'e.name as employer_name', 's.name as seeker_name'] as const;

export async function listApplications(db: Executor, scope: Scope, f: ApplicationFilter) {
  return applications(db, scope, f)
    .selectAll('a')
    .select(applicationColumns)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(2000)
    .execute();
}
export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>[number];

export async function applicationInScope(db: Executor, scope: Scope, id: string) {
  return applications(db, scope).selectAll('a').select(applicationColumns).where('a.id', '=', id).executeTakeFirst();
}

/** a seeker's own applications (the phone page) */
export async function applicationsOfSeeker(db: Executor, seekerId: string) {
  return db
    .selectFrom('jobs_applications as a')
    .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
    .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
    .innerJoin('jobs_employers as e', 'e.id', 'a.employer_id')
    .selectAll('a')
    .select(applicationColumns)
    .where('a.seeker_id', '=', seekerId)
    .orderBy('a.created_at', 'desc')
    .execute();
}

export async function applicationByKey(db: Executor, subdistrictId: string, clientKey: string) {
  return db
    .selectFrom('jobs_applications')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

export async function applicationByPair(db: Executor, seekerId: string, positionId: string) {
  return db
    .selectFrom('jobs_applications')
    .selectAll()
    .where('seeker_id', '=', seekerId)
    .where('position_id', '=', positionId)
    .executeTakeFirst();
}

/** inserts unless the same key or the same seeker–position pair is there already; true when inserted */
export async function insertApplication(db: Executor, row: JobsApplicationsTable) {
  const r = await db
    .insertInto('jobs_applications')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function moveApplication(db: Executor, id: string, from: string, to: string, at: string) {
  const r = await db
    .updateTable('jobs_applications')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function reopenApplication(db: Executor, id: string, set: Partial<JobsApplicationsTable>) {
  const r = await db.updateTable('jobs_applications').set(set).where('id', '=', id).where('status', '=', 'withdrawn').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appliedPositionIds(db: Executor, seekerId: string) {
  const rows = await db
    .selectFrom('jobs_applications')
    .select('position_id')
    .where('seeker_id', '=', seekerId)
    .where('status', '!=', 'withdrawn')
    .execute();
  return new Set(rows.map((r) => r.position_id));
}

// ---- statistics
export async function countApplications(db: Executor, scope: Scope) {
  return Number((await applications(db, scope).select(count.as('n')).executeTakeFirstOrThrow()).n);
}

export async function positionsForStats(db: Executor, scope: Scope) {
  return positions(db, scope, { openOnly: true }).select(['p.category', 'p.salary_min', 'p.salary_max', 'p.headcount']).execute();
}
