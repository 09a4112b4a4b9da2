import { scopeWhere } from '../../core/access/actor';
import type { FigureContext } from '../../core/modules/manifest';
import type { Executor } from '../../db/index';

/** The queries behind training's figures: one builder each, counted by the figure and listed by its drill-down. */
export function sessionsHeld(db: Executor, q: FigureContext) {
  return db
    .selectFrom('training_sessions as t')
    .where(scopeWhere(q.scope, 't.subdistrict_id', null))
    .where('t.starts_at', '>=', q.from)
    .where('t.starts_at', '<', q.to);
}

export function checkins(db: Executor, q: FigureContext) {
  return sessionsHeld(db, q).innerJoin('training_checkins as c', 'c.session_id', 't.id').where('c.checked_in_at', 'is not', null);
}

export function attempts(db: Executor, q: FigureContext) {
  return db
    .selectFrom('training_attempts as a')
    .innerJoin('training_participants as p', 'p.id', 'a.participant_id')
    .innerJoin('training_quizzes as z', 'z.id', 'a.quiz_id')
    .where(scopeWhere(q.scope, 'a.subdistrict_id', null))
    .where('a.submitted_at', '>=', q.from)
    .where('a.submitted_at', '<', q.to)
    .where('a.max_score', '>', 0);
}

/** every answer of the month with its question's tags */
export function answers(db: Executor, q: FigureContext) {
  return db
    .selectFrom('training_responses as r')
    .innerJoin('training_questions as qu', 'qu.id', 'r.question_id')
    .select(['r.score', 'qu.id', 'qu.stem', 'qu.tags'])
    .where(scopeWhere(q.scope, 'r.subdistrict_id', null))
    .where('r.answered_at', '>=', q.from)
    .where('r.answered_at', '<', q.to)
    .execute();
}

export function termsEnded(db: Executor, q: FigureContext, before: string) {
  return db
    .selectFrom('training_committees as c')
    .innerJoin('org_units as n', 'n.id', 'c.neighborhood_id')
    .where(scopeWhere(q.scope, 'c.subdistrict_id', 'c.neighborhood_id'))
    .where('c.term_end', '<', before);
}
