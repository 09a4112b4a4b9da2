import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type { JobsConsoleEventsTable, JobsInterviewsTable, JobsRoomsTable, JobsTimetableVersionsTable } from './interviews.tables';

/** SQL of the fair day (part 2): rooms, interviews, personal links, versions, console events. */

const EMPLOYER = { 'jobs.employer': 'i.employer_id' };

/** the statuses of an interview still ahead in its room's queue */
export const QUEUED = ['scheduled', 'waiting'] as const;
/** the status of the one being interviewed */
export const CURRENT = 'interviewing';

export async function roomsOfFair(db: Executor, fairId: string) {
  return db.selectFrom('jobs_rooms').selectAll().where('fair_id', '=', fairId).orderBy('name').execute();
}

export async function roomInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('jobs_rooms')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(scope, 'subdistrict_id', null))
    .executeTakeFirst();
}

export async function insertRoom(db: Executor, row: JobsRoomsTable) {
  await db.insertInto('jobs_rooms').values(row).execute();
}

export async function updateRoom(db: Executor, id: string, set: Partial<JobsRoomsTable>) {
  await db.updateTable('jobs_rooms').set(set).where('id', '=', id).execute();
}

/** the fair's applications still standing, with what the timetable and the candidate need */
export async function fairApplications(db: Executor, fairId: string) {
  return db
    .selectFrom('jobs_applications as a')
    .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
    .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
    .select([
      'a.id',
      'a.seeker_id',
      'a.position_id',
      'a.employer_id',
      'a.subdistrict_id',
      's.name as seeker_name',
      'p.title as position_title',
    ])
    .where('p.fair_id', '=', fairId)
    .where('a.status', '!=', 'withdrawn')
    .where('a.status', '!=', 'unsuitable')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

const interviewColumns = [
  'i.id',
  'i.subdistrict_id',
  'i.fair_id',
  'i.application_id',
  'i.seeker_id',
  'i.position_id',
  'i.employer_id',
  'i.room_id',
  'i.start_minute',
  'i.end_minute',
  'i.seq',
  'i.status',
  'i.outcome',
  'i.outcome_note',
  'i.offer',
  'i.called_at',
  'i.ended_at',
  'i.created_at',
  'i.updated_at',
] as const;

export type InterviewRow = JobsInterviewsTable & {
  seeker_name: string;
  seeker_status: string;
  position_title: string;
  employer_name: string;
  room_name: string;
  meeting: string;
};

function interviewsQuery(db: Executor) {
  return db
    .selectFrom('jobs_interviews as i')
    .innerJoin('jobs_seekers as s', 's.id', 'i.seeker_id')
    .innerJoin('jobs_positions as p', 'p.id', 'i.position_id')
    .innerJoin('jobs_employers as e', 'e.id', 'i.employer_id')
    .innerJoin('jobs_rooms as r', 'r.id', 'i.room_id')
    .select(interviewColumns)
    .select([
      's.name as seeker_name',
      's.status as seeker_status',
      'p.title as position_title',
      'e.name as employer_name',
      'r.name as room_name',
      'r.meeting',
    ]);
}

/** every interview of a fair (for the live state, the timetable page and exports; the caller checked the fair's scope) */
export async function fairInterviews(db: Executor, fairId: string): Promise<InterviewRow[]> {
  return interviewsQuery(db).where('i.fair_id', '=', fairId).orderBy('i.room_id').orderBy('i.seq').execute();
}

/** the interviews of a fair the actor may see (an employer's partner: its own) */
export async function fairInterviewsInScope(db: Executor, scope: Scope, fairId: string): Promise<InterviewRow[]> {
  return interviewsQuery(db)
    .where('i.fair_id', '=', fairId)
    .where(scopeWhere(scope, 'i.subdistrict_id', null, EMPLOYER))
    .orderBy('i.room_id')
    .orderBy('i.seq')
    .execute();
}

export async function roomInterviewsInScope(db: Executor, scope: Scope, roomId: string): Promise<InterviewRow[]> {
  return interviewsQuery(db)
    .where('i.room_id', '=', roomId)
    .where(scopeWhere(scope, 'i.subdistrict_id', null, EMPLOYER))
    .orderBy('i.seq')
    .execute();
}

export async function interviewInScope(db: Executor, scope: Scope, id: string): Promise<InterviewRow | undefined> {
  return interviewsQuery(db)
    .where('i.id', '=', id)
    .where(scopeWhere(scope, 'i.subdistrict_id', null, EMPLOYER))
    .executeTakeFirst();
}

export async function deleteFairInterviews(db: Executor, fairId: string) {
  await db.deleteFrom('jobs_interviews').where('fair_id', '=', fairId).execute();
}

export async function insertInterviews(db: Executor, rows: JobsInterviewsTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('jobs_interviews')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function updateInterview(db: Executor, id: string, set: Partial<JobsInterviewsTable>) {
  await db.updateTable('jobs_interviews').set(set).where('id', '=', id).execute();
}

/** moves an interview only from `from` (another officer may have moved it first): true when it did */
export async function moveInterview(db: Executor, id: string, from: readonly string[], set: Partial<JobsInterviewsTable>) {
  const r = await db.updateTable('jobs_interviews').set(set).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Call-next, atomically: the first queued interview of the room becomes the current one, only
 * while the room has no current one. Two officers at once: both aim at the same row; the second
 * UPDATE finds it no longer queued (PostgreSQL re-checks the row after the first commits; SQLite
 * writes one at a time) and changes nothing. Returns the id called, or null.
 */
export async function callNext(db: Executor, roomId: string, at: string): Promise<string | null> {
  const r = await db
    .updateTable('jobs_interviews')
    .set({ status: CURRENT, called_at: at, updated_at: at })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs_interviews as q')
        .select('q.id')
        .where('q.room_id', '=', roomId)
        .where('q.status', 'in', QUEUED)
        .orderBy('q.seq')
        .limit(1),
    )
    .where('status', 'in', QUEUED)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs_interviews as c')
            .select(sql<number>`1`.as('one'))
            .where('c.room_id', '=', roomId)
            .where('c.status', '=', CURRENT),
        ),
      ),
    )
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function currentOfRoom(db: Executor, roomId: string) {
  return db.selectFrom('jobs_interviews').selectAll().where('room_id', '=', roomId).where('status', '=', CURRENT).executeTakeFirst();
}

