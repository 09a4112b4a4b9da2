import type { Scope } from '../../core/access/actor';
import { todayIso } from '../../core/people/id-number';
import type { Executor } from '../../db/index';
import { visitPlan } from './domain/visits';
import { visitStateOn } from './figures.repository';
import * as repo from './visits.repository';
import { candidatesOf, ensureRules, rulesOf } from './visits.service';

/**
 * Who was overdue for a home visit on a day, by today's rules: for a past day, from the visits
 * recorded up to it and the beneficiaries registered by then (the overview's and bulletin's figure).
 */
export async function overdueOn(db: Executor, scope: Scope, subdistrictId: string, day: string) {
  const rules = rulesOf(await ensureRules(db, subdistrictId));
  let rows = await repo.candidatesQuery(db, scope).execute();
  if (day < todayIso()) {
    const then = await visitStateOn(db, scope, day);
    rows = rows
      .filter((r) => r.created_at.slice(0, 10) <= day)
      .map((r) => ({ ...r, last_visit_on: then.get(r.id)?.last ?? null, next_visit_on: then.get(r.id)?.next ?? null }));
  }
  return visitPlan(rules, candidatesOf(rows, day), day).filter((e) => e.state === 'overdue');
}
