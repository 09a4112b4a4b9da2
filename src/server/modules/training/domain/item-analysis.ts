/**
 * Item analysis of a quiz (issue 12 §5): the statistics of Moodle's quiz statistics report, with
 * the definitions. Pure: takes the responses, returns numbers.
 *
 * Definitions (n participants, k questions, x the item score, m the item maximum, T = Σ x over the
 * questions of a participant, sample variances with n − 1):
 *   facility F       = 100 · mean(x) / m
 *   item SD          = 100 · sd(x) / m
 *   discrimination D = 100 · Pearson(x, T − x)            (the item against the rest of the test)
 *   test mean, median, SD of T
 *   Cronbach's α     = k/(k − 1) · (1 − Σ var(x_i) / var(T))
 *   error ratio      = 100 · √(1 − α)
 *   standard error   = SD(T) · √(1 − α)
 * A statistic that is undefined is `null`: n < 2 for every SD, variance and correlation; a zero
 * variance on either side of a correlation; k < 2 or var(T) = 0 for α (and so for error ratio and
 * standard error); n = 0 for means and facility.
 *
 * Decisions (the issue leaves them open):
 * - FIRST attempts only. A response may carry `attempt` (1, 2, …; absent = 1): per participant only
 *   the lowest attempt number seen counts. Within it, a second response of the same participant to
 *   the same question is ignored (the first one in the input wins).
 * - The participants are everyone with at least one counted response. A question a participant did
 *   not answer scores 0 for them — Moodle's choice too ("treat omitted items as having a score of
 *   0"): leaving them out would compare item statistics over different groups of people.
 * - Option shares: the percentage of the group that chose the option. Someone who did not answer
 *   chose nothing, so a question's shares can add up to less than 100 (and to more for multiple
 *   choice, where one person picks several options).
 * - Thirds, as in Moodle's classic item analysis ("dividing learners into thirds based on the
 *   overall score"): participants sorted by T, highest first, equal T in participant-id order;
 *   the top third is the first ⌈n/3⌉ of that list, the bottom third the last ⌈n/3⌉. With n = 4 that
 *   is 2 and 2 (no middle); with n = 1 or 2 the groups overlap or touch — such tiny groups say
 *   little anyway. Ties at the boundary are split by participant id so the result is repeatable.
 * - Flags, on Moodle's reading scale of the two indices: too easy F > 90 (Moodle: 90–94 "very
 *   easy", 95+ "extremely easy"), too hard F < 20 (≤ 20 "difficult" and worse), discriminates badly
 *   D < 20 (0–19 "very weak", negative "bad"). A null D raises no flag: there is nothing to judge.
 */

import { mean, median, pearson, sd, variance } from './stats';

export interface ItemQuestion {
  id: string;
  max: number;
  /** Option keys to report even when nobody chose them (choice questions). */
  options?: string[];
}

export interface ItemResponse {
  participant: string;
  question: string;
  score: number;
  /** The option chosen (single choice, true/false) or options (multiple choice). */
  choice?: string | string[];
  attempt?: number;
}

export interface ItemAnalysisInput {
  questions: ItemQuestion[];
  responses: ItemResponse[];
}

export type ItemFlag = 'too_easy' | 'too_hard' | 'poor_discrimination';

export const ITEM_FLAG_LABEL: Record<ItemFlag, string> = {
  too_easy: '过于容易',
  too_hard: '过难',
  poor_discrimination: '区分度差',
};

export const FLAG_THRESHOLDS = { tooEasyAbove: 90, tooHardBelow: 20, poorDiscriminationBelow: 20 } as const;

export interface OptionShare {
  all: number | null;
  top: number | null;
  bottom: number | null;
}

export interface QuestionStats {
  id: string;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  options?: Record<string, OptionShare>;
  flags: ItemFlag[];
}

export interface TestStats {
  n: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  alpha: number | null;
  errorRatio: number | null;
  standardError: number | null;
}

export interface ItemAnalysis {
  test: TestStats;
  questions: QuestionStats[];
}

/** One problem with the input, in words the office can act on; `path` names the row. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Checks what the arithmetic relies on; an empty list means `analyseItems` may run. */
export function checkItemInput(input: ItemAnalysisInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const seen = new Map<string, ItemQuestion>();
  input.questions.forEach((q, i) => {
    const path = `questions[${i}]`;
    if (seen.has(q.id)) problems.push({ path, message: `第 ${i + 1} 道题：题目编号「${q.id}」重复` });
    else seen.set(q.id, q);
    if (!(Number.isFinite(q.max) && q.max > 0)) problems.push({ path, message: `题目「${q.id}」：满分必须是大于 0 的数，现为 ${q.max}` });
  });
  input.responses.forEach((r, i) => {
    const path = `responses[${i}]`;
    const row = `第 ${i + 1} 条作答（参与者「${r.participant}」）`;
    const q = seen.get(r.question);
    if (!q) {
      problems.push({ path, message: `${row}：题目「${r.question}」不在题目列表中` });
      return;
    }
    if (!Number.isFinite(r.score) || r.score < 0 || (Number.isFinite(q.max) && r.score > q.max))
      problems.push({ path, message: `${row}：题目「${q.id}」的得分 ${r.score} 不在 0 到满分 ${q.max} 之间` });
    if (r.attempt !== undefined && !(Number.isInteger(r.attempt) && r.attempt >= 1))
      problems.push({ path, message: `${row}：作答次数必须是从 1 开始的整数，现为 ${r.attempt}` });
  });
  return problems;
}

