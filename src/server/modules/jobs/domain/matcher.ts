/**
 * Person–job matching (人岗对接). A pair's score is the weighted mean of parts a person understands
 * (see parts.ts); hard rules exclude a pair outright. Seekers and positions are prepared once (names
 * resolved against the taxonomies, texts segmented, a BM25 index over the positions); then
 *   - `topPositions`     the best positions for a seeker, by the fast path: text similarity through
 *                        the postings, positions grouped by category and title, groups visited in
 *                        order of their bound (category part + best text part in the group + perfect
 *                        other parts) and the rest skipped once that bound is below the current k-th
 *                        best, a pair skipped when its cheap parts plus a perfect major part cannot
 *                        reach it, and a bounded heap;
 *   - `topPositionsBrute` the same by scoring every pair (the reference the fast path is tested against);
 *   - `topSeekers`       the best (consenting — the caller passes only those) seekers for a position.
 * Ties are broken by input order, so results are deterministic.
 */
import { parseEducation } from './education';
import {
  type CategoryName,
  categoryName,
  categoryPart,
  type DistrictRef,
  districtMismatch,
  districtPart,
  districtValue,
  educationBelow,
  educationPart,
  educationValue,
  experiencePart,
  experienceValue,
  industryPart,
  industryValue,
  type MajorRequirement,
  majorPart,
  majorRequirement,
  type SeekerMajor,
  salaryPart,
  salaryValue,
  seekerMajor,
  textPart,
} from './parts';
import { type IndustryRef, normalizeName, resolveCategory, resolveDistrict, resolveIndustry } from './taxonomy';
import { Bm25, type Bm25Query, bigramsOf, terms } from './text';
import {
  type HardRules,
  type Match,
  type MatchOptions,
  PART_NAMES,
  type Part,
  type PartName,
  type PositionInput,
  type SeekerInput,
  type Tokenize,
  type Weights,
} from './types';

export const DEFAULT_WEIGHTS: Weights = {
  category: 0.3,
  text: 0.2,
  major: 0.12,
  education: 0.1,
  salary: 0.1,
  district: 0.08,
  experience: 0.05,
  industry: 0.05,
};

export const DEFAULT_HARD_RULES: HardRules = {
  educationBelowRequirement: true,
  salaryBelowExpectation: false,
  districtMustMatch: false,
  experienceBelowRequirement: false,
};

export function matchOptions(o: { weights?: Partial<Weights>; hardRules?: Partial<HardRules> } = {}): MatchOptions {
  return { weights: { ...DEFAULT_WEIGHTS, ...o.weights }, hardRules: { ...DEFAULT_HARD_RULES, ...o.hardRules } };
}

interface SeekerPrep {
  input: SeekerInput;
  education: ReturnType<typeof parseEducation>;
  major: SeekerMajor;
  intents: CategoryName[];
  industries: IndustryRef[];
  districts: DistrictRef[];
  salaryMin: number | null;
  salaryMax: number | null;
  experience: number | null;
  query: Bm25Query;
}

interface PositionPrep {
  input: PositionInput;
  title: { text: string; grams: string[] };
  category: CategoryName;
  /** positions with the same signature get the same category part from any seeker */
  signature: string;
  education: ReturnType<typeof parseEducation>;
  majors: MajorRequirement;
  industry: IndustryRef | null;
  district: DistrictRef;
  salaryMin: number | null;
  salaryMax: number | null;
  experience: number | null;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: string[] | null | undefined) => (v ?? []).map((s) => String(s).trim()).filter(Boolean);

export function seekerText(s: SeekerInput): string {
  return [s.major, s.skills, ...list(s.categories)].filter(Boolean).join(' ');
}

export function positionText(p: PositionInput): string {
  return [p.title, p.category, ...list(p.majors), p.skills, p.description].filter(Boolean).join(' ');
}

/** Scored pair before the reasons are written: the score and each part's value. */
export interface Scored {
  index: number;
  score: number;
}

/** Better first: higher score, then earlier in the input. */
const better = (a: Scored, b: Scored) => (a.score !== b.score ? a.score > b.score : a.index < b.index);

