import { sql } from 'kysely';
import { type Scope, scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';

/**
 * Open needs counted by neighborhood, item and age bucket. The covering indexes
 * `care_needs_dash_sd` / `_nb` (migration 20261202_care_visits) hold every column read here, so
 * the count touches the open needs' index entries only, however long the history of closed ones.
 */
export async function openNeedsByItemAge(
  db: Executor,
  scope: Scope,
  open: readonly string[],
  since: { d3: string; d7: string; d30: string },
  neighborhoodId?: string,
) {
  const bucket = sql<string>`case when ${sql.ref('created_at')} >= ${since.d3} then 'le3' when ${sql.ref('created_at')} >= ${since.d7} then 'le7' when ${sql.ref('created_at')} >= ${since.d30} then 'le30' else 'gt30' end`;
  let q = db
    .selectFrom('care_needs')
    .where(scopeWhere(scope, 'subdistrict_id', 'neighborhood_id'))
    .where('status', 'in', [...open]);
  if (neighborhoodId) q = q.where('neighborhood_id', '=', neighborhoodId);
  // the bucket is named in a subquery so both databases group by the same expression
  const rows = await db
    .selectFrom(q.select(['neighborhood_id', 'item', 'quantity', bucket.as('bucket')]).as('o'))
    .select([
      'o.neighborhood_id',
      'o.item',
      'o.bucket',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(${sql.ref('o.quantity')})`.as('quantity'),
    ])
    .groupBy(['o.neighborhood_id', 'o.item', 'o.bucket'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n), quantity: Number(r.quantity) }));
}

/** the rule conditions as the aggregate needs them; thresholds (days) worked out by the caller */
export interface RuleSql {
  anyFlag: boolean;
  flag: string | null;
  categoryId: string | null;
  /** born on or before this day when the rule sets an age */
  bornBy: string | null;
  livingSituation: string | null;
  /** overdue when the last visit is before this day */
  overdueBefore: string;
  /** due (within the window) when the last visit is on or before this day */
  dueBy: string;
}

export interface AggregateInput {
  /** every reason written in the registry, plus the derived flags */
  flags: string[];
  /** born on or before: 80 or older today */
  born80: string;
  today: string;
  windowEnd: string;
  since7: string;
  since30: string;
  rules: RuleSql[];
}

const ref = sql.ref;
const one = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

/** a flag as the registry means it (domain/priority.ts): a reason written down, or one that follows from the facts */
function flagCond(flag: string, born80: string) {
  const written = sql<boolean>`${ref('b.priority_reasons')} like ${`%|${flag}|%`}`;
  if (flag === '独居' || flag === '空巢') return sql<boolean>`(${written} or ${ref('b.living_situation')} = ${flag})`;
  if (flag === '80岁以上') return sql<boolean>`(${written} or ${ref('p.birth_date')} <= ${born80})`;
  return written;
}

/**
 * The beneficiary figures in one GROUP BY over the beneficiaries in scope (a few thousand rows,
 * never the event history): per neighborhood and category, how many, each flag, contacted in 7
 * and 30 days, and the visit states the rules give (domain/visits.ts, in SQL: overdue when never
 * visited, when the agreed next visit has passed, or when the last visit is older than an
 * applicable rule's interval — the shortest interval decides, which an OR over the rules gives).
 */
export async function beneficiaryAggregates(db: Executor, scope: Scope, input: AggregateInput, neighborhoodId?: string) {
  const anyFlag = sql<boolean>`(${ref('b.priority_reasons')} <> '' or ${ref('b.living_situation')} in ('独居', '空巢') or ${ref('p.birth_date')} <= ${input.born80})`;
  const applies = (r: RuleSql) => {
    const parts = [sql<boolean>`1 = 1`];
    if (r.anyFlag) parts.push(anyFlag);
    if (r.flag) parts.push(flagCond(r.flag, input.born80));
    if (r.categoryId) parts.push(sql<boolean>`${ref('b.category_id')} = ${r.categoryId}`);
    if (r.bornBy) parts.push(sql<boolean>`${ref('p.birth_date')} <= ${r.bornBy}`);
    if (r.livingSituation) parts.push(sql<boolean>`${ref('b.living_situation')} = ${r.livingSituation}`);
    return sql<boolean>`(${sql.join(parts, sql` and `)})`;
  };
  const or = (xs: ReturnType<typeof sql<boolean>>[]) => (xs.length ? sql<boolean>`(${sql.join(xs, sql` or `)})` : sql<boolean>`1 = 0`);
  const covered = or(input.rules.map(applies));
  const last = ref('vs.last_visit_on');
  const next = ref('vs.next_visit_on');
  const overdue = sql<boolean>`(${covered} and (${last} is null or (${next} is not null and ${next} < ${input.today}) or ${or(
    input.rules.map((r) => sql<boolean>`(${applies(r)} and ${last} < ${r.overdueBefore})`),
  )}))`;
  const dueSoon = sql<boolean>`((${next} is not null and ${next} <= ${input.windowEnd}) or ${or(
    input.rules.map((r) => sql<boolean>`(${applies(r)} and ${last} <= ${r.dueBy})`),
  )})`;
  let q = db
    .selectFrom('care_beneficiaries as b')
    .innerJoin('persons as p', 'p.id', 'b.person_id')
    .leftJoin('care_visit_state as vs', 'vs.beneficiary_id', 'b.id')
    .where('b.active', '=', 1)
    .where(scopeWhere(scope, 'b.subdistrict_id', 'b.neighborhood_id'));
  if (neighborhoodId) q = q.where('b.neighborhood_id', '=', neighborhoodId);
  const rows = await q
    .select([
      'b.neighborhood_id',
      'b.category_id',
      sql<number>`count(*)`.as('n'),
      one(sql<boolean>`${ref('b.last_contact_at')} >= ${input.since7}`).as('contacted7'),
      one(sql<boolean>`${ref('b.last_contact_at')} >= ${input.since30}`).as('contacted30'),
      one(sql<boolean>`${ref('b.last_contact_at')} is null`).as('never'),
      one(covered).as('covered'),
      one(overdue).as('overdue'),
      one(sql<boolean>`(${covered} and not ${overdue} and ${dueSoon})`).as('due'),
      ...input.flags.map((f, i) => one(flagCond(f, input.born80)).as(`f${i}`)),
    ])
    .groupBy(['b.neighborhood_id', 'b.category_id'])
    .execute();
  return rows.map((r) => {
    const x = r as unknown as Record<string, string | number | null>;
    return {
      neighborhoodId: r.neighborhood_id,
      categoryId: r.category_id,
      n: Number(r.n),
      contacted7: Number(x.contacted7 ?? 0),
      contacted30: Number(x.contacted30 ?? 0),
      never: Number(x.never ?? 0),
      covered: Number(x.covered ?? 0),
      overdue: Number(x.overdue ?? 0),
      due: Number(x.due ?? 0),
      flags: input.flags.map((_, i) => Number(x[`f${i}`] ?? 0)),
    };
  });
}

/** the reasons written in the registry in scope (a handful of distinct strings) */
export async function writtenReasons(db: Executor, scope: Scope, neighborhoodId?: string): Promise<string[]> {
  let q = db
    .selectFrom('care_beneficiaries as b')
    .select('b.priority_reasons')
    .distinct()
    .where('b.active', '=', 1)
    .where(scopeWhere(scope, 'b.subdistrict_id', 'b.neighborhood_id'));
  if (neighborhoodId) q = q.where('b.neighborhood_id', '=', neighborhoodId);
  const rows = await q.execute();
  return [...new Set(rows.flatMap((r) => r.priority_reasons.split('|').filter(Boolean)))];
}
