/**
 * Thought reports due and overdue (issue 13 §5): probationary members and activists write one
 * thought report (思想汇报) a quarter.
 *
 * - A quarter is covered by a thought report that names it (`quarter`, for a late report written
 *   for an earlier quarter) or, naming none, was submitted within it. Reflections (心得体会) cover
 *   nothing. A report the secretary sent back (status `returned`) does not cover its quarter.
 * - Quarters owed run from the quarter the person took their current status (`since`) to today's;
 *   today's quarter, uncovered, is due by its last day; an earlier uncovered quarter is overdue.
 *   Gaps older than `lookbackQuarters` (default 4, a year) are history, not a to-do, and are not
 *   listed.
 * - Full members owe none.
 */

import { dayNumber, nextQuarter, quarterBounds, quarterOf } from './dates';
import type { MemberStatus } from './rates';

export interface ReportOwer {
  personId: string;
  status: MemberStatus;
  /** The day they became probationary or activist (YYYY-MM-DD); absent = before the lookback. */
  since?: string | null;
}

export interface WrittenReport {
  personId: string;
  kind: 'thought_report' | 'reflection';
  submittedOn: string;
  quarter?: string | null;
  status?: 'submitted' | 'reviewed' | 'returned';
}

export interface OwedReport {
  personId: string;
  quarter: string;
  dueDate: string;
  /** Negative or zero while due (days left, as −n); positive once overdue. */
  daysOverdue: number;
}

export const DEFAULT_LOOKBACK_QUARTERS = 4;

export function thoughtReportsOwed(
  people: readonly ReportOwer[],
  reports: readonly WrittenReport[],
  today: string,
  lookbackQuarters = DEFAULT_LOOKBACK_QUARTERS,
): { due: OwedReport[]; overdue: OwedReport[] } {
  const covered = new Set<string>();
  for (const r of reports) {
    if (r.kind !== 'thought_report' || r.status === 'returned') continue;
    covered.add(`${r.personId}/${r.quarter ?? quarterOf(r.submittedOn)}`);
  }
  const current = quarterOf(today);
  let earliest = current;
  for (let i = 0; i < lookbackQuarters; i++) earliest = previousQuarter(earliest);
  const t = dayNumber(today);

  const due: OwedReport[] = [];
  const overdue: OwedReport[] = [];
  for (const p of people) {
    if (p.status === 'full') continue;
    let q = p.since ? quarterOf(p.since) : earliest;
    if (q < earliest) q = earliest; // YYYYQn strings sort in time order
    for (; q <= current; q = nextQuarter(q)) {
      if (covered.has(`${p.personId}/${q}`)) continue;
      const dueDate = quarterBounds(q).last;
      const row = { personId: p.personId, quarter: q, dueDate, daysOverdue: t - dayNumber(dueDate) };
      (q === current ? due : overdue).push(row);
    }
  }
  return { due, overdue };
}

function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}