/** A bounded heap keeping the k best (its root is the worst kept). */
class TopK {
  readonly items: Scored[] = [];
  constructor(readonly k: number) {}
  get full() {
    return this.items.length >= this.k;
  }
  get worst(): Scored | undefined {
    return this.items[0];
  }
  push(s: Scored) {
    const h = this.items;
    if (h.length < this.k) {
      h.push(s);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!better(h[parent] as Scored, h[i] as Scored)) break;
        [h[parent], h[i]] = [h[i] as Scored, h[parent] as Scored];
        i = parent;
      }
      return;
    }
    if (!better(s, h[0] as Scored)) return;
    h[0] = s;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && better(h[m] as Scored, h[l] as Scored)) m = l;
      if (r < h.length && better(h[m] as Scored, h[r] as Scored)) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i] as Scored, h[m] as Scored];
      i = m;
    }
  }
  sorted(): Scored[] {
    return [...this.items].sort((a, b) => (better(a, b) ? -1 : 1));
  }
}

export class Matcher {
  readonly options: MatchOptions;
  readonly seekers: SeekerPrep[];
  readonly positions: PositionPrep[];
  private readonly bm25: Bm25;
  private readonly weightSum: number;
  /** positions grouped by category signature, each group's members in input order */
  private readonly groups: { prep: PositionPrep; members: Int32Array }[];
  private readonly scratch: Float64Array;
  /** position → its group; per group the best text similarity of the current seeker (scratch) */
  private readonly groupOf: Int32Array;
  private readonly groupText: Float64Array;

  constructor(seekers: SeekerInput[], positions: PositionInput[], tokenize: Tokenize, options: MatchOptions = matchOptions()) {
    this.options = options;
    this.weightSum = PART_NAMES.reduce((s, n) => s + options.weights[n], 0) || 1;
    this.bm25 = new Bm25(positions.map((p) => terms(tokenize, positionText(p))));
    this.positions = positions.map((p) => this.preparePosition(p));
    this.seekers = seekers.map((s) => this.prepareSeeker(s, tokenize));
    const bySig = new Map<string, number[]>();
    this.positions.forEach((p, i) => {
      const g = bySig.get(p.signature);
      if (g) g.push(i);
      else bySig.set(p.signature, [i]);
    });
    this.groups = [...bySig.values()].map((m) => ({ prep: this.positions[m[0] as number] as PositionPrep, members: Int32Array.from(m) }));
    this.scratch = new Float64Array(positions.length);
    this.groupOf = new Int32Array(positions.length);
    this.groups.forEach((g, gi) => {
      for (const pi of g.members) this.groupOf[pi] = gi;
    });
    this.groupText = new Float64Array(this.groups.length);
  }

  private preparePosition(p: PositionInput): PositionPrep {
    const title = (p.title ?? '').trim();
    let category = resolveCategory(p.category);
    // a position whose category is free text is placed by its title when the title names a category
    if (!category.node && title) {
      const byTitle = resolveCategory(title);
      if (byTitle.node) category = { node: byTitle.node, text: category.text };
    }
    return {
      input: p,
      title: { text: title, grams: bigramsOf(title) },
      category: categoryName(category),
      signature: `${category.node?.code ?? ''}|${normalizeName(category.text)}|${normalizeName(title)}`,
      education: parseEducation(p.education),
      majors: majorRequirement(list(p.majors)),
      industry: p.industry ? resolveIndustry(p.industry) : null,
      district: resolveDistrict(p.district),
      salaryMin: num(p.salaryMin),
      salaryMax: num(p.salaryMax),
      experience: num(p.experienceYears),
    };
  }

  private prepareSeeker(s: SeekerInput, tokenize: Tokenize): SeekerPrep {
    return {
      input: s,
      education: parseEducation(s.education),
      major: seekerMajor(s.major),
      intents: list(s.categories).map((c) => categoryName(resolveCategory(c))),
      industries: list(s.industries).map(resolveIndustry),
      districts: list(s.districts).map(resolveDistrict),
      salaryMin: num(s.salaryMin),
      salaryMax: num(s.salaryMax),
      experience: num(s.experienceYears),
      query: this.bm25.query(terms(tokenize, seekerText(s))),
    };
  }

