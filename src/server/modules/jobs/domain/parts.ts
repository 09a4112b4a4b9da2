/**
 * The parts of a seeker–position score, each a value in [0,1] with its reason in Chinese. Every
 * function is pure and takes only what it compares, so each can be tested (and explained) alone.
 * With `explain = false` the same value is computed without writing the reason (the ranking loop).
 */
import { type EducationParse, parseEducation } from './education';
import { type CategoryRef, type IndustryRef, type MajorGroup, majorGroup, normalizeName, type resolveDistrict } from './taxonomy';
import { bigramsOf, diceSorted } from './text';
import type { Part } from './types';

const yuan = (n: number) => `${n} 元`;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Value used when one side did not say (no salary given, no requirement stated …). */
export const NEUTRAL = 0.5;

/**
 * Salary fit. The share of the seeker's expected monthly range [min,max] that the position can pay
 * (that lies at or below the position's maximum) maps to 0.3 … 1; a position whose maximum is below the
 * seeker's minimum gets 0.3 falling to 0 at 30% below. So the value never jumps: paying a little less
 * than the minimum is a little worse than just reaching it.
 */
/** The share of [lo,hi] at or below pMax (pMax ≥ lo). */
function salaryShare(lo: number, hi: number, pMax: number): number {
  return hi === lo ? 1 : Math.min(1, (pMax - lo) / (hi - lo));
}

export function salaryValue(seekerMin: number | null, seekerMax: number | null, posMin: number | null, posMax: number | null): number {
  const sMin = seekerMin ?? seekerMax;
  const sMax = seekerMax ?? seekerMin;
  const pMax = posMax ?? posMin;
  const pMin = posMin ?? posMax;
  if (sMin == null || sMax == null || pMax == null || pMin == null) return NEUTRAL;
  const lo = Math.min(sMin, sMax);
  const hi = Math.max(sMin, sMax);
  if (pMax < lo) return 0.3 * Math.max(0, 1 - (lo - pMax) / Math.max(lo, 1) / 0.3);
  return 0.3 + 0.7 * salaryShare(lo, hi, pMax);
}

export function salaryPart(
  seekerMin: number | null,
  seekerMax: number | null,
  posMin: number | null,
  posMax: number | null,
  explain = true,
): Part {
  const value = salaryValue(seekerMin, seekerMax, posMin, posMax);
  const sMin = seekerMin ?? seekerMax;
  const sMax = seekerMax ?? seekerMin;
  const pMax = posMax ?? posMin;
  const pMin = posMin ?? posMax;
  if (!explain || sMin == null || sMax == null || pMax == null || pMin == null) return { value, reason: null };
  const lo = Math.min(sMin, sMax);
  const hi = Math.max(sMin, sMax);
  if (pMax < lo) return { value, reason: `岗位最高薪资 ${yuan(pMax)}，低于期望下限 ${yuan(lo)}`, negative: true };
  if (pMin >= hi) return { value, reason: `岗位薪资 ${pMin}–${pMax} 元，不低于期望` };
  if (pMax >= hi && pMin > lo) return { value, reason: `岗位薪资 ${pMin}–${pMax} 元，可达期望上限` };
  const share = salaryShare(lo, hi, pMax);
  return { value, reason: `薪资期望与岗位范围重合 ${pct(share)}`, negative: share < 0.34 };
}

/** Education fit: meeting the requirement is 1 (0.7 when three or more levels above it); one level short 0.3; more 0. */
export function educationValue(seeker: EducationParse, required: EducationParse): number {
  if (required.kind !== 'level') return 1;
  if (seeker.kind !== 'level') return NEUTRAL;
  const diff = seeker.rank - required.rank;
  return diff >= 3 ? 0.7 : diff >= 0 ? 1 : diff === -1 ? 0.3 : 0;
}

export function educationPart(seeker: EducationParse, required: EducationParse, explain = true): Part {
  if (required.kind !== 'level')
    return { value: 1, reason: explain ? (seeker.kind === 'level' ? `学历不限（${seeker.level}）` : '学历不限') : null };
  const req = explain ? (required.rank === 0 ? `要求${required.level}` : `要求${required.level}及以上`) : '';
  if (seeker.kind !== 'level') return { value: NEUTRAL, reason: explain ? `未填写学历（${req}）` : null, negative: true };
  const diff = seeker.rank - required.rank;
  if (diff >= 3) return { value: 0.7, reason: explain ? `学历高于要求较多：${seeker.level}（${req}）` : null };
  if (diff >= 0) return { value: 1, reason: explain ? `学历符合：${seeker.level}（${req}）` : null };
  return { value: diff === -1 ? 0.3 : 0, reason: explain ? `学历低于要求：${seeker.level}（${req}）` : null, negative: true };
}

