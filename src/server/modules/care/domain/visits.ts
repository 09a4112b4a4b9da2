/**
 * 上门走访: which rules say how often a beneficiary must be visited, when the next visit is due,
 * and who is due or overdue. Pure: days are `YYYY-MM-DD` strings in the office's calendar.
 */

export interface VisitRule {
  id: string;
  name: string;
  /** any priority flag at all (重点关注) */
  anyFlag: boolean;
  /** one particular flag, e.g. 独居 */
  flag: string | null;
  categoryId: string | null;
  minAge: number | null;
  livingSituation: string | null;
  intervalDays: number;
  active: boolean;
}

export interface VisitSubject {
  categoryId: string;
  flags: string[];
  age: number | null;
  livingSituation: string | null;
}

/** A rule applies when every condition it sets holds (conditions left empty hold for anyone). */
export function ruleApplies(rule: VisitRule, s: VisitSubject): boolean {
  if (!rule.active) return false;
  if (rule.anyFlag && s.flags.length === 0) return false;
  if (rule.flag && !s.flags.includes(rule.flag)) return false;
  if (rule.categoryId && rule.categoryId !== s.categoryId) return false;
  if (rule.minAge !== null && (s.age === null || s.age < rule.minAge)) return false;
  if (rule.livingSituation && rule.livingSituation !== s.livingSituation) return false;
  return true;
}

/** The rule that asks most often among those that apply (ties: the first listed), or null. */
export function governingRule(rules: readonly VisitRule[], s: VisitSubject): VisitRule | null {
  let best: VisitRule | null = null;
  for (const r of rules) if (ruleApplies(r, s) && (!best || r.intervalDays < best.intervalDays)) best = r;
  return best;
}

/** `YYYY-MM-DD` plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The day the next visit is due: the rule's interval after the last visit, or the next visit
 * the visitor agreed on if that is sooner (a rule is the least, never a licence to wait longer).
 * Never visited: null — due at once.
 */
export function nextDue(intervalDays: number, lastVisitOn: string | null, plannedNext: string | null): string | null {
  if (!lastVisitOn) return null;
  const byRule = addDays(lastVisitOn, intervalDays);
  return plannedNext && plannedNext < byRule ? plannedNext : byRule;
}

export type VisitState = 'overdue' | 'due' | 'ok';

/** How soon before the due day someone counts as due (shown on the list to plan the week). */
export const DUE_WINDOW_DAYS = 7;

/**
 * overdue: never visited while a rule applies (no due day), or past the due day; due: within
 * the window; ok: later. `daysOverdue` counts from the due day (never visited: 0).
 */
export function visitState(dueOn: string | null, today: string): { state: VisitState; daysOverdue: number; daysLeft: number | null } {
  if (!dueOn) return { state: 'overdue', daysOverdue: 0, daysLeft: null };
  const left = daysBetween(today, dueOn);
  if (left < 0) return { state: 'overdue', daysOverdue: -left, daysLeft: left };
  return { state: left <= DUE_WINDOW_DAYS ? 'due' : 'ok', daysOverdue: 0, daysLeft: left };
}

export interface VisitCandidate extends VisitSubject {
  id: string;
  lastVisitOn: string | null;
  plannedNext: string | null;
}

export interface VisitPlanEntry<C extends VisitCandidate = VisitCandidate> {
  subject: C;
  rule: VisitRule;
  dueOn: string | null;
  state: VisitState;
  daysOverdue: number;
  daysLeft: number | null;
}

/**
 * Everyone a rule applies to, with their due day and state; overdue first (longest overdue and
 * never visited first), then by due day. People no rule covers are left out.
 */
export function visitPlan<C extends VisitCandidate>(rules: readonly VisitRule[], people: readonly C[], today: string): VisitPlanEntry<C>[] {
  const out: VisitPlanEntry<C>[] = [];
  for (const p of people) {
    const rule = governingRule(rules, p);
    if (!rule) continue;
    const dueOn = nextDue(rule.intervalDays, p.lastVisitOn, p.plannedNext);
    out.push({ subject: p, rule, dueOn, ...visitState(dueOn, today) });
  }
  const rank = { overdue: 0, due: 1, ok: 2 } as const;
  return out.sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      Number(!!a.subject.lastVisitOn) - Number(!!b.subject.lastVisitOn) ||
      b.daysOverdue - a.daysOverdue ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      a.subject.id.localeCompare(b.subject.id),
  );
}

/** The two rules a subdistrict starts with (both editable). */
export const DEFAULT_VISIT_RULES: Omit<VisitRule, 'id'>[] = [
  {
    name: '重点关注对象每月走访',
    anyFlag: true,
    flag: null,
    categoryId: null,
    minAge: null,
    livingSituation: null,
    intervalDays: 30,
    active: true,
  },
  {
    name: '80岁以上独居老人每两周走访',
    anyFlag: false,
    flag: null,
    categoryId: null,
    minAge: 80,
    livingSituation: '独居',
    intervalDays: 14,
    active: true,
  },
];

/** The rule's conditions in words, for lists and messages. */
export function describeRule(
  rule: Pick<VisitRule, 'anyFlag' | 'flag' | 'minAge' | 'livingSituation' | 'intervalDays'>,
  categoryName?: string | null,
): string {
  const parts: string[] = [];
  if (categoryName) parts.push(categoryName);
  if (rule.anyFlag) parts.push('重点关注');
  if (rule.flag) parts.push(`「${rule.flag}」`);
  if (rule.minAge !== null) parts.push(`${rule.minAge}岁以上`);
  if (rule.livingSituation) parts.push(rule.livingSituation);
  return `${parts.length ? parts.join('、') : '全部优抚对象'}：每 ${rule.intervalDays} 天至少走访一次`;
}
