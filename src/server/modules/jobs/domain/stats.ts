/**
 * Statistics for placement officers (§7): registrations by status, education and intention,
 * positions by category, and the gap between what seekers expect and what positions offer per
 * category — where advice is needed. Pure: takes rows, returns counts.
 */
import { EDUCATIONS, SEEKER_STATUS_LABEL, SEEKER_STATUSES } from '../../../../contracts/jobs.vocab';

export interface StatSeeker {
  status: string;
  education: string;
  categories: string[];
  salaryMin: number | null;
  salaryMax: number | null;
}
export interface StatPosition {
  category: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
}
export interface Count {
  key: string;
  label: string;
  count: number;
}
export interface SalaryGap {
  category: string;
  seekers: number;
  positions: number;
  /** mean of the seekers' expectation midpoints, yuan/month */
  expected: number | null;
  /** mean of the positions' offer midpoints */
  offered: number | null;
  /** expected − offered: positive when seekers ask more than is offered */
  gap: number | null;
}

export const UNSPECIFIED = '未填写';

/** the middle of a range, or its one end; null when neither end is known */
export function midpoint(min: number | null, max: number | null): number | null {
  if (min != null && max != null) return (min + max) / 2;
  return min ?? max ?? null;
}

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

function tally(keys: string[], order: readonly string[] = [], label: (k: string) => string = (k) => k): Count[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return [...m.entries()]
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || a.key.localeCompare(b.key));
}

export function jobsStatistics(seekers: StatSeeker[], positions: StatPosition[]) {
  const byStatus = tally(
    seekers.map((s) => s.status),
    SEEKER_STATUSES,
    (k) => SEEKER_STATUS_LABEL[k as keyof typeof SEEKER_STATUS_LABEL] ?? k,
  );
  const byEducation = tally(
    seekers.map((s) => s.education),
    EDUCATIONS,
  );
  const byIntention = tally(seekers.flatMap((s) => (s.categories.length ? s.categories : [UNSPECIFIED])));
  const positionsByCategory = tally(positions.map((p) => p.category || UNSPECIFIED));

  const cats = new Set<string>([...byIntention.map((c) => c.key), ...positionsByCategory.map((c) => c.key)]);
  cats.delete(UNSPECIFIED);
  const salaryGap: SalaryGap[] = [...cats]
    .map((category) => {
      const want = seekers.filter((s) => s.categories.includes(category));
      const offer = positions.filter((p) => p.category === category);
      const expected = mean(want.map((s) => midpoint(s.salaryMin, s.salaryMax)).filter((x): x is number => x != null));
      const offered = mean(offer.map((p) => midpoint(p.salaryMin, p.salaryMax)).filter((x): x is number => x != null));
      return {
        category,
        seekers: want.length,
        positions: offer.length,
        expected,
        offered,
        gap: expected != null && offered != null ? expected - offered : null,
      };
    })
    .sort((a, b) => b.seekers + b.positions - (a.seekers + a.positions) || a.category.localeCompare(b.category));
  return { byStatus, byEducation, byIntention, positionsByCategory, salaryGap };
}