export function educationBelow(seeker: EducationParse, required: EducationParse): boolean {
  return required.kind === 'level' && seeker.kind === 'level' && seeker.rank < required.rank;
}

/** A category name with its grams, ready for comparison. */
export type CategoryName = CategoryRef & { grams: string[] };

export function categoryName(ref: CategoryRef): CategoryName {
  return { ...ref, grams: bigramsOf(ref.text) };
}

/**
 * Category fit: the best of the seeker's intended categories against the position's category.
 * Same sub-category 1; the seeker named the whole top category 0.85; the position names only the top
 * category of the seeker's sub-category 0.7; same top category 0.6. When either name is free text
 * (not in the taxonomy), how alike the names are (character bigrams, against the position's category
 * and title) × 0.8. A seeker who named no category is judged by the categories their major usually
 * leads to (0.6), else neutral.
 */
export function categoryPart(
  intents: CategoryName[],
  position: CategoryName,
  title: { text: string; grams: string[] },
  majorGroupOfSeeker: MajorGroup | null,
  explain = true,
): Part {
  const p = position.node;
  if (!intents.length) {
    if (majorGroupOfSeeker && p && majorGroupOfSeeker.categories.some((c) => c === p.code || c === p.top)) {
      return { value: 0.6, reason: explain ? `专业方向对口：${p.level === 2 ? p.name : p.topName}` : null };
    }
    return { value: NEUTRAL, reason: null };
  }
  let value = 0;
  let why = -1;
  let kind = 0;
  for (let n = 0; n < intents.length; n++) {
    const i = intents[n] as CategoryName;
    const s = i.node;
    let v = 0;
    let k = 0;
    if (s && p) {
      if (s.level === 2 && p.level === 2 && s.code === p.code) [v, k] = [1, 1];
      else if (s.level === 1 && p.top === s.code) [v, k] = [0.85, 2];
      else if (s.level === 2 && p.level === 1 && p.code === s.top) [v, k] = [0.7, 3];
      else if (s.top === p.top) [v, k] = [0.6, 4];
    } else {
      const sim = Math.max(diceSorted(i.grams, position.grams), diceSorted(i.grams, title.grams));
      if (sim >= 0.25) [v, k] = [0.8 * sim, 5];
    }
    if (v > value) [value, why, kind] = [v, n, k];
  }
  if (!explain) return { value, reason: null, negative: value === 0 };
  const i = intents[why];
  if (!i || kind === 0) return { value: 0, reason: `岗位类别「${position.text || title.text}」不在求职意向内`, negative: true };
  const reason =
    kind === 1
      ? `意向类别相符：${p?.name}`
      : kind === 2
        ? `意向类别相符：${i.node?.name}`
        : kind === 3
          ? `同属${p?.name}（意向：${i.text}）`
          : kind === 4
            ? `同属${p?.topName}大类（意向：${i.text}）`
            : `意向「${i.text}」与岗位「${title.text || position.text}」相近`;
  return { value, reason };
}

export interface MajorRequirement {
  keys: Set<string>;
  groups: Set<string>;
  names: string[];
  grams: string[][];
}

export function majorRequirement(majors: string[]): MajorRequirement {
  const names = majors.map((m) => m.trim()).filter(Boolean);
  const groups = new Set<string>();
  for (const m of names) {
    const g = majorGroup(m);
    if (g) groups.add(g.code);
  }
  return { keys: new Set(names.map(normalizeName)), groups, names, grams: names.map(bigramsOf) };
}

/** A seeker's major, ready for comparison. */
export interface SeekerMajor {
  text: string;
  key: string;
  group: MajorGroup | null;
  grams: string[];
}

export function seekerMajor(major: string | null | undefined): SeekerMajor {
  const text = (major ?? '').trim();
  return { text, key: normalizeName(text), group: majorGroup(text), grams: bigramsOf(text) };
}

