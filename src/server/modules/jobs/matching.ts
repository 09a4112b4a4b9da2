import { DEFAULT_FAIR, recommendForFair } from './domain/fair';
import { Matcher, matchOptions } from './domain/matcher';

export { DEFAULT_FAIR };

import type { Match, PositionInput, SeekerInput, Tokenize } from './domain/types';
import { parseList } from './jobs.presenter';
import type { PositionRow } from './jobs.repository';
import type { JobsSeekersTable } from './jobs.tables';
import { jiebaTokenize } from './segmenter';

/**
 * The segmenter with a memory of the texts it cut: a request builds a matcher over the open
 * positions, whose texts rarely change, so each is cut once per process rather than once per request.
 */
const memo = new Map<string, string[]>();
const MEMO_MAX = 20_000;
export const cachedTokenize: Tokenize = (text) => {
  const hit = memo.get(text);
  if (hit) return hit;
  const words = jiebaTokenize(text);
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value as string);
  memo.set(text, words);
  return words;
};

/** rows → the matcher's inputs (salaries are yuan/month on both sides) */
export function seekerInput(r: JobsSeekersTable): SeekerInput {
  return {
    id: r.id,
    education: r.education,
    major: r.major,
    graduationYear: r.graduation_year,
    categories: parseList(r.categories),
    industries: parseList(r.industries),
    districts: parseList(r.districts),
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    experienceYears: r.experience_years,
    skills: r.skills,
  };
}

export function positionInput(r: PositionRow): PositionInput {
  return {
    id: r.id,
    title: r.title,
    employer: r.employer_name,
    category: r.category,
    industry: r.industry,
    district: r.district,
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    education: r.education,
    majors: parseList(r.majors),
    experienceYears: r.experience_years,
    description: r.description,
    skills: r.skills,
    headcount: r.headcount,
  };
}

/** ranking the people who applied: nobody is dropped by a hard rule, the rule shows as a low score */
const RANK_ALL = matchOptions({
  hardRules: {
    educationBelowRequirement: false,
    salaryBelowExpectation: false,
    districtMustMatch: false,
    experienceBelowRequirement: false,
  },
});

export const round = (x: number) => Math.round(x * 1000) / 1000;

/** The best positions for one seeker among the given ones, with reasons. */
export function positionsFor(seeker: JobsSeekersTable, positions: PositionRow[], k: number): Match[] {
  if (positions.length === 0) return [];
  return new Matcher([seekerInput(seeker)], positions.map(positionInput), cachedTokenize).topPositions(0, k);
}

/**
 * One matcher per subdistrict over its open positions, rebuilt when their fingerprint (count and
 * latest change) moves: a seeker's recommendations then cost their own scoring only.
 */
export class PositionMatchers {
  private readonly cache = new Map<string, { fingerprint: string; matcher: Matcher }>();

  async topFor(
    subdistrictId: string,
    seeker: JobsSeekersTable,
    k: number,
    fingerprint: () => Promise<string>,
    positions: () => Promise<PositionRow[]>,
  ): Promise<Match[]> {
    const fp = await fingerprint();
    let hit = this.cache.get(subdistrictId);
    if (!hit || hit.fingerprint !== fp) {
      const rows = await positions();
      hit = { fingerprint: fp, matcher: new Matcher([], rows.map(positionInput), cachedTokenize) };
      this.cache.set(subdistrictId, hit);
    }
    if (hit.matcher.positions.length === 0) return [];
    return hit.matcher.topPositionsFor(seekerInput(seeker), cachedTokenize, k);
  }
}

/** The best consenting seekers for one position (the caller passes only consenting seekers). */
export function seekersFor(position: PositionRow, seekers: JobsSeekersTable[], k: number): Match[] {
  if (seekers.length === 0) return [];
  return new Matcher(seekers.map(seekerInput), [positionInput(position)], cachedTokenize).topSeekers(0, k);
}

/** Each application's score and reasons against its own position. */
export function scoreApplications(
  apps: { id: string; position_id: string; seeker_id: string }[],
  positions: Map<string, PositionRow>,
  seekers: Map<string, JobsSeekersTable>,
): Map<string, { score: number; reasons: string[] }> {
  const out = new Map<string, { score: number; reasons: string[] }>();
  const byPosition = new Map<string, typeof apps>();
  for (const a of apps) byPosition.set(a.position_id, [...(byPosition.get(a.position_id) ?? []), a]);
  for (const [pid, list] of byPosition) {
    const p = positions.get(pid);
    const ss = list.map((a) => seekers.get(a.seeker_id)).filter((s): s is JobsSeekersTable => !!s);
    if (!p || ss.length === 0) continue;
    const m = new Matcher(ss.map(seekerInput), [positionInput(p)], cachedTokenize, RANK_ALL);
    const index = new Map(ss.map((s, i) => [s.id, i]));
    for (const a of list) {
      const si = index.get(a.seeker_id);
      const e = si === undefined ? null : m.explain(si, 0);
      if (e) out.set(a.id, { score: round(e.score), reasons: e.reasons });
    }
  }
  return out;
}

/** The fair-level view: each seeker's best 20 among the fair's positions, spread within interview capacity. */
export function fairCoverage(seekers: JobsSeekersTable[], positions: PositionRow[]) {
  if (seekers.length === 0 || positions.length === 0) return null;
  const m = new Matcher(seekers.map(seekerInput), positions.map(positionInput), cachedTokenize);
  const candidates = seekers.map((_, si) => m.topPositionsFast(si, 20).map((c) => ({ seeker: si, position: c.index, score: c.score })));
  return recommendForFair(
    candidates,
    positions.map((p) => p.headcount),
  );
}
