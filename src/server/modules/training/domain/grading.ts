import { seededRandom as coreRandom } from '../../../core/random';
/**
 * Quiz grading (issue 12 §4): single choice, multiple choice with partial credit, true/false;
 * points per question; random selection by tag and difficulty with a seeded generator; attempt and
 * time-limit checks. Pure: times come in as arguments, randomness from the seed.
 */

export type QuestionKind = 'single' | 'multiple' | 'true_false';

export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', true_false: '判断题' };

/** A true/false question's two options: 对 (T) and 错 (F). */
export const TRUE_FALSE_OPTIONS = ['T', 'F'] as const;

export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  /** Option keys, e.g. A B C D; for true/false always T and F. */
  options: readonly string[];
  /** The right option(s): one for single choice and true/false, one or more for multiple choice. */
  answer: readonly string[];
}

/**
 * How a multiple-choice answer scores.
 * - `partial` (default): with c right and w wrong options, each right option chosen earns 1/c and
 *   each wrong option chosen costs 1/w of the points, floored at 0. All right and nothing wrong is
 *   full marks; ticking every option scores 0 (c/c − w/w), so guessing everything gains nothing.
 * - `all_or_nothing`: full points for exactly the right set, else 0.
 * Single choice and true/false are always all or nothing.
 */
export type MultipleRule = 'partial' | 'all_or_nothing';

export interface QuestionGrade {
  questionId: string;
  score: number;
  max: number;
  /** Exactly the right options: full marks. */
  correct: boolean;
  answered: boolean;
}

/** What is wrong with a question as defined, in Chinese; empty when it can be graded. */
export function checkQuestion(q: GradableQuestion): string[] {
  const problems: string[] = [];
  const label = `${QUESTION_KIND_LABEL[q.kind] ?? '题目'}「${q.id}」`;
  if (!(q.kind in QUESTION_KIND_LABEL)) return [`题目「${q.id}」：题型「${q.kind}」未知，应为单选题、多选题或判断题`];
  if (new Set(q.options).size !== q.options.length) problems.push(`${label}：选项有重复`);
  if (q.kind === 'true_false' && (q.options.length !== 2 || !TRUE_FALSE_OPTIONS.every((o) => q.options.includes(o))))
    problems.push(`${label}：判断题的选项只能是「对」和「错」`);
  if (q.kind !== 'true_false' && q.options.length < 2) problems.push(`${label}：至少要有两个选项`);
  const unknown = q.answer.filter((a) => !q.options.includes(a));
  if (unknown.length > 0) problems.push(`${label}：正确答案「${unknown.join('、')}」不在选项中`);
  if (new Set(q.answer).size !== q.answer.length) problems.push(`${label}：正确答案有重复`);
  if (q.kind !== 'multiple' && q.answer.length !== 1) problems.push(`${label}：只能有一个正确答案`);
  if (q.kind === 'multiple' && q.answer.length < 1) problems.push(`${label}：至少要有一个正确答案`);
  return problems;
}

/** What is wrong with an answer to `q` (unknown option, several options to a single-answer question), or null. */
export function checkAnswer(q: GradableQuestion, chosen: readonly string[]): string | null {
  const unknown = chosen.filter((c) => !q.options.includes(c));
  if (unknown.length > 0) return `第「${q.id}」题没有选项「${unknown.join('、')}」`;
  if (q.kind !== 'multiple' && new Set(chosen).size > 1) return `第「${q.id}」题是${QUESTION_KIND_LABEL[q.kind]}，只能选一个选项`;
  return null;
}

/**
 * The grade of one answer worth `points`; `chosen` null or empty = not answered (0 points). The
 * answer must pass `checkAnswer`. Scores are rounded to hundredths of a point.
 */
export function gradeAnswer(
  q: GradableQuestion,
  points: number,
  chosen: readonly string[] | null,
  rule: MultipleRule = 'partial',
): QuestionGrade {
  const picked = new Set(chosen ?? []);
  const right = new Set(q.answer);
  const hits = [...picked].filter((c) => right.has(c)).length;
  const misses = picked.size - hits;
  const correct = hits === right.size && misses === 0;
  let fraction = correct ? 1 : 0;
  if (!correct && q.kind === 'multiple' && rule === 'partial') {
    const wrongOptions = q.options.length - right.size;
    fraction = Math.max(0, hits / right.size - (wrongOptions === 0 ? 0 : misses / wrongOptions));
  }
  return { questionId: q.id, score: round2(points * fraction), max: points, correct, answered: picked.size > 0 };
}

