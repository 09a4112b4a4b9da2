import { scopeWhere } from '../../core/access/actor';
import type { FigureContext } from '../../core/modules/manifest';
import type { Executor } from '../../db/index';

/**
 * The queries behind the party's figures: one builder each, counted by the figure and listed by
 * its drill-down (for a rate, the numerator's records).
 */

/** party members proper (正式、预备党员); activists are not counted in rates */
export const MEMBERS = ['full', 'probationary'];

export function membersInScope(db: Executor, q: FigureContext) {
  return db
    .selectFrom('party_members as m')
    .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
    .where('m.status', 'in', MEMBERS);
}

export function activitiesHeld(db: Executor, q: FigureContext) {
  return db
    .selectFrom('party_activities as a')
    .innerJoin('party_activity_branches as b', 'b.activity_id', 'a.id')
    .where(scopeWhere(q.scope, 'b.subdistrict_id', 'b.neighborhood_id'))
    .where('a.starts_at', '>=', q.from)
    .where('a.starts_at', '<', q.to);
}

/** members expected at the month's activities: each invited branch's members, per activity */
export function expectedAtActivities(db: Executor, q: FigureContext) {
  return activitiesHeld(db, q).innerJoin('party_members as m', 'm.branch_id', 'b.branch_id').where('m.status', 'in', MEMBERS);
}

/** members' check-ins at the month's activities */
export function checkinsAtActivities(db: Executor, q: FigureContext) {
  return db
    .selectFrom('party_checkins as c')
    .innerJoin('party_activities as a', 'a.id', 'c.activity_id')
    .innerJoin('party_members as m', (j) => j.onRef('m.person_id', '=', 'c.person_id').onRef('m.branch_id', '=', 'c.branch_id'))
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('party_orgs as o', 'o.id', 'c.branch_id')
    .where(scopeWhere(q.scope, 'c.subdistrict_id', 'c.neighborhood_id'))
    .where('m.status', 'in', MEMBERS)
    .where('a.starts_at', '>=', q.from)
    .where('a.starts_at', '<', q.to);
}

/** members with a study check-in on the days given */
export function studyingMembers(db: Executor, q: FigureContext, days: { first: string; next: string }) {
  return db
    .selectFrom('party_study_checkins as c')
    .innerJoin('party_members as m', 'm.person_id', 'c.person_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('party_orgs as o', 'o.id', 'm.branch_id')
    .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
    .where('m.status', 'in', MEMBERS)
    .where('c.day', '>=', days.first)
    .where('c.day', '<', days.next);
}

/** members who gave (a donation or special party dues) on the days given */
export function givingMembers(db: Executor, q: FigureContext, days: { first: string; next: string }) {
  return db
    .selectFrom('party_donations as d')
    .innerJoin('party_members as m', 'm.person_id', 'd.person_id')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .innerJoin('party_orgs as o', 'o.id', 'm.branch_id')
    .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
    .where('m.status', 'in', MEMBERS)
    .where('d.given_on', '>=', days.first)
    .where('d.given_on', '<', days.next);
}

export function reports(db: Executor, q: FigureContext, status: 'reviewed' | 'submitted', column: 'reviewed_at' | 'submitted_at') {
  return db
    .selectFrom('party_reports as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('party_orgs as o', 'o.id', 'r.branch_id')
    .where(scopeWhere(q.scope, 'r.subdistrict_id', 'r.neighborhood_id'))
    .where('r.status', '=', status)
    .where(column, '>=', q.from)
    .where(column, '<', q.to);
}

/** probationary members and activists in scope (they owe thought reports), with the reports they wrote by a day */
export async function reportOwers(db: Executor, q: FigureContext, day: string) {
  const people = await db
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('party_orgs as o', 'o.id', 'm.branch_id')
    .select(['m.person_id', 'm.status', 'm.status_since', 'p.name', 'o.name as branch'])
    .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
    .where('m.status', 'in', ['probationary', 'activist'])
    .execute();
  const written = await db
    .selectFrom('party_reports')
    .select(['person_id', 'kind', 'submitted_on', 'quarter', 'status'])
    .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
    .where('submitted_on', '<=', day)
    .execute();
  return { people, written };
}
