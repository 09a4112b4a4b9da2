import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, complianceScore, RE_ELECTION_STEPS, scoreByNeighborhood, termStatus } from './committees';

describe('re-election list', () => {
  it('moves dates by calendar months, clamping the day', () => {
    expect(addMonths('2027-08-31', -6)).toBe('2027-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2027-03-15', -6)).toBe('2026-09-15');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(() => addMonths('2026-1-1', 1)).toThrow('格式不对');
  });

  it('lists a committee from six months before its term ends, and after', () => {
    expect(termStatus('2027-06-02', '2026-12-01')).toEqual({ onReElectionList: false, expired: false, daysLeft: 183 });
    expect(termStatus('2027-06-02', '2026-12-02')).toEqual({ onReElectionList: true, expired: false, daysLeft: 182 });
    expect(termStatus('2026-11-30', '2026-12-02')).toEqual({ onReElectionList: true, expired: true, daysLeft: -2 });
    expect(termStatus('2027-06-02', '2026-12-02', 3).onReElectionList).toBe(false);
  });

  it('has the steps of a re-election', () => {
    expect(RE_ELECTION_STEPS[0]).toBe('任期届满前书面报告街道办事处和居委会');
    expect(RE_ELECTION_STEPS).toHaveLength(8);
  });
});

describe('compliance score (规范化)', () => {
  const items = [
    { id: 'meetings', label: '会议按时召开并有记录', weight: 2 },
    { id: 'finance', label: '财务定期公开', weight: 2 },
    { id: 'records', label: '档案资料完整', weight: 1 },
  ];

  it('weights the items done', () => {
    // done 2 + 1 of 5 → 60
    expect(complianceScore(items, { meetings: true, records: true, finance: false })).toEqual({ score: 60, missing: ['财务定期公开'] });
    expect(complianceScore(items, {})).toEqual({ score: 0, missing: items.map((i) => i.label) });
    expect(complianceScore(items, { meetings: true, finance: true, records: true })).toEqual({ score: 100, missing: [] });
    expect(complianceScore([], {})).toEqual({ score: null, missing: [] });
    // 1 of 3 equal items → 33.3
    expect(
      complianceScore(
        items.map((i) => ({ ...i, weight: 1 })),
        { finance: true },
      ).score,
    ).toBe(33.3);
  });

  it('stays within 0–100', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 1, maxLength: 10 }), (rows) => {
        const list = rows.map(([weight], i) => ({ id: `i${i}`, label: `第${i}项`, weight }));
        const done = Object.fromEntries(rows.map(([, d], i) => [`i${i}`, d]));
        const s = complianceScore(list, done).score;
        if (s !== null) expect(s >= 0 && s <= 100).toBe(true);
      }),
      { seed: 4 },
    );
  });

  it('averages per neighborhood, leaving out committees without answers', () => {
    expect(
      scoreByNeighborhood([
        { neighborhood: '白渡', score: 60 },
        { neighborhood: '白渡', score: 85 },
        { neighborhood: '白渡', score: null },
        { neighborhood: '金坛', score: null },
      ]),
    ).toEqual([
      { neighborhood: '白渡', committees: 2, score: 72.5 },
      { neighborhood: '金坛', committees: 0, score: null },
    ]);
  });
});