export interface QuizItem {
  question: GradableQuestion;
  points: number;
  tags?: readonly string[];
}

export interface AttemptGrade {
  score: number;
  max: number;
  /** score ÷ max × 100, null for a quiz worth nothing. */
  percent: number | null;
  questions: QuestionGrade[];
  /** Per tag: the points scored and available on the questions carrying it. */
  byTag: Record<string, { score: number; max: number; percent: number | null }>;
}

/** Grades a whole attempt; `answers` maps question id to chosen options (missing = not answered). */
export function gradeAttempt(
  items: readonly QuizItem[],
  answers: Readonly<Record<string, readonly string[] | undefined>>,
  rule: MultipleRule = 'partial',
): AttemptGrade {
  const questions = items.map((item) => gradeAnswer(item.question, item.points, answers[item.question.id] ?? null, rule));
  const byTag: AttemptGrade['byTag'] = {};
  items.forEach((item, i) => {
    for (const tag of new Set(item.tags ?? [])) {
      byTag[tag] ??= { score: 0, max: 0, percent: null };
      const t = byTag[tag];
      t.score = round2(t.score + questions[i]!.score);
      t.max = round2(t.max + item.points);
    }
  });
  for (const t of Object.values(byTag)) t.percent = percentOf(t.score, t.max);
  const score = round2(questions.reduce((s, q) => s + q.score, 0));
  const max = round2(items.reduce((s, item) => s + item.points, 0));
  return { score, max, percent: percentOf(score, max), questions, byTag };
}

function percentOf(score: number, max: number): number | null {
  return max > 0 ? round2((100 * score) / max) : null;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

// ── random selection ────────────────────────────────────────────────────────────────────────

/** A seeded generator (core's, over a 32-bit FNV-1a hash of the seed): same seed, same draws. */
export function seededRandom(seed: string | number): () => number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return coreRandom(h >>> 0);
}

/** A Fisher–Yates shuffle driven by `random`; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface BankEntry {
  id: string;
  tags: readonly string[];
  /** 1 (easiest) … 5 (hardest). */
  difficulty: number;
}

export interface SelectionRule {
  /** Questions carrying this tag; absent = any tag. */
  tag?: string;
  /** An exact difficulty, or a range; absent = any. */
  difficulty?: number | { min: number; max: number };
  count: number;
  /** Points for each question drawn by this rule. */
  points: number;
}

export type Selection = { ok: true; picked: { id: string; points: number }[] } | { ok: false; problems: string[] };

/**
 * Draws questions for a quiz: each rule, in order, draws `count` questions matching its tag and
 * difficulty that no earlier rule drew. The bank is put in id order before the seeded shuffle, so
 * the same bank and seed give the same quiz whatever order the database returned it in. A rule that
 * cannot be met is reported (all of them at once) and nothing is drawn.
 */
export function selectQuestions(bank: readonly BankEntry[], rules: readonly SelectionRule[], seed: string | number): Selection {
  const random = seededRandom(seed);
  const ordered = [...bank].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const picked: { id: string; points: number }[] = [];
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    const what = describeRule(rule);
    if (!(Number.isInteger(rule.count) && rule.count >= 1)) {
      problems.push(`第 ${i + 1} 条抽题规则（${what}）：题数必须是正整数`);
      return;
    }
    if (!(rule.points > 0)) {
      problems.push(`第 ${i + 1} 条抽题规则（${what}）：每题分值必须大于 0`);
      return;
    }
    const candidates = ordered.filter((q) => !taken.has(q.id) && matches(q, rule));
    if (candidates.length < rule.count) {
      problems.push(`第 ${i + 1} 条抽题规则（${what}）：题库中可用的题目只有 ${candidates.length} 道，不够抽 ${rule.count} 道`);
      return;
    }
    for (const q of shuffle(candidates, random).slice(0, rule.count)) {
      taken.add(q.id);
      picked.push({ id: q.id, points: rule.points });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, picked };
}

