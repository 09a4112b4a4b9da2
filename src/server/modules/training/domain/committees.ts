/**
 * Homeowners' committees (issue 12 §1), the pure parts: which committees go on the 换届改选 list,
 * the steps of a re-election as a checklist, and the 规范化 (compliance) score from a configurable
 * checklist, per committee and per neighborhood.
 *
 * - On the re-election list: a committee whose term ends within `months` (6) months of today —
 *   from the day six calendar months before the term's last day (clamped to the month's end:
 *   31 August → 28/29 February) — or has already ended without a new committee.
 * - Compliance score: Σ weights of the items done ÷ Σ weights of all items × 100, rounded to one
 *   decimal; an item not ticked counts as not done. A neighborhood's score is the mean of its
 *   committees' scores (committees without any checklist answers are left out, not counted as 0).
 */

export const RE_ELECTION_STEPS = [
  '任期届满前书面报告街道办事处和居委会',
  '成立换届改选小组',
  '发布换届公告，征集候选人',
  '审查候选人资格并公示候选人名单',
  '召开业主大会会议进行选举',
  '公告选举结果',
  '新一届业委会依法备案',
  '移交档案、财务资料和印章',
] as const;

function parseDay(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`日期「${date}」格式不对，应为 YYYY-MM-DD`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** `date` moved by `months` calendar months, the day clamped to the target month's length. */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseDay(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12; // 0-based
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface TermStatus {
  onReElectionList: boolean;
  /** The term has ended (its last day is before today). */
  expired: boolean;
  /** Days from today to the term's last day; negative once it has passed. */
  daysLeft: number;
}

export function termStatus(termEnd: string, today: string, months = 6): TermStatus {
  const days = (s: string) => {
    const { y, m, d } = parseDay(s);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  const daysLeft = days(termEnd) - days(today);
  return { onReElectionList: today >= addMonths(termEnd, -months), expired: daysLeft < 0, daysLeft };
}

export interface ChecklistItem {
  id: string;
  label: string;
  /** Relative weight; 1 when all items count alike. */
  weight: number;
}

export interface ComplianceScore {
  score: number | null;
  /** Labels of the items not done, in checklist order. */
  missing: string[];
}

export function complianceScore(items: readonly ChecklistItem[], done: Readonly<Record<string, boolean | undefined>>): ComplianceScore {
  const total = items.reduce((s, i) => s + Math.max(0, i.weight), 0);
  if (total === 0) return { score: null, missing: [] };
  const got = items.filter((i) => done[i.id] === true).reduce((s, i) => s + Math.max(0, i.weight), 0);
  return { score: Math.round((1000 * got) / total) / 10, missing: items.filter((i) => done[i.id] !== true).map((i) => i.label) };
}

export function scoreByNeighborhood(
  committees: readonly { neighborhood: string; score: number | null }[],
): { neighborhood: string; committees: number; score: number | null }[] {
  const groups = new Map<string, number[]>();
  for (const c of committees) {
    if (!groups.has(c.neighborhood)) groups.set(c.neighborhood, []);
    if (c.score !== null) groups.get(c.neighborhood)!.push(c.score);
  }
  return [...groups.entries()].map(([neighborhood, scores]) => ({
    neighborhood,
    committees: scores.length,
    score: scores.length === 0 ? null : Math.round((10 * scores.reduce((s, x) => s + x, 0)) / scores.length) / 10,
  }));
}
