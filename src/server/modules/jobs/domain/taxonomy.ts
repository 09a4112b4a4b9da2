import categoriesData from '../data/categories.json';
import districtsData from '../data/districts.json';
import industriesData from '../data/industries.json';
import majorsData from '../data/majors.json';

/** Lower-case, half-width, without spaces and separators: the form names are compared in. */
export function normalizeName(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s/／、,，;；·•\-_()（）[\]【】"'“”‘’]+/gu, '');
}

export interface CategoryNode {
  code: string;
  name: string;
  /** the top-level node's code (itself for a top-level node) */
  top: string;
  topName: string;
  level: 1 | 2;
  keywords: string[];
}

/** What a free-text category name resolves to: a node of the taxonomy, or only its own text. */
export type CategoryRef = { node: CategoryNode; text: string } | { node: null; text: string };

interface RawSub {
  code: string;
  name: string;
  aliases?: string[];
  keywords?: string[];
}
interface RawTop extends RawSub {
  children: RawSub[];
}

function buildCategories() {
  const nodes = new Map<string, CategoryNode>();
  const subExact = new Map<string, CategoryNode>();
  const topExact = new Map<string, CategoryNode>();
  /** every name and alias with its node, longest first (for containment matches) */
  const names: { key: string; node: CategoryNode }[] = [];
  for (const t of (categoriesData as { categories: RawTop[] }).categories) {
    const top: CategoryNode = { code: t.code, name: t.name, top: t.code, topName: t.name, level: 1, keywords: t.keywords ?? [] };
    nodes.set(top.code, top);
    for (const n of [t.name, ...(t.aliases ?? [])]) {
      const k = normalizeName(n);
      if (!topExact.has(k)) topExact.set(k, top);
      names.push({ key: k, node: top });
    }
    for (const s of t.children) {
      const sub: CategoryNode = { code: s.code, name: s.name, top: t.code, topName: t.name, level: 2, keywords: s.keywords ?? [] };
      nodes.set(sub.code, sub);
      for (const n of [s.name, ...(s.aliases ?? [])]) {
        const k = normalizeName(n);
        if (!subExact.has(k)) subExact.set(k, sub);
        names.push({ key: k, node: sub });
      }
    }
  }
  // longest first; on equal length the sub-category (more precise) first
  names.sort((a, b) => b.key.length - a.key.length || b.node.level - a.node.level);
  return { nodes, subExact, topExact, names };
}

const CATEGORIES = buildCategories();

export function categoryNode(code: string): CategoryNode | undefined {
  return CATEGORIES.nodes.get(code);
}

/**
 * Resolves a category name that may be any text: an exact name or alias of a sub-category, then of a
 * top category, then the longest taxonomy name the text contains (「保险理赔」→ 保险), then a taxonomy
 * name that contains the text (「招生」→ 招生老师). Otherwise the text stays free text.
 */
export function resolveCategory(text: string | null | undefined): CategoryRef {
  const raw = (text ?? '').trim();
  const k = normalizeName(raw);
  if (!k) return { node: null, text: raw };
  const exact = CATEGORIES.subExact.get(k) ?? CATEGORIES.topExact.get(k);
  if (exact) return { node: exact, text: raw };
  for (const n of CATEGORIES.names) if (n.key.length >= 2 && k.includes(n.key)) return { node: n.node, text: raw };
  if (k.length >= 2) for (const n of CATEGORIES.names) if (n.key.includes(k)) return { node: n.node, text: raw };
  return { node: null, text: raw };
}

export interface IndustryRef {
  code: string | null;
  name: string;
  /** the normalised name (compared when either side is not in the list) */
  key: string;
}

const INDUSTRY_BY_NAME = new Map<string, IndustryRef>();
for (const i of (industriesData as { industries: { code: string; name: string; aliases: string[] }[] }).industries) {
  for (const n of [i.name, ...i.aliases]) {
    const k = normalizeName(n);
    if (!INDUSTRY_BY_NAME.has(k)) INDUSTRY_BY_NAME.set(k, { code: i.code, name: i.name, key: normalizeName(i.name) });
  }
}
const INDUSTRY_KEYS = [...INDUSTRY_BY_NAME.keys()].sort((a, b) => b.length - a.length);

