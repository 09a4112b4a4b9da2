import { scopeWhere } from '../../core/access/actor';
import type { FigureContext } from '../../core/modules/manifest';
import type { Executor } from '../../db/index';

/** The queries behind jobs' figures: one builder each, counted by the figure and listed by its drill-down. */
export function fairsHeld(db: Executor, q: FigureContext) {
  return db
    .selectFrom('jobs_fairs as f')
    .where(scopeWhere(q.scope, 'f.subdistrict_id', null))
    .where('f.status', '!=', 'draft')
    .where('f.starts_at', '>=', q.from)
    .where('f.starts_at', '<', q.to);
}

export function seekersRegistered(db: Executor, q: FigureContext) {
  return db
    .selectFrom('jobs_seekers as s')
    .where(scopeWhere(q.scope, 's.subdistrict_id', null))
    .where('s.created_at', '>=', q.from)
    .where('s.created_at', '<', q.to);
}

export function positionsPosted(db: Executor, q: FigureContext) {
  return db
    .selectFrom('jobs_positions as p')
    .innerJoin('jobs_employers as e', 'e.id', 'p.employer_id')
    .where(scopeWhere(q.scope, 'p.subdistrict_id', null))
    .where('p.created_at', '>=', q.from)
    .where('p.created_at', '<', q.to);
}

export function applicationsMade(db: Executor, q: FigureContext) {
  return db
    .selectFrom('jobs_applications as a')
    .innerJoin('jobs_seekers as s', 's.id', 'a.seeker_id')
    .innerJoin('jobs_positions as p', 'p.id', 'a.position_id')
    .innerJoin('jobs_employers as e', 'e.id', 'a.employer_id')
    .where(scopeWhere(q.scope, 'a.subdistrict_id', null))
    .where('a.created_at', '>=', q.from)
    .where('a.created_at', '<', q.to);
}
