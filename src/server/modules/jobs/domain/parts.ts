/**
 * The parts of a seeker–position score, each a value in [0,1] with its reason in Chinese. Every
 * function is pure and takes only what it compares, so each can be tested (and explained) alone.
 */
import { type EducationParse, parseEducation } from './education';
import { type CategoryRef, type IndustryRef, type MajorGroup, majorGroup, normalizeName, type resolveDistrict } from './taxonomy';
import { nameSimilarity } from './text';
import type { Part } from './types';

const yuan = (n: number) => `${n} 元`;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Value used when one side did not say (no salary given, no requirement stated …). */
export const NEUTRAL = 0.5;

/**
 * Salary fit: the share of the seeker's expected monthly range [min,max] that the position can pay,
 * i.e. that lies at or below the position's maximum. A position paying at least the seeker's maximum
 * fits fully; one whose maximum is below the seeker's minimum falls off with the gap (0 at 30% below).
 */
export function salaryPart(seekerMin: number | null, seekerMax: number | null, posMin: number | null, posMax: number | null): Part {
  const sMin = seekerMin ?? seekerMax;
  const sMax = seekerMax ?? seekerMin;
  const pMax = posMax ?? posMin;
  const pMin = posMin ?? posMax;
  if (sMin == null || sMax == null || pMax == null || pMin == null) return { value: NEUTRAL, reason: null };
  const lo = Math.min(sMin, sMax);
  const hi = Math.max(sMin, sMax);
  const range = `${pMin}–${pMax} 元`;
  if (pMax < lo) {
    const gap = (lo - pMax) / Math.max(lo, 1);
    return { value: Math.max(0, 1 - gap / 0.3), reason: `岗位最高薪资 ${yuan(pMax)}，低于期望下限 ${yuan(lo)}`, negative: true };
  }
  if (pMin >= hi) return { value: 1, reason: `岗位薪资 ${range}，不低于期望` };
  if (pMax >= hi && pMin > lo) return { value: 1, reason: `岗位薪资 ${range}，可达期望上限` };
  const share = hi === lo ? 1 : Math.min(1, (pMax - lo) / (hi - lo));
  return { value: share, reason: `薪资期望与岗位范围重合 ${pct(share)}`, negative: share < 0.34 };
}

/** Education fit: meeting the requirement is 1 (0.7 when three or more levels above it); one level short 0.3; more 0. */
export function educationPart(seeker: EducationParse, required: EducationParse): Part {
  if (required.kind !== 'level') return { value: 1, reason: seeker.kind === 'level' ? `学历不限（${seeker.level}）` : '学历不限' };
  const req = required.rank === 0 ? `要求${required.level}` : `要求${required.level}及以上`;
  if (seeker.kind !== 'level') return { value: NEUTRAL, reason: `未填写学历（${req}）`, negative: true };
  const diff = seeker.rank - required.rank;
  if (diff >= 3) return { value: 0.7, reason: `学历高于要求较多：${seeker.level}（${req}）` };
  if (diff >= 0) return { value: 1, reason: `学历符合：${seeker.level}（${req}）` };
  return { value: diff === -1 ? 0.3 : 0, reason: `学历低于要求：${seeker.level}（${req}）`, negative: true };
}

export function educationBelow(seeker: EducationParse, required: EducationParse): boolean {
  return required.kind === 'level' && seeker.kind === 'level' && seeker.rank < required.rank;
}

/**
 * Category fit: the best of the seeker's intended categories against the position's category.
 * Same sub-category 1; the seeker named the whole top category 0.85; the position names only the top
 * category of the seeker's sub-category 0.7; same top category 0.6; otherwise how alike the names are
 * (free text, character bigrams) × 0.8. A seeker who named no category is judged by the categories
 * their major usually leads to (0.6), else neutral.
 */
export function categoryPart(intents: CategoryRef[], position: CategoryRef, title: string, majorGroupOfSeeker: MajorGroup | null): Part {
  const p = position.node;
  if (!intents.length) {
    if (majorGroupOfSeeker && p && majorGroupOfSeeker.categories.some((c) => c === p.code || c === p.top)) {
      return { value: 0.6, reason: `专业方向对口：${p.level === 2 ? p.name : p.topName}` };
    }
    return { value: NEUTRAL, reason: null };
  }
  let best: Part = { value: 0, reason: `岗位类别「${position.text || title}」不在求职意向内`, negative: true };
  const consider = (value: number, reason: string) => {
    if (value > best.value) best = { value, reason };
  };
  for (const i of intents) {
    const s = i.node;
    if (s && p) {
      if (s.level === 2 && p.level === 2 && s.code === p.code) consider(1, `意向类别相符：${p.name}`);
      else if (s.level === 1 && p.top === s.code) consider(0.85, `意向类别相符：${s.name}`);
      else if (s.level === 2 && p.level === 1 && p.code === s.top) consider(0.7, `同属${p.name}（意向：${i.text}）`);
      else if (s.top === p.top) consider(0.6, `同属${p.topName}大类（意向：${i.text}）`);
    }
    const sim = Math.max(nameSimilarity(i.text, position.text), nameSimilarity(i.text, title), p ? nameSimilarity(i.text, p.name) : 0);
    if (sim >= 0.25) consider(0.8 * sim, `意向「${i.text}」与岗位「${title || position.text}」相近`);
  }
  return best;
}

