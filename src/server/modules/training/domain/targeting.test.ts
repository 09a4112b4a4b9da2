import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NeedsSurvey, proposeSessions, type TagResult, tagsInText } from './targeting';

describe('free text to tags', () => {
  it('finds the tags a director means in their own words', () => {
    expect(tagsInText('我们小区电梯坏了，不知道怎么申请维修资金')).toEqual(['维修资金']);
    expect(tagsInText('明年任期届满，换届选举的流程不清楚；物业费收缴率低')).toEqual(['换届改选', '物业管理']);
    expect(tagsInText('首次业主大会怎么开？')).toEqual(['业主大会', '业委会组建']);
    expect(tagsInText('账目 公 开 怎么做')).toEqual(['财务公开']); // spaces do not split a phrase
    expect(tagsInText('ＡＢＣ物业')).toEqual(['物业管理']); // full-width text is normalised
    expect(tagsInText('一切都好')).toEqual([]);
    expect(tagsInText('')).toEqual([]);
  });

  it('uses the lists it is given', () => {
    expect(tagsInText('垃圾分类怎么推进', { 垃圾分类: ['垃圾', '分类'] })).toEqual(['垃圾分类']);
    expect(tagsInText('维修资金', { 垃圾分类: ['垃圾'] })).toEqual([]);
  });
});

describe('proposing sessions', () => {
  /*
   * Five directors d1…d5.
   * Surveys: d1 ticks 换届改选; d2 ticks 维修资金 and writes about 电梯 (维修资金 again: counts once);
   *          d3 writes 物业费收不上来 (物业管理); d4 ticks nothing.
   * Results (% of points): 维修资金 d1 50, d3 80, d4 40 + 30/50 over two quizzes = (4+3)/(10+5)… see below
   *          换届改选 d2 90, d5 55; 物业管理 d3 70.
   * 维修资金: asked {d2}; d4 has 2/10 and 4/5 → 6/15 = 40 % (weak); d1 5/10 = 50 % (weak); d3 8/10 = 80 %.
   *           priority 1 + 2 = 3; mean (50 + 80 + 40)/3 = 56.7; invite d1 d2 d4.
   * 换届改选: asked {d1}; weak {d5 (55 %)}; priority 2; mean (90 + 55)/2 = 72.5; invite d1 d5.
   * 物业管理: asked {d3}; d3 at 70 % is not weak; priority 1; mean 70; invite d3.
   * 业主大会: nobody asked, nobody tested: not proposed.
   */
  const surveys: NeedsSurvey[] = [
    { directorId: 'd1', topics: ['换届改选'] },
    { directorId: 'd2', topics: ['维修资金'], difficulties: '电梯老化，维修资金怎么用' },
    { directorId: 'd3', topics: [], difficulties: '物业费收不上来' },
    { directorId: 'd4', topics: [], difficulties: null },
  ];
  const results: TagResult[] = [
    { directorId: 'd1', tag: '维修资金', score: 5, max: 10 },
    { directorId: 'd3', tag: '维修资金', score: 8, max: 10 },
    { directorId: 'd4', tag: '维修资金', score: 2, max: 10 },
    { directorId: 'd4', tag: '维修资金', score: 4, max: 5 },
    { directorId: 'd2', tag: '换届改选', score: 9, max: 10 },
    { directorId: 'd5', tag: '换届改选', score: 5.5, max: 10 },
    { directorId: 'd3', tag: '物业管理', score: 7, max: 10 },
    { directorId: 'd9', tag: '业主大会', score: 0, max: 0 }, // a quiz worth nothing says nothing
  ];

  it('ranks topics by demand and weakness, each with its invite list', () => {
    expect(proposeSessions(surveys, results)).toEqual([
      {
        tag: '维修资金',
        requested: ['d2'],
        weak: ['d1', 'd4'],
        invite: ['d1', 'd2', 'd4'],
        meanPercent: 56.7,
        priority: 3,
        reason: '1 位主任提出需要，2 位主任该主题测验得分低于 60%，测验平均得分率 56.7%',
      },
      {
        tag: '换届改选',
        requested: ['d1'],
        weak: ['d5'],
        invite: ['d1', 'd5'],
        meanPercent: 72.5,
        priority: 2,
        reason: '1 位主任提出需要，1 位主任该主题测验得分低于 60%，测验平均得分率 72.5%',
      },
      {
        tag: '物业管理',
        requested: ['d3'],
        weak: [],
        invite: ['d3'],
        meanPercent: 70,
        priority: 1,
        reason: '1 位主任提出需要，测验平均得分率 70%',
      },
    ]);
  });

  it('takes at most the number of sessions asked for, and its own threshold', () => {
    expect(proposeSessions(surveys, results, { maxSessions: 1 }).map((p) => p.tag)).toEqual(['维修资金']);
    // at 75 %, d3 (70 %) is weak on 物业管理 too, and 换届改选 keeps d5 only
    const strict = proposeSessions(surveys, results, { weakBelowPercent: 75 });
    expect(strict.find((p) => p.tag === '物业管理')).toMatchObject({ weak: ['d3'], invite: ['d3'], priority: 2 });
  });

  it('breaks ties by the weaker mean, then by requests, then by name', () => {
    const tied = proposeSessions(
      [
        { directorId: 'a', topics: ['乙'] },
        { directorId: 'b', topics: ['甲'] },
        { directorId: 'c', topics: ['丙'] },
      ],
      [
        { directorId: 'x', tag: '乙', score: 9, max: 10 },
        { directorId: 'y', tag: '甲', score: 8, max: 10 },
      ],
    );
    // all priority 1; 甲 (mean 80) before 乙 (90) before 丙 (no results)
    expect(tied.map((p) => p.tag)).toEqual(['甲', '乙', '丙']);
  });

  it('invites exactly those who asked or are weak, and sorts by priority', () => {
    const directors = ['d1', 'd2', 'd3', 'd4'];
    const tags = ['业主大会', '维修资金', '换届改选'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ directorId: fc.constantFrom(...directors), topics: fc.subarray(tags) })),
        fc.array(
          fc.record({
            directorId: fc.constantFrom(...directors),
            tag: fc.constantFrom(...tags),
            score: fc.integer({ min: 0, max: 10 }),
            max: fc.constant(10),
          }),
        ),
        (ss, rs) => {
          const proposals = proposeSessions(ss, rs);
          for (let i = 1; i < proposals.length; i++) expect(proposals[i - 1]!.priority).toBeGreaterThanOrEqual(proposals[i]!.priority);
          for (const p of proposals) {
            for (const d of directors) {
              const asked = ss.some((s) => s.directorId === d && s.topics.includes(p.tag));
              const mine = rs.filter((r) => r.directorId === d && r.tag === p.tag);
              const total = mine.reduce((s, r) => s + r.score, 0);
              const weak = mine.length > 0 && (100 * total) / (10 * mine.length) < 60;
              expect(p.invite.includes(d)).toBe(asked || weak);
            }
          }
        },
      ),
      { seed: 99, numRuns: 200 },
    );
  });
});
