import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attemptDeadline,
  type BankEntry,
  canStartAttempt,
  checkAnswer,
  checkQuestion,
  checkSubmission,
  drawForParticipant,
  type GradableQuestion,
  gradeAnswer,
  gradeAttempt,
  seededRandom,
  selectQuestions,
  shuffle,
} from './grading';

const single: GradableQuestion = { id: 's1', kind: 'single', options: ['A', 'B', 'C', 'D'], answer: ['B'] };
const multi: GradableQuestion = { id: 'm1', kind: 'multiple', options: ['A', 'B', 'C', 'D'], answer: ['A', 'C'] };
const tf: GradableQuestion = { id: 't1', kind: 'true_false', options: ['T', 'F'], answer: ['F'] };

describe('grading one answer', () => {
  it('gives single choice and true/false all or nothing', () => {
    expect(gradeAnswer(single, 2, ['B'])).toEqual({ questionId: 's1', score: 2, max: 2, correct: true, answered: true });
    expect(gradeAnswer(single, 2, ['A'])).toMatchObject({ score: 0, correct: false, answered: true });
    expect(gradeAnswer(single, 2, null)).toMatchObject({ score: 0, correct: false, answered: false });
    expect(gradeAnswer(tf, 1, ['F'])).toMatchObject({ score: 1, correct: true });
    expect(gradeAnswer(tf, 1, ['T'])).toMatchObject({ score: 0, correct: false });
  });

  it('gives partial credit for multiple choice: +1/c per right option, −1/w per wrong, floored at 0', () => {
    // right A, C (c = 2); wrong B, D (w = 2); 4 points
    expect(gradeAnswer(multi, 4, ['A', 'C']).score).toBe(4); // 2/2 − 0 = 1 → 4
    expect(gradeAnswer(multi, 4, ['C', 'A', 'A']).score).toBe(4); // order and repeats do not matter
    expect(gradeAnswer(multi, 4, ['A']).score).toBe(2); // 1/2 → 2
    expect(gradeAnswer(multi, 4, ['A', 'C', 'D']).score).toBe(2); // 1 − 1/2 → 2
    expect(gradeAnswer(multi, 4, ['A', 'B']).score).toBe(0); // 1/2 − 1/2 = 0
    expect(gradeAnswer(multi, 4, ['B']).score).toBe(0); // −1/2 floored at 0
    expect(gradeAnswer(multi, 4, ['A', 'B', 'C', 'D']).score).toBe(0); // everything: 1 − 1 = 0
    expect(gradeAnswer(multi, 4, []).answered).toBe(false);
    // right A, B, C of five (c = 3, w = 2), 3 points: A, B, E → 2/3 − 1/2 = 1/6 → 0.5
    const five: GradableQuestion = { id: 'm2', kind: 'multiple', options: ['A', 'B', 'C', 'D', 'E'], answer: ['A', 'B', 'C'] };
    expect(gradeAnswer(five, 3, ['A', 'B', 'E']).score).toBe(0.5);
    // 1 point, A only: 1/3 → 0.33 (hundredths)
    expect(gradeAnswer(five, 1, ['A']).score).toBe(0.33);
    // all options right (w = 0): only the share of right options counts
    const allRight: GradableQuestion = { id: 'm3', kind: 'multiple', options: ['A', 'B'], answer: ['A', 'B'] };
    expect(gradeAnswer(allRight, 2, ['A']).score).toBe(1);
  });

  it('gives all or nothing for multiple choice when the quiz says so', () => {
    expect(gradeAnswer(multi, 4, ['A'], 'all_or_nothing').score).toBe(0);
    expect(gradeAnswer(multi, 4, ['A', 'C'], 'all_or_nothing').score).toBe(4);
  });

  it('keeps partial credit within [0, points], full only for the exact set, monotone in right and wrong picks', () => {
    const question = fc.record({ n: fc.integer({ min: 2, max: 7 }), mask: fc.integer({ min: 1, max: 127 }) }).map(({ n, mask }) => {
      const options = 'ABCDEFG'.slice(0, n).split('');
      let answer = options.filter((_, i) => mask & (1 << i));
      if (answer.length === 0) answer = [options[0]!];
      return { id: 'q', kind: 'multiple' as const, options, answer };
    });
    fc.assert(
      fc.property(question, fc.integer({ min: 0, max: 127 }), fc.integer({ min: 1, max: 10 }), (q, pick, points) => {
        const chosen = q.options.filter((_, i) => pick & (1 << i));
        const g = gradeAnswer(q, points, chosen);
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(points);
        const exact = chosen.length === q.answer.length && chosen.every((c) => q.answer.includes(c));
        expect(g.correct).toBe(exact);
        expect(g.score === points).toBe(exact);
        for (const o of q.options) {
          if (chosen.includes(o)) continue;
          const more = gradeAnswer(q, points, [...chosen, o]).score;
          if (q.answer.includes(o)) expect(more).toBeGreaterThanOrEqual(g.score);
          else expect(more).toBeLessThanOrEqual(g.score);
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('checking questions and answers', () => {
  it('accepts well-formed questions', () => {
    expect([...checkQuestion(single), ...checkQuestion(multi), ...checkQuestion(tf)]).toEqual([]);
  });

  it('refuses malformed questions in Chinese', () => {
    expect(checkQuestion({ id: 'x', kind: 'single', options: ['A', 'B'], answer: ['A', 'B'] })).toEqual([
      '单选题「x」：只能有一个正确答案',
    ]);
    expect(checkQuestion({ id: 'x', kind: 'multiple', options: ['A', 'A'], answer: ['C'] })).toEqual([
      '多选题「x」：选项有重复',
      '多选题「x」：正确答案「C」不在选项中',
    ]);
    expect(checkQuestion({ id: 'x', kind: 'true_false', options: ['A', 'B'], answer: ['A'] })).toEqual([
      '判断题「x」：判断题的选项只能是「对」和「错」',
    ]);
    expect(checkQuestion({ id: 'x', kind: 'multiple', options: ['A'], answer: [] })).toEqual([
      '多选题「x」：至少要有两个选项',
      '多选题「x」：至少要有一个正确答案',
    ]);
    expect(checkQuestion({ id: 'x', kind: 'essay' as never, options: [], answer: [] })).toEqual([
      '题目「x」：题型「essay」未知，应为单选题、多选题或判断题',
    ]);
  });

  it('refuses answers with unknown options or several options to a single-answer question', () => {
    expect(checkAnswer(single, ['B'])).toBeNull();
    expect(checkAnswer(single, ['E'])).toBe('第「s1」题没有选项「E」');
    expect(checkAnswer(single, ['A', 'B'])).toBe('第「s1」题是单选题，只能选一个选项');
    expect(checkAnswer(tf, ['T', 'F'])).toBe('第「t1」题是判断题，只能选一个选项');
    expect(checkAnswer(multi, ['A', 'B', 'C'])).toBeNull();
  });
});

describe('grading an attempt', () => {
  it('adds up points, overall and per tag', () => {
    const g = gradeAttempt(
      [
        { question: single, points: 2, tags: ['业主大会'] },
        { question: multi, points: 4, tags: ['维修资金', '业主大会'] },
        { question: tf, points: 1, tags: ['维修资金'] },
      ],
      { s1: ['B'], m1: ['A'] }, // t1 not answered
    );
    // 2 + 2 + 0 = 4 of 7 → 57.14 %
    expect(g).toMatchObject({ score: 4, max: 7, percent: 57.14 });
    expect(g.questions.map((q) => q.score)).toEqual([2, 2, 0]);
    // 业主大会: s1 2/2 + m1 2/4 = 4/6 → 66.67 %; 维修资金: m1 2/4 + t1 0/1 = 2/5 → 40 %
    expect(g.byTag).toEqual({
      业主大会: { score: 4, max: 6, percent: 66.67 },
      维修资金: { score: 2, max: 5, percent: 40 },
    });
    expect(gradeAttempt([], {})).toEqual({ score: 0, max: 0, percent: null, questions: [], byTag: {} });
  });
});

describe('random selection by tag and difficulty', () => {
  const bank: BankEntry[] = [];
  for (let i = 0; i < 30; i++)
    bank.push({
      id: `q${String(i).padStart(2, '0')}`,
      tags: [i % 3 === 0 ? '换届改选' : i % 3 === 1 ? '维修资金' : '物业管理'],
      difficulty: (i % 5) + 1,
    });

  it('draws the same quiz for the same seed, whatever order the bank comes in', () => {
    const rules = [
      { tag: '换届改选', count: 3, points: 2 },
      { tag: '维修资金', difficulty: { min: 1, max: 3 }, count: 2, points: 1 },
    ];
    const a = selectQuestions(bank, rules, 'quiz-42');
    const b = selectQuestions([...bank].reverse(), rules, 'quiz-42');
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.picked).toHaveLength(5);
    expect(a.picked.slice(0, 3).every((p) => p.points === 2 && bank.find((q) => q.id === p.id)!.tags.includes('换届改选'))).toBe(true);
    for (const p of a.picked.slice(3)) {
      const q = bank.find((x) => x.id === p.id)!;
      expect(q.tags).toContain('维修资金');
      expect(q.difficulty).toBeLessThanOrEqual(3);
    }
    // another seed draws another quiz (for this bank and these two seeds)
    expect(selectQuestions(bank, rules, 'quiz-43')).not.toEqual(a);
  });

  it('never draws a question twice, and says which rule the bank cannot meet', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (seed, c1, c2) => {
        const r = selectQuestions(
          bank,
          [
            { tag: '物业管理', count: c2, points: 1 },
            { count: c1, points: 1 },
          ],
          seed,
        );
        if (!r.ok) throw new Error(r.problems.join());
        expect(new Set(r.picked.map((p) => p.id)).size).toBe(c1 + c2);
      }),
      { seed: 3, numRuns: 200 },
    );
    expect(
      selectQuestions(
        bank,
        [
          { tag: '换届改选', difficulty: 2, count: 5, points: 1 },
          { tag: '业主大会', count: 1, points: 1 },
          { count: 0, points: 1 },
        ],
        1,
      ),
    ).toEqual({
      ok: false,
      problems: [
        '第 1 条抽题规则（标签「换届改选」，难度 2）：题库中可用的题目只有 2 道，不够抽 5 道',
        '第 2 条抽题规则（标签「业主大会」，不限难度）：题库中可用的题目只有 0 道，不够抽 1 道',
        '第 3 条抽题规则（不限标签，不限难度）：题数必须是正整数',
      ],
    });
  });

  it('shuffles into a permutation, repeatably', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (xs, seed) => {
        const s = shuffle(xs, seededRandom(seed));
        expect([...s].sort((a, b) => a - b)).toEqual([...xs].sort((a, b) => a - b));
        expect(shuffle(xs, seededRandom(seed))).toEqual(s);
      }),
      { seed: 5 },
    );
    const r = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe('attempts and time limits', () => {
  const opensAt = new Date('2026-12-01T01:00:00Z'); // 09:00 Shanghai
  const closesAt = new Date('2026-12-08T01:00:00Z');
  const w = { opensAt, closesAt, timeLimitSeconds: 20 * 60, maxAttempts: 2 };

  it('lets an attempt start only inside the window, with attempts left and none open', () => {
    expect(canStartAttempt(w, 0, false, new Date('2026-12-01T00:59:59Z'))).toEqual({
      ok: false,
      code: 'not_open',
      message: '测验尚未开始，开放时间为 2026-12-01 09:00',
    });
    expect(canStartAttempt(w, 0, false, opensAt)).toEqual({ ok: true });
    expect(canStartAttempt(w, 1, false, opensAt)).toEqual({ ok: true });
    expect(canStartAttempt(w, 2, false, opensAt)).toMatchObject({
      ok: false,
      code: 'no_attempts_left',
      message: '本测验最多可作答 2 次，您已用完',
    });
    expect(canStartAttempt(w, 1, true, opensAt)).toMatchObject({ ok: false, code: 'in_progress' });
    expect(canStartAttempt(w, 0, false, closesAt)).toMatchObject({ ok: false, code: 'closed', message: '测验已于 2026-12-08 09:00 结束' });
    expect(canStartAttempt({}, 99, false, closesAt)).toEqual({ ok: true });
  });

  it('sets the deadline to the time limit or the close, whichever comes first', () => {
    const start = new Date('2026-12-03T02:00:00Z');
    expect(attemptDeadline(w, start)).toEqual(new Date('2026-12-03T02:20:00Z'));
    const late = new Date('2026-12-08T00:50:00Z');
    expect(attemptDeadline(w, late)).toEqual(closesAt);
    expect(attemptDeadline({}, start)).toBeNull();
    expect(attemptDeadline({ timeLimitSeconds: 60 }, start)).toEqual(new Date('2026-12-03T02:01:00Z'));
  });

  it('accepts a submission up to the grace after the deadline, and refuses a later one', () => {
    const start = new Date('2026-12-03T02:00:00Z');
    expect(checkSubmission(w, start, new Date('2026-12-03T02:20:15Z'))).toEqual({ ok: true });
    expect(checkSubmission(w, start, new Date('2026-12-03T02:20:16Z'))).toEqual({
      ok: false,
      code: 'late',
      message: '已超过作答时限（截止 2026-12-03 10:20），本次提交不计分',
    });
    expect(checkSubmission({}, start, new Date('2030-01-01T00:00:00Z'))).toEqual({ ok: true });
  });
});

describe('random quizzes drawn per participant', () => {
  const bank = Array.from({ length: 20 }, (_, i) => ({
    id: `q${String(i).padStart(2, '0')}`,
    tags: [i % 2 === 0 ? '换届改选' : '维修资金'],
    difficulty: 1 + (i % 5),
  }));
  const rules = [
    { tag: '换届改选', count: 3, points: 2 },
    { tag: '维修资金', difficulty: { min: 1, max: 3 }, count: 2, points: 1 },
  ];
  it('gives each participant a fixed draw of their own that keeps to the rules', () => {
    const draws = ['p1', 'p2', 'p3', 'p4'].map((p) => drawForParticipant(bank, rules, 'quiz-1', p));
    // the same participant, asked again (a reload, a later attempt), gets the same questions
    expect(drawForParticipant([...bank].reverse(), rules, 'quiz-1', 'p1')).toEqual(draws[0]);
    for (const d of draws) {
      expect(d.ok).toBe(true);
      if (!d.ok) return;
      expect(d.picked.slice(0, 3).every((p) => p.points === 2 && bank.find((q) => q.id === p.id)!.tags.includes('换届改选'))).toBe(true);
      for (const p of d.picked.slice(3)) expect(bank.find((q) => q.id === p.id)!.difficulty).toBeLessThanOrEqual(3);
    }
    // neighbours see different papers (for this bank and these participants)
    const papers = new Set(draws.map((d) => JSON.stringify(d.ok ? d.picked.map((p) => p.id).sort() : [])));
    expect(papers.size).toBeGreaterThan(1);
    // the same participant in another quiz draws afresh
    expect(drawForParticipant(bank, rules, 'quiz-2', 'p1')).not.toEqual(draws[0]);
  });
});
