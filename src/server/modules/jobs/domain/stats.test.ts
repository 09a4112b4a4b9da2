import { describe, expect, it } from 'vitest';
import { jobsStatistics, midpoint } from './stats';

describe('job fair statistics', () => {
  it('takes the middle of a range, or its one known end', () => {
    expect(midpoint(6000, 8000)).toBe(7000);
    expect(midpoint(null, 8000)).toBe(8000);
    expect(midpoint(5000, null)).toBe(5000);
    expect(midpoint(null, null)).toBeNull();
  });

  it('counts registrations in the vocabulary order and the salary gap per category', () => {
    const s = jobsStatistics(
      [
        { status: 'unemployed', education: '大专', categories: ['软件开发'], salaryMin: 9000, salaryMax: 11000 },
        { status: 'graduate', education: '本科', categories: ['软件开发', '行政文员'], salaryMin: 7000, salaryMax: 9000 },
        { status: 'graduate', education: '本科', categories: [], salaryMin: null, salaryMax: null },
      ],
      [
        { category: '软件开发', salaryMin: 6000, salaryMax: 8000 },
        { category: '软件开发', salaryMin: 8000, salaryMax: null },
        { category: '销售', salaryMin: 5000, salaryMax: 7000 },
        { category: null, salaryMin: null, salaryMax: null },
      ],
    );
    expect(s.byStatus).toEqual([
      { key: 'graduate', label: '应届毕业生', count: 2 },
      { key: 'unemployed', label: '失业', count: 1 },
    ]);
    expect(s.byEducation.map((c) => c.key)).toEqual(['大专', '本科']);
    expect(s.byIntention).toContainEqual({ key: '未填写', label: '未填写', count: 1 });
    expect(s.positionsByCategory[0]).toEqual({ key: '软件开发', label: '软件开发', count: 2 });
    const dev = s.salaryGap.find((g) => g.category === '软件开发');
    // expected (10000 + 8000) / 2 = 9000; offered (7000 + 8000) / 2 = 7500
    expect(dev).toEqual({ category: '软件开发', seekers: 2, positions: 2, expected: 9000, offered: 7500, gap: 1500 });
    expect(s.salaryGap.find((g) => g.category === '行政文员')).toMatchObject({ expected: 8000, offered: null, gap: null });
    expect(s.salaryGap.find((g) => g.category === '未填写')).toBeUndefined();
  });
});