  /** Whether a hard rule excludes the pair. */
  excluded(s: SeekerPrep, p: PositionPrep): boolean {
    const r = this.options.hardRules;
    if (r.educationBelowRequirement && educationBelow(s.education, p.education)) return true;
    if (r.districtMustMatch && districtMismatch(s.districts, p.district)) return true;
    if (r.salaryBelowExpectation) {
      const lo = s.salaryMin ?? s.salaryMax;
      const pMax = p.salaryMax ?? p.salaryMin;
      if (lo != null && pMax != null && pMax < lo) return true;
    }
    if (r.experienceBelowRequirement && (s.experience ?? 0) < (p.experience ?? 0)) return true;
    return false;
  }

  private categoryOf(s: SeekerPrep, p: PositionPrep, explain = false): Part {
    return categoryPart(s.intents, p.category, p.title, s.major.group, explain);
  }

  /** Every part except category and text, in PART_NAMES order after those two. */
  private otherParts(s: SeekerPrep, p: PositionPrep, explain: boolean): Record<Exclude<PartName, 'category' | 'text'>, Part> {
    return {
      major: majorPart(s.major, p.majors, explain),
      education: educationPart(s.education, p.education, explain),
      salary: salaryPart(s.salaryMin, s.salaryMax, p.salaryMin, p.salaryMax, explain),
      district: districtPart(s.districts, p.district, explain),
      experience: experiencePart(s.experience, p.experience, explain),
      industry: industryPart(s.industries, p.industry, explain),
    };
  }

  /** The weighted mean of the parts, always summed in PART_NAMES order (so every path gets the same bits). */
  private combine(values: Record<PartName, number>): number {
    const w = this.options.weights;
    let sum = 0;
    for (const n of PART_NAMES) sum += w[n] * values[n];
    return sum / this.weightSum;
  }

  private score(s: SeekerPrep, p: PositionPrep, category: number, text: number): number {
    const w = this.options.weights;
    // the same sum, in the same order, as combine()
    let sum = w.category * category;
    sum += w.text * text;
    sum += w.major * majorPart(s.major, p.majors, false).value;
    sum += w.education * educationValue(s.education, p.education);
    sum += w.salary * salaryValue(s.salaryMin, s.salaryMax, p.salaryMin, p.salaryMax);
    sum += w.district * districtValue(s.districts, p.district);
    sum += w.experience * experienceValue(s.experience, p.experience);
    sum += w.industry * industryValue(s.industries, p.industry);
    return sum / this.weightSum;
  }

  /** The score of one pair by the plain path, or null when a hard rule excludes it. */
  scorePair(si: number, pi: number): number | null {
    const s = this.seekers[si];
    const p = this.positions[pi];
    if (!s || !p) throw new Error(`no pair ${si}/${pi}`);
    if (this.excluded(s, p)) return null;
    return this.score(s, p, this.categoryOf(s, p).value, this.bm25.similarity(s.query, pi));
  }

  /** One pair with its parts and reasons (positive ones first, strongest first; then what speaks against it). */
  explain(si: number, pi: number): Match | null {
    const s = this.seekers[si];
    const p = this.positions[pi];
    if (!s || !p) throw new Error(`no pair ${si}/${pi}`);
    if (this.excluded(s, p)) return null;
    const text = this.bm25.similarity(s.query, pi);
    const parts: Record<PartName, Part> = {
      category: this.categoryOf(s, p, true),
      text: textPart(text, text > 0 ? this.bm25.matchedTerms(s.query, pi) : []),
      ...this.otherParts(s, p, true),
    };
    const values = Object.fromEntries(PART_NAMES.map((n) => [n, parts[n].value])) as Record<PartName, number>;
    const w = this.options.weights;
    const named = PART_NAMES.map((n) => ({ n, part: parts[n] })).filter((x) => x.part.reason && w[x.n] > 0);
    const pos = named.filter((x) => !x.part.negative).sort((a, b) => w[b.n] * b.part.value - w[a.n] * a.part.value);
    const neg = named.filter((x) => x.part.negative).sort((a, b) => w[b.n] - w[a.n]);
    return {
      seeker: s.input.id,
      position: p.input.id,
      score: this.combine(values),
      reasons: [...pos, ...neg].map((x) => x.part.reason as string),
      parts: values,
    };
  }