/** the one after the current: told to get ready (候场) */
export async function markWaiting(db: Executor, roomId: string, at: string) {
  const next = await db
    .selectFrom('jobs_interviews')
    .select('id')
    .where('room_id', '=', roomId)
    .where('status', 'in', QUEUED)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (next) await moveInterview(db, next.id, ['scheduled'], { status: 'waiting', updated_at: at });
}

export async function maxSeq(db: Executor, roomId: string) {
  const r = await db
    .selectFrom('jobs_interviews')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('room_id', '=', roomId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

// ---- versions
export async function latestVersion(db: Executor, fairId: string) {
  return db
    .selectFrom('jobs_timetable_versions')
    .selectAll()
    .where('fair_id', '=', fairId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function publishedVersion(db: Executor, fairId: string) {
  return db
    .selectFrom('jobs_timetable_versions')
    .selectAll()
    .where('fair_id', '=', fairId)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVersion(db: Executor, row: JobsTimetableVersionsTable) {
  await db.insertInto('jobs_timetable_versions').values(row).execute();
}

// ---- personal links
export async function tokenByHash(db: Executor, hash: string) {
  return db.selectFrom('jobs_candidate_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function liveTokens(db: Executor, fairId: string, now: string) {
  return db
    .selectFrom('jobs_candidate_tokens')
    .selectAll()
    .where('fair_id', '=', fairId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function revokedTokenIds(db: Executor, fairId: string) {
  const rows = await db
    .selectFrom('jobs_candidate_tokens')
    .select('id')
    .where('fair_id', '=', fairId)
    .where('revoked_at', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertToken(db: Executor, row: import('./interviews.tables').JobsCandidateTokensTable) {
  await db.insertInto('jobs_candidate_tokens').values(row).execute();
}

/** the ids of the links it revoked */
export async function revokeTokens(db: Executor, fairId: string, seekerId: string, at: string) {
  const rows = await db
    .updateTable('jobs_candidate_tokens')
    .set({ revoked_at: at })
    .where('fair_id', '=', fairId)
    .where('seeker_id', '=', seekerId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function seekerPhones(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('jobs_seekers').select(['id', 'name', 'phone_enc']).where('id', 'in', ids).execute();
}

// ---- console events
export async function insertEvent(db: Executor, row: JobsConsoleEventsTable) {
  await db.insertInto('jobs_console_events').values(row).execute();
}

export async function eventsOfFair(db: Executor, fairId: string, limit = 50) {
  return db
    .selectFrom('jobs_console_events')
    .selectAll()
    .where('fair_id', '=', fairId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function fairById(db: Executor, id: string) {
  return db
    .selectFrom('jobs_fairs')
    .select(['id', 'subdistrict_id', 'title', 'starts_at', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function tokenById(db: Executor, id: string) {
  return db.selectFrom('jobs_candidate_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function positionTitles(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { title: string; fair_id: string | null }>();
  const rows = await db.selectFrom('jobs_positions').select(['id', 'title', 'fair_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, fair_id: r.fair_id }]));
}

export async function fairApplicationsWithStatus(db: Executor, fairId: string) {
  return db
    .selectFrom('jobs_applications as a')
    .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
    .innerJoin('jobs_employers as e', 'e.id', 'a.employer_id')
    .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
    .select(['a.id', 'a.employer_id', 'e.name as employer_name', 'a.position_id', 'p.title as position_title', 's.status as seeker_status'])
    .where('p.fair_id', '=', fairId)
    .where('a.status', '!=', 'withdrawn')
    .execute();
}

/** what changes during the fair day, one table, no joins: the live state's read per event */
export async function fairInterviewMoves(db: Executor, fairId: string) {
  return db
    .selectFrom('jobs_interviews')
    .select(['id', 'seeker_id', 'room_id', 'start_minute', 'end_minute', 'seq', 'status', 'called_at'])
    .where('fair_id', '=', fairId)
    .orderBy('room_id')
    .orderBy('seq')
    .execute();
}

/** the fair-day windows of the seekers who gave them (the others can come at any time) */
export async function seekerWindows(db: Executor, seekerIds: string[]) {
  const out = new Map<string, [string, string][]>();
  for (let i = 0; i < seekerIds.length; i += 500) {
    const rows = await db
      .selectFrom('jobs_seekers')
      .select(['id', 'available'])
      .where('id', 'in', seekerIds.slice(i, i + 500))
      .where('available', 'is not', null)
      .execute();
    for (const r of rows) if (r.available) out.set(r.id, JSON.parse(r.available) as [string, string][]);
  }
  return out;
}
