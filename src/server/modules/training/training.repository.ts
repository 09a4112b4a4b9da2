import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type {
  TrainingCheckinsTable,
  TrainingCommitteesTable,
  TrainingParticipantsTable,
  TrainingQuestionsTable,
  TrainingQuizzesTable,
  TrainingSessionsTable,
  TrainingSurveysTable,
} from './training.tables';

/**
 * The training module's queries. Every read of office data is scoped to the actor: committees by
 * subdistrict or neighborhood, the bank, sessions and quizzes by subdistrict. Reads by a
 * participant token or a join code are the public side (a quiz's phone pages) and name one row.
 */

// ---- committees
export function committees(db: Executor, scope: Scope, id?: string) {
  let q = db
    .selectFrom('training_committees as c')
    .innerJoin('org_units as e', 'e.id', 'c.estate_id')
    .innerJoin('org_units as n', 'n.id', 'c.neighborhood_id')
    .selectAll('c')
    .select(['e.name as estate_name', 'n.name as neighborhood_name'])
    .where(scopeWhere(scope, 'c.subdistrict_id', 'c.neighborhood_id'));
  if (id) q = q.where('c.id', '=', id);
  return q.orderBy('n.sort').orderBy('e.name').execute();
}
export type CommitteeRow = Awaited<ReturnType<typeof committees>>[number];

export function members(db: Executor, committeeIds: string[]) {
  if (committeeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_committee_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['m.committee_id', 'm.person_id', 'm.role', 'p.name', 'p.phone_enc', 'p.phone_hash'])
    .where('m.committee_id', 'in', committeeIds)
    .orderBy('m.created_at')
    .execute();
}

export function ticks(db: Executor, committeeIds: string[]) {
  if (committeeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('training_committee_ticks').selectAll().where('committee_id', 'in', committeeIds).execute();
}

export function checklistItems(db: Executor, subdistrictIds: string[]) {
  if (subdistrictIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_checklist_items')
    .selectAll()
    .where('subdistrict_id', 'in', subdistrictIds)
    .where('active', '=', 1)
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
}

export function estateInScope(db: Executor, scope: Scope, estateId: string) {
  return db
    .selectFrom('org_units as e')
    .innerJoin('org_units as n', 'n.id', 'e.parent_id')
    .select(['e.id', 'e.name', 'e.subdistrict_id', 'n.id as neighborhood_id'])
    .where('e.id', '=', estateId)
    .where('e.kind', '=', 'estate')
    .where(scopeWhere(scope, 'e.subdistrict_id', 'n.id'))
    .executeTakeFirst();
}

export async function insertCommittee(db: Executor, row: TrainingCommitteesTable) {
  await db.insertInto('training_committees').values(row).execute();
}

export async function upsertTick(
  db: Executor,
  row: {
    id: string;
    subdistrict_id: string;
    neighborhood_id: string;
    committee_id: string;
    item_key: string;
    done: number;
    ticked_by: string;
    ticked_at: string;
  },
) {
  await db
    .insertInto('training_committee_ticks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['committee_id', 'item_key']).doUpdateSet({ done: row.done, ticked_by: row.ticked_by, ticked_at: row.ticked_at }),
    )
    .execute();
}

// ---- sessions and check-ins
export function sessions(db: Executor, scope: Scope, id?: string) {
  let q = db
    .selectFrom('training_sessions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('training_checkins as k')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('k.session_id', '=', 's.id')
        .where('k.checked_in_at', 'is not', null)
        .as('checked_in'),
    )
    .where(scopeWhere(scope, 's.subdistrict_id', null));
  if (id) q = q.where('s.id', '=', id);
  return q.orderBy('s.starts_at', 'desc').limit(200).execute();
}

export function checkins(db: Executor, sessionId: string) {
  return db.selectFrom('training_checkins').selectAll().where('session_id', '=', sessionId).orderBy('registered_at').execute();
}

export function sessionByCode(db: Executor, code: string) {
  return db.selectFrom('training_sessions').selectAll().where('checkin_code', '=', code).executeTakeFirst();
}

export async function insertSession(db: Executor, row: TrainingSessionsTable) {
  await db.insertInto('training_sessions').values(row).execute();
}

export function checkinOf(db: Executor, sessionId: string, phoneHash: string) {
  return db
    .selectFrom('training_checkins')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirst();
}

export async function insertCheckin(db: Executor, row: TrainingCheckinsTable) {
  await db
    .insertInto('training_checkins')
    .values(row)
    .onConflict((oc) => oc.columns(['session_id', 'phone_hash']).doNothing())
    .execute();
}

export async function codeTaken(db: Executor, table: 'training_sessions' | 'training_quizzes', code: string) {
  const col = table === 'training_sessions' ? 'checkin_code' : 'join_code';
  const row = await db
    .selectFrom(table)
    .select('id')
    .where(col as 'id', '=', code)
    .executeTakeFirst();
  return !!row;
}

export function personByPhone(db: Executor, subdistrictId: string, phoneHash: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('phone_hash', '=', phoneHash)
    .orderBy('created_at')
    .executeTakeFirst();
}

// ---- question bank
export function questions(db: Executor, scope: Scope, f: { tag?: string; difficulty?: number; q?: string; ids?: string[] } = {}) {
  let q = db
    .selectFrom('training_questions')
    .selectAll()
    .where(scopeWhere(scope, 'subdistrict_id', null))
    .where('archived', '=', 0);
  if (f.tag) q = q.where('tags', 'like', `%|${f.tag.replace(/[%_|]/g, '')}|%`);
  if (f.difficulty) q = q.where('difficulty', '=', f.difficulty);
  if (f.q) q = q.where('stem', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  if (f.ids) {
    if (f.ids.length === 0) return Promise.resolve([] as TrainingQuestionsTable[]);
    q = q.where('id', 'in', f.ids);
  }
  return q.orderBy('created_at').limit(2000).execute();
}

export function questionInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('training_questions')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(scope, 'subdistrict_id', null))
    .executeTakeFirst();
}

export async function insertQuestion(db: Executor, row: TrainingQuestionsTable) {
  await db.insertInto('training_questions').values(row).execute();
}

export function history(db: Executor, questionId: string) {
  return db.selectFrom('training_question_history').selectAll().where('question_id', '=', questionId).orderBy('version', 'desc').execute();
}

// ---- quizzes
export function quizzes(db: Executor, scope: Scope, id?: string) {
  let q = db
    .selectFrom('training_quizzes as z')
    .selectAll('z')
    .select((eb) => [
      eb
        .selectFrom('training_quiz_questions as qq')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('qq.quiz_id', '=', 'z.id')
        .as('question_count'),
      eb
        .selectFrom('training_quiz_questions as qq')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('qq.points'), sql<number>`0`).as('s'))
        .whereRef('qq.quiz_id', '=', 'z.id')
        .as('max_score'),
      eb
        .selectFrom('training_participants as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('p.quiz_id', '=', 'z.id')
        .as('participants'),
    ])
    .where(scopeWhere(scope, 'z.subdistrict_id', null));
  if (id) q = q.where('z.id', '=', id);
  return q.orderBy('z.created_at', 'desc').limit(200).execute();
}
export type QuizRow = Awaited<ReturnType<typeof quizzes>>[number];