/** the fixed seed of one participant's draw in one quiz: the same person gets the same paper back */
export function participantSeed(quizId: string, participantId: string): string {
  return `${quizId}:${participantId}`;
}

/**
 * A 'random by tag and difficulty' quiz drawn for one participant at their first attempt: the quiz's
 * rules with the participant's own fixed seed, so neighbours see different questions and a reload or
 * a second attempt gives the same ones.
 */
export function drawForParticipant(
  bank: readonly BankEntry[],
  rules: readonly SelectionRule[],
  quizId: string,
  participantId: string,
): Selection {
  return selectQuestions(bank, rules, participantSeed(quizId, participantId));
}

function matches(q: BankEntry, rule: SelectionRule): boolean {
  if (rule.tag !== undefined && !q.tags.includes(rule.tag)) return false;
  const d = rule.difficulty;
  if (d === undefined) return true;
  return typeof d === 'number' ? q.difficulty === d : q.difficulty >= d.min && q.difficulty <= d.max;
}

function describeRule(rule: SelectionRule): string {
  const tag = rule.tag === undefined ? '不限标签' : `标签「${rule.tag}」`;
  const d = rule.difficulty;
  const diff = d === undefined ? '不限难度' : typeof d === 'number' ? `难度 ${d}` : `难度 ${d.min}–${d.max}`;
  return `${tag}，${diff}`;
}

// ── attempts and time limits ────────────────────────────────────────────────────────────────

export interface QuizWindow {
  opensAt?: Date | null;
  closesAt?: Date | null;
  /** Per attempt; null = untimed. */
  timeLimitSeconds?: number | null;
  /** null = unlimited. */
  maxAttempts?: number | null;
}

/**
 * Seconds a submission may arrive after its deadline and still count: the phone submits by itself
 * when the time is up, and that request needs a moment on a slow mobile network.
 */
export const SUBMIT_GRACE_SECONDS = 15;

export type Check =
  | { ok: true }
  | { ok: false; code: 'not_open' | 'closed' | 'no_attempts_left' | 'in_progress' | 'late'; message: string };

/** May a participant who has used `attemptsUsed` attempts (one maybe still open) start another now? */
export function canStartAttempt(w: QuizWindow, attemptsUsed: number, hasOpenAttempt: boolean, now: Date): Check {
  if (w.opensAt && now < w.opensAt) return { ok: false, code: 'not_open', message: `测验尚未开始，开放时间为 ${shanghai(w.opensAt)}` };
  if (w.closesAt && now >= w.closesAt) return { ok: false, code: 'closed', message: `测验已于 ${shanghai(w.closesAt)} 结束` };
  if (hasOpenAttempt) return { ok: false, code: 'in_progress', message: '您有一次作答尚未提交，请先继续完成' };
  if (w.maxAttempts != null && attemptsUsed >= w.maxAttempts)
    return { ok: false, code: 'no_attempts_left', message: `本测验最多可作答 ${w.maxAttempts} 次，您已用完` };
  return { ok: true };
}

/** When an attempt started at `startedAt` must be in: the earlier of its time limit and the quiz's close; null = no deadline. */
export function attemptDeadline(w: QuizWindow, startedAt: Date): Date | null {
  const byLimit = w.timeLimitSeconds != null ? new Date(startedAt.getTime() + w.timeLimitSeconds * 1000) : null;
  const close = w.closesAt ?? null;
  if (byLimit && close) return new Date(Math.min(byLimit.getTime(), close.getTime()));
  return byLimit ?? close;
}

/** Does a submission at `submittedAt` count? Up to SUBMIT_GRACE_SECONDS after the deadline it does. */
export function checkSubmission(w: QuizWindow, startedAt: Date, submittedAt: Date, graceSeconds = SUBMIT_GRACE_SECONDS): Check {
  const deadline = attemptDeadline(w, startedAt);
  if (deadline && submittedAt.getTime() > deadline.getTime() + graceSeconds * 1000)
    return { ok: false, code: 'late', message: `已超过作答时限（截止 ${shanghai(deadline)}），本次提交不计分` };
  return { ok: true };
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai (UTC+8, no daylight saving), for messages. */
function shanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
