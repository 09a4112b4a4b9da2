/**
 * Targeted training (有针对性、有重点, issue 12 §6): from the committees' needs surveys and the
 * directors' quiz results per tag, propose the next sessions — topics ranked by demand and by
 * weakness — each with its invite list: the directors who asked for the topic or scored under 60%
 * on its tag.
 *
 * Free text ("我们小区电梯坏了，不知道怎么申请维修资金") is mapped to tags with keyword lists, not
 * with a word segmenter: every tag is a short, fixed phrase and the phrases directors use for it are
 * few, so a substring match over the normalised text finds them as well as segmenting first would,
 * with no dictionary to ship and nothing to load. The lists are a parameter; the office extends them
 * as new phrases turn up. A negation ("维修资金没问题") still matches: the proposal is a suggestion
 * the office reviews, and an extra invitation costs less than a missed one.
 */

/** Phrases that point at each tag of the question bank; the tag's own name always matches too. */
export const DEFAULT_TOPIC_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  业主大会: ['业主大会', '业主代表', '召开大会', '表决', '投票', '议事规则', '管理规约', '征求意见'],
  业委会组建: ['组建', '筹备组', '成立业委会', '首次业主大会', '备案', '委员人选'],
  换届改选: ['换届', '改选', '选举', '任期', '候选人', '届满'],
  物业管理: ['物业', '物业费', '物业公司', '物业服务合同', '选聘', '续聘', '保洁', '保安', '停车', '绿化'],
  维修资金: ['维修资金', '维修基金', '大修', '电梯', '外墙', '屋面', '渗水', '漏水', '管道'],
  财务公开: ['财务', '账目', '收支', '公开', '审计', '公共收益', '报销'],
};

/** Below this share of the available points on a tag, a director is weak on it. */
export const WEAK_BELOW_PERCENT = 60;

export interface NeedsSurvey {
  directorId: string;
  /** Topics ticked on the survey, by tag name. */
  topics: readonly string[];
  /** Difficulties in the committee's own words. */
  difficulties?: string | null;
}

export interface TagResult {
  directorId: string;
  tag: string;
  /** Points scored and available on the questions carrying the tag (first attempts, one or more quizzes). */
  score: number;
  max: number;
}

export interface ProposedSession {
  tag: string;
  /** Directors who asked for the topic, ticked or in their own words. */
  requested: string[];
  /** Directors who scored under the threshold on the tag. */
  weak: string[];
  /** requested ∪ weak, sorted. */
  invite: string[];
  /** Mean percentage over the directors with results on the tag; null when nobody has any. */
  meanPercent: number | null;
  /** requested + weak: someone who both asked and scored low counts twice — they need it most. */
  priority: number;
  /** Why, in words for the office. */
  reason: string;
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The tags whose name or any keyword occurs in `text`, in the order of `keywords`. */
export function tagsInText(text: string, keywords: Readonly<Record<string, readonly string[]>> = DEFAULT_TOPIC_KEYWORDS): string[] {
  const t = normalise(text);
  if (t === '') return [];
  return Object.entries(keywords)
    .filter(([tag, words]) => [tag, ...words].some((w) => w !== '' && t.includes(normalise(w))))
    .map(([tag]) => tag);
}

/**
 * Ranks topics by priority (highest first), then by the lower mean percentage (nobody tested comes
 * after), then by more requests, then by tag name; topics nobody asked for and nobody is weak on
 * are left out. At most `maxSessions` proposals.
 */
export function proposeSessions(
  surveys: readonly NeedsSurvey[],
  results: readonly TagResult[],
  options: { keywords?: Readonly<Record<string, readonly string[]>>; weakBelowPercent?: number; maxSessions?: number } = {},
): ProposedSession[] {
  const keywords = options.keywords ?? DEFAULT_TOPIC_KEYWORDS;
  const threshold = options.weakBelowPercent ?? WEAK_BELOW_PERCENT;

  const requested = new Map<string, Set<string>>();
  const ask = (tag: string, director: string) => {
    const t = tag.trim();
    if (t === '') return;
    if (!requested.has(t)) requested.set(t, new Set());
    requested.get(t)!.add(director);
  };
  for (const s of surveys) {
    for (const topic of s.topics) ask(topic, s.directorId);
    for (const tag of tagsInText(s.difficulties ?? '', keywords)) ask(tag, s.directorId);
  }

  // per tag, per director: points scored and available, summed over quizzes
  const perTag = new Map<string, Map<string, { score: number; max: number }>>();
  for (const r of results) {
    if (!(r.max > 0)) continue;
    if (!perTag.has(r.tag)) perTag.set(r.tag, new Map());
    const byDirector = perTag.get(r.tag)!;
    const d = byDirector.get(r.directorId) ?? { score: 0, max: 0 };
    byDirector.set(r.directorId, { score: d.score + r.score, max: d.max + r.max });
  }

  const tags = new Set([...requested.keys(), ...perTag.keys()]);
  const proposals: ProposedSession[] = [];
  for (const tag of tags) {
    const asked = [...(requested.get(tag) ?? [])].sort();
    const percents = [...(perTag.get(tag) ?? new Map()).entries()].map(([director, t]) => ({ director, percent: (100 * t.score) / t.max }));
    const weak = percents
      .filter((p) => p.percent < threshold)
      .map((p) => p.director)
      .sort();
    const priority = asked.length + weak.length;
    if (priority === 0) continue;
    const meanPercent =
      percents.length === 0 ? null : Math.round((percents.reduce((s, p) => s + p.percent, 0) / percents.length) * 10) / 10;
    const invite = [...new Set([...asked, ...weak])].sort();
    const parts: string[] = [];
    if (asked.length > 0) parts.push(`${asked.length} 位主任提出需要`);
    if (weak.length > 0) parts.push(`${weak.length} 位主任该主题测验得分低于 ${threshold}%`);
    if (meanPercent !== null) parts.push(`测验平均得分率 ${meanPercent}%`);
    proposals.push({ tag, requested: asked, weak, invite, meanPercent, priority, reason: parts.join('，') });
  }

  proposals.sort(
    (a, b) =>
      b.priority - a.priority ||
      (a.meanPercent ?? Number.POSITIVE_INFINITY) - (b.meanPercent ?? Number.POSITIVE_INFINITY) ||
      b.requested.length - a.requested.length ||
      (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
  return options.maxSessions === undefined ? proposals : proposals.slice(0, options.maxSessions);
}
