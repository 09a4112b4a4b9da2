import { type Scope, scopeWhere } from '../../core/access/actor';
import type { FigureContext } from '../../core/modules/manifest';
import type { Executor } from '../../db/index';

/**
 * The queries behind care's figures. Each gives the filtered rows once; the figure counts them and
 * its drill-down lists them from the same builder.
 */
function calls(db: Executor, q: FigureContext) {
  return db
    .selectFrom('care_calls as c')
    .innerJoin('care_beneficiaries as b', 'b.id', 'c.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'c.neighborhood_id')
    .where(scopeWhere(q.scope, 'c.subdistrict_id', 'c.neighborhood_id'))
    .where('c.created_at', '>=', q.from)
    .where('c.created_at', '<', q.to);
}

export const callsQuery = (db: Executor, q: FigureContext, reachedOnly: boolean) =>
  reachedOnly ? calls(db, q).where('c.outcome', '=', 'reached') : calls(db, q);

/** one row per beneficiary called: the last call and how many */
export function calledPeople(db: Executor, q: FigureContext, reachedOnly: boolean, limit: number) {
  return callsQuery(db, q, reachedOnly)
    .select((eb) => [
      'b.id',
      'p.name',
      'n.name as place',
      eb.fn.max('c.created_at').as('at'),
      eb.fn.countAll<number | string>().as('calls'),
    ])
    .groupBy(['b.id', 'p.name', 'n.name'])
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

export function needsRegistered(db: Executor, q: FigureContext) {
  return db
    .selectFrom('care_needs as d')
    .innerJoin('care_beneficiaries as b', 'b.id', 'd.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'd.neighborhood_id')
    .where(scopeWhere(q.scope, 'd.subdistrict_id', 'd.neighborhood_id'))
    .where('d.created_at', '>=', q.from)
    .where('d.created_at', '<', q.to);
}

export function needsDelivered(db: Executor, q: FigureContext) {
  return db
    .selectFrom('care_need_events as e')
    .innerJoin('care_needs as d', 'd.id', 'e.need_id')
    .innerJoin('care_beneficiaries as b', 'b.id', 'd.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'd.neighborhood_id')
    .where(scopeWhere(q.scope, 'd.subdistrict_id', 'd.neighborhood_id'))
    .where('e.to_status', '=', 'delivered')
    .where('e.at', '>=', q.from)
    .where('e.at', '<', q.to);
}

export function visitsDone(db: Executor, q: FigureContext, days: { first: string; next: string }) {
  return db
    .selectFrom('care_visits as v')
    .innerJoin('care_beneficiaries as b', 'b.id', 'v.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 'v.neighborhood_id')
    .where(scopeWhere(q.scope, 'v.subdistrict_id', 'v.neighborhood_id'))
    .where('v.status', '=', 'done')
    .where('v.done_on', '>=', days.first)
    .where('v.done_on', '<', days.next);
}

export function deliveriesDone(db: Executor, q: FigureContext) {
  return db
    .selectFrom('care_delivery_tasks as t')
    .innerJoin('care_beneficiaries as b', 'b.id', 't.beneficiary_id')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .innerJoin('org_units as n', 'n.id', 't.neighborhood_id')
    .where(scopeWhere(q.scope, 't.subdistrict_id', 't.neighborhood_id'))
    .where('t.status', 'in', ['delivered', 'confirmed'])
    .where('t.delivered_at', '>=', q.from)
    .where('t.delivered_at', '<', q.to);
}

/** each beneficiary's last visit on or before a day, with the next visit it planned: the visit state as it stood then */
export async function visitStateOn(db: Executor, scope: Scope, day: string) {
  const rows = await db
    .selectFrom('care_visits')
    .select(['beneficiary_id', 'done_on', 'next_visit_on'])
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .where('status', '=', 'done')
    .where('done_on', '<=', day)
    .orderBy('done_on')
    .execute();
  return new Map(rows.map((r) => [r.beneficiary_id, { last: r.done_on, next: r.next_visit_on }]));
}

/** names and neighborhoods of beneficiaries, for a drill-down computed outside SQL */
export async function beneficiaryNames(db: Executor, ids: string[]) {
  const out = new Map<string, { name: string; place: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('care_beneficiaries as b')
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .innerJoin('org_units as n', 'n.id', 'b.neighborhood_id')
      .select(['b.id', 'p.name', 'n.name as place'])
      .where('b.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { name: r.name, place: r.place });
  }
  return out;
}