/** The item analysis of `input`, which `checkItemInput` found clean. */
export function analyseItems(input: ItemAnalysisInput): ItemAnalysis {
  const { participants, scores, choices } = firstAttemptMatrix(input);
  const n = participants.length;
  const k = input.questions.length;
  const totals = participants.map((_, p) => sumRow(scores[p]!));

  const itemVars = input.questions.map((_, j) => variance(scores.map((row) => row[j]!)));
  const varT = variance(totals);
  const sdT = sd(totals);
  let alpha: number | null = null;
  if (k >= 2 && varT !== null && varT > 0 && itemVars.every((v) => v !== null)) {
    const sumVar = itemVars.reduce<number>((s, v) => s + v!, 0);
    alpha = (k / (k - 1)) * (1 - sumVar / varT);
  }
  // α ≤ 1 always (variances are ≥ 0); rounding can leave 1 − α at −1e-17
  const oneMinusAlpha = alpha === null ? null : Math.max(0, 1 - alpha);

  const { top, bottom } = thirds(participants, totals);

  const questions = input.questions.map((q, j): QuestionStats => {
    const x = scores.map((row) => row[j]!);
    const rest = x.map((xi, p) => totals[p]! - xi);
    const m = mean(x);
    const s = sd(x);
    const r = pearson(x, rest);
    const stats: QuestionStats = {
      id: q.id,
      facility: m === null ? null : (100 * m) / q.max,
      sd: s === null ? null : (100 * s) / q.max,
      discrimination: r === null ? null : 100 * r,
      flags: [],
    };
    const keys = optionKeys(
      q,
      choices.map((row) => row[j]!),
    );
    if (keys.length > 0) {
      const share = (group: number[], key: string) =>
        group.length === 0 ? null : (100 * group.filter((p) => choices[p]![j]!.includes(key)).length) / group.length;
      const everyone = participants.map((_, p) => p);
      stats.options = {};
      for (const key of keys) stats.options[key] = { all: share(everyone, key), top: share(top, key), bottom: share(bottom, key) };
    }
    stats.flags = flagsFor(stats);
    return stats;
  });

  return {
    test: {
      n,
      mean: mean(totals),
      median: median(totals),
      sd: sdT,
      alpha,
      errorRatio: oneMinusAlpha === null ? null : 100 * Math.sqrt(oneMinusAlpha),
      standardError: oneMinusAlpha === null || sdT === null ? null : sdT * Math.sqrt(oneMinusAlpha),
    },
    questions,
  };
}

export function flagsFor(q: Pick<QuestionStats, 'facility' | 'discrimination'>): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (q.facility !== null && q.facility > FLAG_THRESHOLDS.tooEasyAbove) flags.push('too_easy');
  if (q.facility !== null && q.facility < FLAG_THRESHOLDS.tooHardBelow) flags.push('too_hard');
  if (q.discrimination !== null && q.discrimination < FLAG_THRESHOLDS.poorDiscriminationBelow) flags.push('poor_discrimination');
  return flags;
}

/** Indices (into `participants`) of the top and bottom thirds by total score; see the header. */
export function thirds(participants: readonly string[], totals: readonly number[]): { top: number[]; bottom: number[] } {
  const order = participants.map((_, i) => i).sort((a, b) => totals[b]! - totals[a]! || compareIds(participants[a]!, participants[b]!));
  const g = Math.ceil(order.length / 3);
  return { top: order.slice(0, g), bottom: order.slice(order.length - g) };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sumRow(row: readonly number[]): number {
  let s = 0;
  for (const x of row) s += x;
  return s;
}

/** Participants (sorted by id), their item scores (0 when unanswered) and chosen options, first attempts only. */
function firstAttemptMatrix(input: ItemAnalysisInput) {
  const firstAttempt = new Map<string, number>();
  for (const r of input.responses) {
    const a = r.attempt ?? 1;
    const f = firstAttempt.get(r.participant);
    if (f === undefined || a < f) firstAttempt.set(r.participant, a);
  }
  const participants = [...firstAttempt.keys()].sort(compareIds);
  const row = new Map(participants.map((p, i) => [p, i]));
  const col = new Map(input.questions.map((q, j) => [q.id, j]));
  const k = input.questions.length;
  const scores = participants.map(() => new Array<number>(k).fill(0));
  const choices = participants.map(() => Array.from({ length: k }, () => [] as string[]));
  const answered = participants.map(() => new Array<boolean>(k).fill(false));
  for (const r of input.responses) {
    if ((r.attempt ?? 1) !== firstAttempt.get(r.participant)) continue;
    const p = row.get(r.participant)!;
    const j = col.get(r.question);
    if (j === undefined || answered[p]![j]) continue;
    answered[p]![j] = true;
    scores[p]![j] = r.score;
    choices[p]![j] = r.choice === undefined ? [] : Array.isArray(r.choice) ? [...new Set(r.choice)] : [r.choice];
  }
  return { participants, scores, choices };
}

/** Declared options first, in their order, then any other option somebody chose, sorted. */
function optionKeys(q: ItemQuestion, chosen: readonly string[][]): string[] {
  const keys = [...(q.options ?? [])];
  const extra = new Set<string>();
  for (const c of chosen) for (const key of c) if (!keys.includes(key)) extra.add(key);
  return [...keys, ...[...extra].sort(compareIds)];
}
