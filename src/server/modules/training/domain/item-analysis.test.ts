import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseItems, checkItemInput, type ItemAnalysisInput, type ItemResponse, thirds } from './item-analysis';

/*
 * The hand-worked set. Four participants, three questions: q1 (max 1, single choice, A right),
 * q2 (max 1), q3 (max 2). First attempts:
 *
 *          q1  q2  q3 | T   q1 choice
 *   p1      1   1   2 | 4   A
 *   p2      1   0   2 | 3   A        (p2's second attempt, all full marks, must be ignored)
 *   p3      0   1   1 | 2   B
 *   p4      1   0   – | 1   A        (no answer to q3: counts as 0)
 *
 * q1: x = 1,1,0,1; mean .75 → F = 75. Deviations .25,.25,−.75,.25; Σd² = .75; var = .75/3 = .25;
 *     sd = .5 → item SD = 100·.5/1 = 50.
 * q2: x = 1,0,1,0; mean .5 → F = 50. Σd² = 4·.25 = 1; var = 1/3; sd = .577350 → SD 57.7350.
 * q3: x = 2,2,1,0; mean 1.25 → F = 100·1.25/2 = 62.5. Deviations .75,.75,−.25,−1.25;
 *     Σd² = .5625+.5625+.0625+1.5625 = 2.75; var = 2.75/3 = .916667; sd = .957427 → SD 47.8714.
 * T = 4,3,2,1: mean 2.5, median 2.5; Σd² = 2.25+.25+.25+2.25 = 5; var = 5/3; sd = 1.290994.
 * α = 3/2 · (1 − (.25 + 1/3 + 2.75/3)/(5/3)) = 1.5 · (1 − 1.5/1.666667) = 1.5 · .1 = .15
 * error ratio = 100·√.85 = 92.1954; standard error = 1.290994 · .921954 = 1.190238.
 * D(q1): rest R = T − x = 3,2,2,0 (mean 1.75). dx = .25,.25,−.75,.25; dR = 1.25,.25,.25,−1.75;
 *     Σdx·dR = .3125+.0625−.1875−.4375 = −.25; Σdx² = .75; ΣdR² = 1.5625+.0625+.0625+3.0625 = 4.75;
 *     r = −.25/√(.75·4.75) = −.25/1.887459 = −.132453 → D = −13.2453 (flag: discriminates badly).
 * D(q2): R = 3,3,1,1; dx = .5,−.5,.5,−.5; dR = 1,1,−1,−1; Σdx·dR = 0 → D = 0 (flag).
 * D(q3): R = 2,1,1,1 (mean 1.25); dx = .75,.75,−.25,−1.25; dR = .75,−.25,−.25,−.25;
 *     Σdx·dR = .5625−.1875+.0625+.3125 = .75; Σdx² = 2.75; ΣdR² = .5625+3·.0625 = .75;
 *     r = .75/√(2.75·.75) = .75/1.436141 = .522233 → D = 52.2233 (no flag).
 * Thirds: ⌈4/3⌉ = 2 → top = p1, p2 (T 4, 3), bottom = p3, p4 (T 2, 1).
 * q1 options (A, B, C declared): A all 3/4 = 75, top 2/2 = 100, bottom 1/2 = 50;
 *     B all 25, top 0, bottom 50; C 0, 0, 0.
 */
const handSet: ItemAnalysisInput = {
  questions: [
    { id: 'q1', max: 1, options: ['A', 'B', 'C'] },
    { id: 'q2', max: 1 },
    { id: 'q3', max: 2 },
  ],
  responses: [
    { participant: 'p1', question: 'q1', score: 1, choice: 'A' },
    { participant: 'p1', question: 'q2', score: 1 },
    { participant: 'p1', question: 'q3', score: 2 },
    { participant: 'p2', question: 'q1', score: 1, choice: 'A', attempt: 1 },
    { participant: 'p2', question: 'q2', score: 0, attempt: 1 },
    { participant: 'p2', question: 'q3', score: 2, attempt: 1 },
    { participant: 'p2', question: 'q1', score: 1, choice: 'A', attempt: 2 },
    { participant: 'p2', question: 'q2', score: 1, attempt: 2 },
    { participant: 'p2', question: 'q3', score: 2, attempt: 2 },
    { participant: 'p3', question: 'q1', score: 0, choice: 'B' },
    { participant: 'p3', question: 'q2', score: 1 },
    { participant: 'p3', question: 'q3', score: 1 },
    { participant: 'p3', question: 'q3', score: 2 }, // a repeat within the first attempt: ignored
    { participant: 'p4', question: 'q1', score: 1, choice: 'A' },
    { participant: 'p4', question: 'q2', score: 0 },
  ],
};