export interface MajorRequirement {
  keys: Set<string>;
  groups: Set<string>;
  names: string[];
}

export function majorRequirement(majors: string[]): MajorRequirement {
  const names = majors.map((m) => m.trim()).filter(Boolean);
  const groups = new Set<string>();
  for (const m of names) {
    const g = majorGroup(m);
    if (g) groups.add(g.code);
  }
  return { keys: new Set(names.map(normalizeName)), groups, names };
}

const listed = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join('、')}等` : names.join('、'));

/** Major fit: listed by the position 1; same major group (专业大类) 0.7; a similar name up to 0.5; no requirement 0.6. */
export function majorPart(seekerMajor: string, seekerGroup: MajorGroup | null, req: MajorRequirement): Part {
  if (!req.names.length) return { value: 0.6, reason: null };
  const major = seekerMajor.trim();
  if (!major) return { value: 0, reason: `岗位要求专业：${listed(req.names)}`, negative: true };
  if (req.keys.has(normalizeName(major))) return { value: 1, reason: `专业对口：${major}` };
  if (seekerGroup && req.groups.has(seekerGroup.code)) return { value: 0.7, reason: `专业相关：${major}（岗位要求${listed(req.names)}）` };
  const sim = Math.max(...req.names.map((n) => nameSimilarity(major, n)));
  if (sim >= 0.5) return { value: 0.5 * sim, reason: `专业相近：${major}（岗位要求${listed(req.names)}）` };
  return { value: 0, reason: `专业不在岗位要求范围内（要求${listed(req.names)}）`, negative: true };
}

export type DistrictRef = ReturnType<typeof resolveDistrict>;

/** District fit: 不限 on either side or the position in an intended district 1; same zone (中心城区/郊区) 0.3; else 0. */
export function districtPart(intended: DistrictRef[], position: DistrictRef): Part {
  const specific = intended.filter((d): d is Extract<DistrictRef, { any: false }> => !d.any);
  if (position.any) return { value: 1, reason: '工作地点不限' };
  if (!specific.length || specific.length < intended.length) return { value: 1, reason: `工作地点：${position.name}（意向地区不限）` };
  if (specific.some((d) => d.name === position.name)) return { value: 1, reason: `工作地点在意向区：${position.name}` };
  if (position.zone && specific.some((d) => d.zone === position.zone)) {
    return {
      value: 0.3,
      reason: `工作地点${position.name}不在意向区，但同属${position.zone === 'central' ? '中心城区' : '郊区'}`,
      negative: true,
    };
  }
  return { value: 0, reason: `工作地点${position.name}不在意向区（${specific.map((d) => d.name).join('、')}）`, negative: true };
}

export function districtMismatch(intended: DistrictRef[], position: DistrictRef): boolean {
  if (position.any || !intended.length || intended.some((d) => d.any)) return false;
  return !intended.some((d) => !d.any && d.name === position.name);
}

/** Experience fit: meeting the required years 1; short of it 1 − shortfall/(required+1). */
export function experiencePart(seekerYears: number | null, requiredYears: number | null): Part {
  const req = Math.max(0, requiredYears ?? 0);
  const has = Math.max(0, seekerYears ?? 0);
  if (req === 0) return { value: 1, reason: has === 0 ? '无经验要求，接受应届生' : null };
  if (has >= req) return { value: 1, reason: `经验符合：${has} 年（要求 ${req} 年）` };
  return { value: 1 - (req - has) / (req + 1), reason: `经验不足：${has} 年（要求 ${req} 年）`, negative: true };
}

/** Industry fit: an intended industry 1; the seeker named none 0.5; another industry 0. */
export function industryPart(intended: IndustryRef[], position: IndustryRef | null): Part {
  if (!intended.length || !position?.name) return { value: NEUTRAL, reason: null };
  const hit = intended.some((i) =>
    i.code && position?.code ? i.code === position.code : normalizeName(i.name) === normalizeName(position.name),
  );
  return hit ? { value: 1, reason: `意向行业：${position.name}` } : { value: 0, reason: null };
}

/** Text fit (skills, major, intentions vs the position's title, skills and description), from BM25. */
export function textPart(similarity: number, matched: string[]): Part {
  return { value: similarity, reason: matched.length ? `技能/关键词相关：${matched.join('、')}` : null };
}

export { parseEducation };