export function resolveIndustry(text: string | null | undefined): IndustryRef {
  const raw = (text ?? '').trim();
  const k = normalizeName(raw);
  const exact = INDUSTRY_BY_NAME.get(k);
  if (exact) return exact;
  if (k.length >= 2) {
    const key = INDUSTRY_KEYS.find((n) => n.length >= 2 && (k.includes(n) || n.includes(k)));
    const hit = key ? INDUSTRY_BY_NAME.get(key) : undefined;
    if (hit) return hit;
  }
  return { code: null, name: raw, key: k };
}

export const ANY_DISTRICT = (districtsData as { any: string }).any;
const ANY_DISTRICT_KEYS = new Set((districtsData as { anyAliases: string[] }).anyAliases.map(normalizeName));
const DISTRICT_BY_NAME = new Map<string, { name: string; zone: string }>();
for (const d of (districtsData as { districts: { name: string; aliases: string[]; zone: string }[] }).districts) {
  for (const n of [d.name, ...d.aliases]) DISTRICT_BY_NAME.set(normalizeName(n), { name: d.name, zone: d.zone });
}
export const SHANGHAI_DISTRICTS: readonly string[] = (districtsData as { districts: { name: string }[] }).districts.map((d) => d.name);

/** 「浦东」→ 浦东新区; 不限/全市/empty → any; other text stays itself, without a zone. */
export function resolveDistrict(text: string | null | undefined): { any: true } | { any: false; name: string; zone: string | null } {
  const k = normalizeName(text);
  if (!k || ANY_DISTRICT_KEYS.has(k)) return { any: true };
  const d = DISTRICT_BY_NAME.get(k) ?? DISTRICT_BY_NAME.get(k.replace(/^上海市?/u, ''));
  if (d) return { any: false, name: d.name, zone: d.zone };
  return { any: false, name: (text ?? '').trim(), zone: null };
}

export interface MajorGroup {
  code: string;
  name: string;
  categories: string[];
}
const MAJOR_GROUP = new Map<string, MajorGroup>();
for (const g of (majorsData as { groups: (MajorGroup & { majors: string[] })[] }).groups) {
  for (const m of g.majors) MAJOR_GROUP.set(normalizeName(m), { code: g.code, name: g.name, categories: g.categories });
}

/** The group (专业大类) a major belongs to, by exact name or by containment (「计算机应用」→ 计算机类). */
export function majorGroup(major: string | null | undefined): MajorGroup | null {
  const k = normalizeName(major);
  if (!k) return null;
  const exact = MAJOR_GROUP.get(k);
  if (exact) return exact;
  if (k.length < 2) return null;
  let best: { len: number; g: MajorGroup } | null = null;
  for (const [name, g] of MAJOR_GROUP) {
    if (name.length >= 2 && (k.includes(name) || name.includes(k))) {
      const len = Math.min(name.length, k.length);
      if (!best || len > best.len) best = { len, g };
    }
  }
  return best?.g ?? null;
}

/** Words the segmenter should keep whole: taxonomy names, aliases, keywords and majors. */
export function taxonomyWords(): string[] {
  const words = new Set<string>();
  for (const t of (categoriesData as { categories: RawTop[] }).categories) {
    for (const n of [t.name, ...(t.aliases ?? []), ...(t.keywords ?? [])]) words.add(n);
    for (const s of t.children) for (const n of [s.name, ...(s.aliases ?? []), ...(s.keywords ?? [])]) words.add(n);
  }
  for (const g of (majorsData as { groups: { majors: string[] }[] }).groups) for (const m of g.majors) words.add(m);
  for (const i of (industriesData as { industries: { name: string; aliases: string[] }[] }).industries) {
    for (const n of [i.name, ...i.aliases]) words.add(n);
  }
  return [...words].filter((w) => /^[\p{Script=Han}A-Za-z0-9]+$/u.test(w) && [...w].length >= 2);
}