describe('item analysis against the hand-worked set', () => {
  const result = analyseItems(handSet);

  it('gives the test statistics', () => {
    const t = result.test;
    expect(t.n).toBe(4);
    expect(t.mean).toBeCloseTo(2.5, 10);
    expect(t.median).toBeCloseTo(2.5, 10);
    expect(t.sd).toBeCloseTo(1.290994, 5);
    expect(t.alpha).toBeCloseTo(0.15, 10);
    expect(t.errorRatio).toBeCloseTo(92.1954, 3);
    expect(t.standardError).toBeCloseTo(1.190238, 5);
  });

  it('gives facility, SD and discrimination per question, and flags', () => {
    const [q1, q2, q3] = result.questions;
    expect(q1!.facility).toBeCloseTo(75, 10);
    expect(q1!.sd).toBeCloseTo(50, 10);
    expect(q1!.discrimination).toBeCloseTo(-13.2453, 3);
    expect(q1!.flags).toEqual(['poor_discrimination']);
    expect(q2!.facility).toBeCloseTo(50, 10);
    expect(q2!.sd).toBeCloseTo(57.735, 3);
    expect(q2!.discrimination).toBeCloseTo(0, 10);
    expect(q2!.flags).toEqual(['poor_discrimination']);
    expect(q3!.facility).toBeCloseTo(62.5, 10);
    expect(q3!.sd).toBeCloseTo(47.8714, 3);
    expect(q3!.discrimination).toBeCloseTo(52.2233, 3);
    expect(q3!.flags).toEqual([]);
  });

  it('gives option shares overall and in the top and bottom thirds, only for choice questions', () => {
    const [q1, q2, q3] = result.questions;
    expect(q1!.options).toEqual({
      A: { all: 75, top: 100, bottom: 50 },
      B: { all: 25, top: 0, bottom: 50 },
      C: { all: 0, top: 0, bottom: 0 },
    });
    expect(q2!.options).toBeUndefined();
    expect(q3!.options).toBeUndefined();
  });
});

describe('item analysis edge cases', () => {
  it('returns null where a statistic is undefined: one participant, zero variance', () => {
    const one = analyseItems({
      questions: [
        { id: 'a', max: 1 },
        { id: 'b', max: 1 },
      ],
      responses: [{ participant: 'x', question: 'a', score: 1 }],
    });
    expect(one.test).toEqual({ n: 1, mean: 1, median: 1, sd: null, alpha: null, errorRatio: null, standardError: null });
    expect(one.questions[0]).toMatchObject({ facility: 100, sd: null, discrimination: null, flags: ['too_easy'] });
    expect(one.questions[1]).toMatchObject({ facility: 0, sd: null, discrimination: null, flags: ['too_hard'] });

    // everybody scores the same: no variance anywhere
    const flat = analyseItems({
      questions: [
        { id: 'a', max: 2 },
        { id: 'b', max: 2 },
      ],
      responses: ['x', 'y', 'z'].flatMap((p) => [
        { participant: p, question: 'a', score: 1 },
        { participant: p, question: 'b', score: 1 },
      ]),
    });
    expect(flat.test).toMatchObject({ n: 3, mean: 2, sd: 0, alpha: null, errorRatio: null, standardError: null });
    expect(flat.questions[0]).toMatchObject({ facility: 50, sd: 0, discrimination: null, flags: [] });
  });

  it('handles no responses at all', () => {
    const none = analyseItems({ questions: [{ id: 'a', max: 1 }], responses: [] });
    expect(none.test).toEqual({ n: 0, mean: null, median: null, sd: null, alpha: null, errorRatio: null, standardError: null });
    expect(none.questions[0]).toMatchObject({ facility: null, sd: null, discrimination: null, flags: [] });
  });

  it('counts each chosen option of a multiple-choice answer', () => {
    const r = analyseItems({
      questions: [{ id: 'm', max: 2 }],
      responses: [
        { participant: 'a', question: 'm', score: 2, choice: ['A', 'C'] },
        { participant: 'b', question: 'm', score: 1, choice: ['A'] },
      ],
    });
    // n = 2, ⌈2/3⌉ = 1: top = a, bottom = b
    expect(r.questions[0]!.options).toEqual({ A: { all: 100, top: 100, bottom: 100 }, C: { all: 50, top: 100, bottom: 0 } });
  });

  it('splits thirds by total, ties by participant id', () => {
    expect(thirds(['a', 'b', 'c', 'd', 'e'], [3, 5, 3, 1, 3])).toEqual({ top: [1, 0], bottom: [4, 3] }); // order b(5) a(3) c(3) e(3) d(1);
    expect(thirds(['a', 'b', 'c'], [1, 1, 1])).toEqual({ top: [0], bottom: [2] });
    expect(thirds([], [])).toEqual({ top: [], bottom: [] });
  });

  it('names the row of every input problem in Chinese', () => {
    const problems = checkItemInput({
      questions: [
        { id: 'q1', max: 1 },
        { id: 'q1', max: 0 },
      ],
      responses: [
        { participant: '张三', question: 'q9', score: 1 },
        { participant: '李四', question: 'q1', score: 2 },
        { participant: '王五', question: 'q1', score: 1, attempt: 0 },
      ],
    });
    expect(problems).toEqual([
      { path: 'questions[1]', message: '第 2 道题：题目编号「q1」重复' },
      { path: 'questions[1]', message: '题目「q1」：满分必须是大于 0 的数，现为 0' },
      { path: 'responses[0]', message: '第 1 条作答（参与者「张三」）：题目「q9」不在题目列表中' },
      { path: 'responses[1]', message: '第 2 条作答（参与者「李四」）：题目「q1」的得分 2 不在 0 到满分 1 之间' },
      { path: 'responses[2]', message: '第 3 条作答（参与者「王五」）：作答次数必须是从 1 开始的整数，现为 0' },
    ]);
    expect(checkItemInput(handSet)).toEqual([]);
  });
});