export function quiz(db: Executor, id: string) {
  return db.selectFrom('training_quizzes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function quizByCode(db: Executor, code: string) {
  return db.selectFrom('training_quizzes').selectAll().where('join_code', '=', code).executeTakeFirst();
}

export async function insertQuiz(db: Executor, row: TrainingQuizzesTable) {
  await db.insertInto('training_quizzes').values(row).execute();
}

/** a quiz's questions in order, with their points */
export function quizQuestions(db: Executor, quizId: string) {
  return db
    .selectFrom('training_quiz_questions as qq')
    .innerJoin('training_questions as q', 'q.id', 'qq.question_id')
    .selectAll('q')
    .select(['qq.points', 'qq.position'])
    .where('qq.quiz_id', '=', quizId)
    .orderBy('qq.position')
    .execute();
}
export type QuizQuestionRow = Awaited<ReturnType<typeof quizQuestions>>[number];

/** moves a live quiz from the version the lecturer saw; false when another click came first */
export async function moveLive(db: Executor, id: string, from: number, to: { state: string; index: number; version: number }) {
  const r = await db
    .updateTable('training_quizzes')
    .set({ live_state: to.state, live_index: to.index, live_version: to.version })
    .where('id', '=', id)
    .where('live_version', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- participants, attempts, responses
export function participantByToken(db: Executor, tokenHash: string) {
  return db.selectFrom('training_participants').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** what an answer needs in one read: the participant, its quiz's live position and its first attempt */
export function answerContext(db: Executor, tokenHash: string) {
  return db
    .selectFrom('training_participants as p')
    .innerJoin('training_quizzes as z', 'z.id', 'p.quiz_id')
    .leftJoin('training_attempts as a', (j) => j.onRef('a.participant_id', '=', 'p.id').on('a.attempt_no', '=', 1))
    .select(['p.id', 'p.subdistrict_id', 'p.quiz_id', 'z.mode', 'z.live_state', 'z.live_index', 'z.multiple_rule', 'a.id as attempt_id'])
    .where('p.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function participantByPhone(db: Executor, quizId: string, phoneHash: string) {
  return db
    .selectFrom('training_participants')
    .selectAll()
    .where('quiz_id', '=', quizId)
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirst();
}

export async function insertParticipant(db: Executor, row: TrainingParticipantsTable) {
  await db.insertInto('training_participants').values(row).execute();
}

export async function renewParticipant(db: Executor, id: string, name: string, tokenHash: string) {
  await db.updateTable('training_participants').set({ name, token_hash: tokenHash }).where('id', '=', id).execute();
}

export function participants(db: Executor, quizId: string) {
  return db.selectFrom('training_participants').selectAll().where('quiz_id', '=', quizId).orderBy('joined_at').execute();
}

export function countParticipants(db: Executor, quizId: string) {
  return db
    .selectFrom('training_participants')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('quiz_id', '=', quizId)
    .executeTakeFirstOrThrow();
}

export function attempts(db: Executor, participantId: string) {
  return db.selectFrom('training_attempts').selectAll().where('participant_id', '=', participantId).orderBy('attempt_no').execute();
}

export async function insertAttempt(
  db: Executor,
  row: { id: string; subdistrict_id: string; quiz_id: string; participant_id: string; attempt_no: number; started_at: string },
) {
  const r = await db
    .insertInto('training_attempts')
    .values({ ...row, submitted_at: null, score: null, max_score: null })
    .onConflict((oc) => oc.columns(['participant_id', 'attempt_no']).doNothing())
    .returning('id')
    .execute();
  return r.length === 1;
}

export async function finishAttempt(db: Executor, id: string, score: number, max: number, at: string) {
  const r = await db
    .updateTable('training_attempts')
    .set({ submitted_at: at, score, max_score: max })
    .where('id', '=', id)
    .where('submitted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** inserts an answer unless this attempt already answered the question; true when it counted */
export async function insertResponse(
  db: Executor,
  row: {
    id: string;
    subdistrict_id: string;
    quiz_id: string;
    attempt_id: string;
    question_id: string;
    choice: string;
    score: number;
    answered_at: string;
  },
) {
  const r = await db
    .insertInto('training_responses')
    .values(row)
    .onConflict((oc) => oc.columns(['attempt_id', 'question_id']).doNothing())
    .returning('id')
    .execute();
  return r.length === 1;
}

export function responsesOf(db: Executor, attemptId: string) {
  return db.selectFrom('training_responses').select(['question_id', 'choice', 'score']).where('attempt_id', '=', attemptId).execute();
}

/** how many answered `questionId` with each stored choice */
export function choiceCounts(db: Executor, quizId: string, questionId: string) {
  return db
    .selectFrom('training_responses')
    .select(['choice', (e) => e.fn.countAll<number>().as('n')])
    .where('quiz_id', '=', quizId)
    .where('question_id', '=', questionId)
    .groupBy('choice')
    .execute();
}

/** each participant's total over their first attempt */
export function firstAttemptTotals(db: Executor, quizId: string) {
  return db
    .selectFrom('training_participants as p')
    .innerJoin('training_attempts as a', (j) => j.onRef('a.participant_id', '=', 'p.id').on('a.attempt_no', '=', 1))
    .leftJoin('training_responses as r', 'r.attempt_id', 'a.id')
    .select(['p.id', 'p.name', (e) => e.fn.coalesce(e.fn.sum<number>('r.score'), sql<number>`0`).as('score')])
    .where('p.quiz_id', '=', quizId)
    .groupBy(['p.id', 'p.name'])
    .execute();
}

/** every response of every first attempt of the quiz */
export function firstAttemptResponses(db: Executor, quizId: string) {
  return db
    .selectFrom('training_responses as r')
    .innerJoin('training_attempts as a', 'a.id', 'r.attempt_id')
    .select(['a.participant_id', 'r.question_id', 'r.choice', 'r.score'])
    .where('r.quiz_id', '=', quizId)
    .where('a.attempt_no', '=', 1)
    .execute();
}

/** for targeting: first-attempt responses over all quizzes in scope, with the participant's phone hash and name */
export function scopedFirstResponses(db: Executor, scope: Scope) {
  return db
    .selectFrom('training_responses as r')
    .innerJoin('training_attempts as a', 'a.id', 'r.attempt_id')
    .innerJoin('training_participants as p', 'p.id', 'a.participant_id')
    .innerJoin('training_quiz_questions as qq', (j) =>
      j.onRef('qq.quiz_id', '=', 'r.quiz_id').onRef('qq.question_id', '=', 'r.question_id'),
    )
    .innerJoin('training_questions as q', 'q.id', 'r.question_id')
    .select(['p.phone_hash', 'p.name', 'r.score', 'qq.points', 'q.tags'])
    .where('a.attempt_no', '=', 1)
    .where(scopeWhere(scope, 'r.subdistrict_id', null))
    .execute();
}

// ---- surveys
export function committeeForSurvey(db: Executor, id: string) {
  return db.selectFrom('training_committees').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertSurvey(db: Executor, row: TrainingSurveysTable) {
  await db
    .insertInto('training_surveys')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['committee_id', 'phone_hash'])
        .doUpdateSet({ name: row.name, topics: row.topics, difficulties: row.difficulties, created_at: row.created_at }),
    )
    .execute();
}

export function surveys(db: Executor, scope: Scope) {
  return db
    .selectFrom('training_surveys as s')
    .innerJoin('training_committees as c', 'c.id', 's.committee_id')
    .innerJoin('org_units as n', 'n.id', 's.neighborhood_id')
    .selectAll('s')
    .select(['c.name as committee_name', 'n.name as neighborhood_name'])
    .where(scopeWhere(scope, 's.subdistrict_id', 's.neighborhood_id'))
    .orderBy('s.created_at', 'desc')
    .limit(500)
    .execute();
}