  /** The k best positions for a seeker by scoring every pair (reference path). */
  topPositionsBrute(si: number, k: number): Scored[] {
    const all: Scored[] = [];
    for (let pi = 0; pi < this.positions.length; pi++) {
      const score = this.scorePair(si, pi);
      if (score !== null) all.push({ index: pi, score });
    }
    return all.sort((a, b) => (better(a, b) ? -1 : 1)).slice(0, k);
  }

  /** The k best positions for a seeker (fast path; same result as `topPositionsBrute`). */
  topPositionsFast(si: number, k: number): Scored[] {
    const s = this.seekers[si];
    if (!s) throw new Error(`no seeker ${si}`);
    if (k <= 0) return [];
    const w = this.options.weights;
    const text = this.scratch;
    const touched = this.bm25.similarities(s.query, text);
    const groupText = this.groupText;
    for (const d of touched) {
      const g = this.groupOf[d] as number;
      if ((text[d] as number) > (groupText[g] as number)) groupText[g] = text[d] as number;
    }
    // a group's bound: its category part, its best text part, perfect other parts
    const others = this.weightSum - w.category - w.text;
    const order = this.groups.map((g, gi) => {
      const value = this.categoryOf(s, g.prep).value;
      return { gi, value, bound: (w.category * value + w.text * (groupText[gi] as number) + others) / this.weightSum };
    });
    order.sort((a, b) => b.bound - a.bound || a.gi - b.gi);
    const heap = new TopK(k);
    for (const { gi, value, bound } of order) {
      const worst = heap.worst;
      // the best remaining group cannot reach the k-th best: neither can any later one
      if (heap.full && worst && bound + 1e-9 < worst.score) break;
      const members = (this.groups[gi] as { members: Int32Array }).members;
      for (let j = 0; j < members.length; j++) {
        const pi = members[j] as number;
        const p = this.positions[pi] as PositionPrep;
        if (this.excluded(s, p)) continue;
        const t = text[pi] as number;
        const kth = heap.full ? (heap.worst as Scored).score : -1;
        if (kth >= 0) {
          // the cheap parts first; the major part (name comparisons) only when the pair can still make the top k
          let ub = w.category * value + w.text * t + w.major;
          ub += w.education * educationValue(s.education, p.education);
          ub += w.salary * salaryValue(s.salaryMin, s.salaryMax, p.salaryMin, p.salaryMax);
          ub += w.district * districtValue(s.districts, p.district);
          ub += w.experience * experienceValue(s.experience, p.experience);
          ub += w.industry * industryValue(s.industries, p.industry);
          if (ub / this.weightSum + 1e-9 < kth) continue;
        }
        heap.push({ index: pi, score: this.score(s, p, value, t) });
      }
    }
    for (const d of touched) {
      text[d] = 0;
      groupText[this.groupOf[d] as number] = 0;
    }
    return heap.sorted();
  }

  topPositions(si: number, k: number): Match[] {
    return this.topPositionsFast(si, k).map((r) => this.explain(si, r.index) as Match);
  }

  /**
   * The k best positions for a seeker not among those the matcher was built with: a matcher built
   * once over the open positions then serves each seeker's request (the seeker is prepared, scored
   * and dropped again; synchronous, so requests never see each other's).
   */
  topPositionsFor(seeker: SeekerInput, tokenize: Tokenize, k: number): Match[] {
    const si = this.seekers.push(this.prepareSeeker(seeker, tokenize)) - 1;
    try {
      return this.topPositions(si, k);
    } finally {
      this.seekers.pop();
    }
  }

  /** The k best seekers for a position (pass only the seekers who consented to share their profile). */
  topSeekers(pi: number, k: number): Match[] {
    const heap = new TopK(Math.max(0, k));
    if (k > 0) {
      for (let si = 0; si < this.seekers.length; si++) {
        const score = this.scorePair(si, pi);
        if (score !== null) heap.push({ index: si, score });
      }
    }
    return heap.sorted().map((r) => this.explain(r.index, pi) as Match);
  }
}