const listed = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join('、')}等` : names.join('、'));

/** Major fit: listed by the position 1; same major group (专业大类) 0.7; a similar name up to 0.5; no requirement 0.6. */
export function majorPart(seeker: SeekerMajor, req: MajorRequirement, explain = true): Part {
  if (!req.names.length) return { value: 0.6, reason: null };
  const major = seeker.text;
  if (!major) return { value: 0, reason: explain ? `岗位要求专业：${listed(req.names)}` : null, negative: true };
  if (req.keys.has(seeker.key)) return { value: 1, reason: explain ? `专业对口：${major}` : null };
  if (seeker.group && req.groups.has(seeker.group.code)) {
    return { value: 0.7, reason: explain ? `专业相关：${major}（岗位要求${listed(req.names)}）` : null };
  }
  let sim = 0;
  for (const g of req.grams) sim = Math.max(sim, diceSorted(seeker.grams, g));
  if (sim >= 0.5) return { value: 0.5 * sim, reason: explain ? `专业相近：${major}（岗位要求${listed(req.names)}）` : null };
  return { value: 0, reason: explain ? `专业不在岗位要求范围内（要求${listed(req.names)}）` : null, negative: true };
}

export type DistrictRef = ReturnType<typeof resolveDistrict>;

/** District fit: 不限 on either side or the position in an intended district 1; same zone (中心城区/郊区) 0.3; else 0. */
export function districtValue(intended: DistrictRef[], position: DistrictRef): number {
  if (position.any || intended.length === 0) return 1;
  let sameZone = false;
  for (const d of intended) {
    if (d.any || d.name === position.name) return 1;
    if (position.zone && d.zone === position.zone) sameZone = true;
  }
  return sameZone ? 0.3 : 0;
}

export function districtPart(intended: DistrictRef[], position: DistrictRef, explain = true): Part {
  if (position.any) return { value: 1, reason: explain ? '工作地点不限' : null };
  let anyIntended = intended.length === 0;
  let sameName = false;
  let sameZone = false;
  for (const d of intended) {
    if (d.any) anyIntended = true;
    else if (d.name === position.name) sameName = true;
    else if (position.zone && d.zone === position.zone) sameZone = true;
  }
  if (anyIntended) return { value: 1, reason: explain ? `工作地点：${position.name}（意向地区不限）` : null };
  if (sameName) return { value: 1, reason: explain ? `工作地点在意向区：${position.name}` : null };
  if (sameZone) {
    return {
      value: 0.3,
      reason: explain ? `工作地点${position.name}不在意向区，但同属${position.zone === 'central' ? '中心城区' : '郊区'}` : null,
      negative: true,
    };
  }
  const names = explain ? intended.map((d) => (d.any ? '' : d.name)).join('、') : '';
  return { value: 0, reason: explain ? `工作地点${position.name}不在意向区（${names}）` : null, negative: true };
}

export function districtMismatch(intended: DistrictRef[], position: DistrictRef): boolean {
  if (position.any || !intended.length) return false;
  for (const d of intended) if (d.any || d.name === position.name) return false;
  return true;
}

/** Experience fit: meeting the required years 1; short of it 1 − shortfall/(required+1). */
export function experienceValue(seekerYears: number | null, requiredYears: number | null): number {
  const req = Math.max(0, requiredYears ?? 0);
  const has = Math.max(0, seekerYears ?? 0);
  return req === 0 || has >= req ? 1 : 1 - (req - has) / (req + 1);
}

export function experiencePart(seekerYears: number | null, requiredYears: number | null, explain = true): Part {
  const req = Math.max(0, requiredYears ?? 0);
  const has = Math.max(0, seekerYears ?? 0);
  if (req === 0) return { value: 1, reason: explain && has === 0 ? '无经验要求，接受应届生' : null };
  if (has >= req) return { value: 1, reason: explain ? `经验符合：${has} 年（要求 ${req} 年）` : null };
  return { value: 1 - (req - has) / (req + 1), reason: explain ? `经验不足：${has} 年（要求 ${req} 年）` : null, negative: true };
}

/** Industry fit: an intended industry 1; the seeker named none 0.5; another industry 0. */
export function industryValue(intended: IndustryRef[], position: IndustryRef | null): number {
  if (!intended.length || !position?.name) return NEUTRAL;
  for (const i of intended) if (i.code && position.code ? i.code === position.code : i.key === position.key) return 1;
  return 0;
}

export function industryPart(intended: IndustryRef[], position: IndustryRef | null, explain = true): Part {
  if (!intended.length || !position?.name) return { value: NEUTRAL, reason: null };
  let hit = false;
  for (const i of intended) if (i.code && position.code ? i.code === position.code : i.key === position.key) hit = true;
  return hit ? { value: 1, reason: explain ? `意向行业：${position.name}` : null } : { value: 0, reason: null };
}

/** Text fit (skills, major, intentions vs the position's title, skills and description), from BM25. */
export function textPart(similarity: number, matched: string[]): Part {
  return { value: similarity, reason: matched.length ? `技能/关键词相关：${matched.join('、')}` : null };
}

export { parseEducation };