/** Random complete response sets: up to 6 questions, up to 30 participants, scores on each item's scale. */
const responseSets = fc
  .record({
    maxes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
    n: fc.integer({ min: 0, max: 30 }),
    seedScores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 180, maxLength: 180 }),
    picks: fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 180, maxLength: 180 }),
    skip: fc.array(fc.boolean(), { minLength: 180, maxLength: 180 }),
  })
  .map(({ maxes, n, seedScores, picks, skip }): ItemAnalysisInput => {
    const questions = maxes.map((max, j) => ({ id: `q${j}`, max }));
    const responses: ItemResponse[] = [];
    for (let p = 0; p < n; p++)
      questions.forEach((q, j) => {
        const i = p * 6 + j;
        if (skip[i] && j > 0) return; // leave some answers out (every participant answers q0)
        responses.push({ participant: `p${p}`, question: q.id, score: Math.round(seedScores[i]! * q.max), choice: picks[i] });
      });
    return { questions, responses };
  });

describe('item analysis properties', () => {
  it('keeps every statistic in its range', () => {
    fc.assert(
      fc.property(responseSets, (input) => {
        expect(checkItemInput(input)).toEqual([]);
        const r = analyseItems(input);
        const inRange = (v: number | null, lo: number, hi: number) => v === null || (v >= lo - 1e-9 && v <= hi + 1e-9);
        expect(r.test.alpha === null || r.test.alpha <= 1 + 1e-12).toBe(true);
        expect(inRange(r.test.errorRatio, 0, Number.POSITIVE_INFINITY)).toBe(true);
        expect(inRange(r.test.sd, 0, Number.POSITIVE_INFINITY)).toBe(true);
        const maxTotal = input.questions.reduce((s, q) => s + q.max, 0);
        expect(inRange(r.test.mean, 0, maxTotal)).toBe(true);
        expect(inRange(r.test.median, 0, maxTotal)).toBe(true);
        for (const q of r.questions) {
          expect(inRange(q.facility, 0, 100)).toBe(true);
          // the SD of values within [0, m] is at most m·√(n/(4(n−1))) ≤ m·0.7072 for n ≥ 2 … and 1/√2 at n = 2
          expect(inRange(q.sd, 0, 100 * Math.SQRT1_2 + 1e-9)).toBe(true);
          expect(inRange(q.discrimination, -100, 100)).toBe(true);
          let sumAll = 0;
          for (const share of Object.values(q.options ?? {})) {
            expect(inRange(share.all, 0, 100) && inRange(share.top, 0, 100) && inRange(share.bottom, 0, 100)).toBe(true);
            sumAll += share.all ?? 0;
          }
          expect(sumAll).toBeLessThanOrEqual(100 + 1e-9); // one option per participant here
        }
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('does not depend on the order of the responses', () => {
    fc.assert(
      fc.property(responseSets, fc.integer(), (input, salt) => {
        const shuffled = [...input.responses].sort((a, b) => hash(a, salt) - hash(b, salt));
        expect(analyseItems({ ...input, responses: shuffled })).toEqual(analyseItems(input));
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('gives α = 1 − 0 error for two identical items that vary', () => {
    const r = analyseItems({
      questions: [
        { id: 'a', max: 1 },
        { id: 'b', max: 1 },
      ],
      responses: ['x', 'y', 'z', 'w'].flatMap((p, i) => [
        { participant: p, question: 'a', score: i % 2 },
        { participant: p, question: 'b', score: i % 2 },
      ]),
    });
    // var(a) = var(b) = 1/3, var(T) = 4/3 → α = 2·(1 − (2/3)/(4/3)) = 1
    expect(r.test.alpha).toBeCloseTo(1, 12);
    expect(r.test.errorRatio).toBeCloseTo(0, 5);
    expect(r.questions[0]!.discrimination).toBeCloseTo(100, 10);
  });
});

function hash(r: ItemResponse, salt: number): number {
  let h = salt | 0;
  for (const ch of `${r.participant}/${r.question}`) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761);
  return h;
}
