import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, quarterBounds, quarterOf, weekStart } from './dates';
import { checkInRefusal, donationRefusal, reportRefusal } from './guards';
import { checkFen, fenToYuan, yuanToFen } from './money';
import { attendance, type Branch, combinedAttendance, type Donation, donationRates, type Member } from './rates';
import { thoughtReportsOwed } from './reports';
import { studyActivity } from './study';

const branches: Branch[] = [
  { id: 'b1', name: '一支部', generalBranch: '白渡' },
  { id: 'b2', name: '二支部', generalBranch: '白渡' },
  { id: 'z1', name: '一支部', generalBranch: '中华' },
];

/** 一支部 of 白渡: ten counted members (m1–m8 full, m9 m10 probationary) and one activist a1. */
const b1Members: Member[] = [
  ...Array.from({ length: 8 }, (_, i) => ({ personId: `m${i + 1}`, branchId: 'b1', status: 'full' as const })),
  { personId: 'm9', branchId: 'b1', status: 'probationary' },
  { personId: 'm10', branchId: 'b1', status: 'probationary' },
  { personId: 'a1', branchId: 'b1', status: 'activist' },
];

describe('donation participation (party rates)', () => {
  it("gives the issue's example: a ten-member branch, three donors → 30%", () => {
    const donations: Donation[] = [
      { personId: 'm1', branchId: 'b1', amountFen: 10000 },
      { personId: 'm2', branchId: 'b1', amountFen: 5000 },
      { personId: 'm9', branchId: 'b1', amountFen: 2000 },
    ];
    const r = donationRates({ name: '抗疫捐款', branchIds: ['b1'] }, branches, b1Members, donations);
    expect(r).toEqual({
      campaign: '抗疫捐款',
      branches: [{ generalBranch: '白渡', branch: '一支部', members: 10, donors: 3, rate: 0.3, totalFen: 17000 }],
      generalBranches: [{ name: '白渡', members: 10, donors: 3, rate: 0.3, totalFen: 17000 }],
    });
  });

  it("counts an activist's gift in the total and not in the rate; a second gift makes no second donor", () => {
    const members: Member[] = [
      ...b1Members,
      { personId: 'n1', branchId: 'b2', status: 'full' },
      { personId: 'n2', branchId: 'b2', status: 'full' },
      { personId: 'n3', branchId: 'b2', status: 'probationary' },
      { personId: 'z', branchId: 'z1', status: 'full' },
      { personId: 'm1', branchId: 'b2', status: 'full' }, // a duplicate row: m1 stays in b1
    ];
    const donations: Donation[] = [
      { personId: 'a1', branchId: 'b1', amountFen: 3000 }, // activist
      { personId: 'm1', branchId: 'b1', amountFen: 100 },
      { personId: 'm1', branchId: 'b1', amountFen: 200 }, // same person again
      { personId: 'n1', branchId: 'b2', amountFen: 5000 },
      { personId: 'n3', branchId: 'b2', amountFen: 1 },
      { personId: 'z', branchId: 'z1', amountFen: 999 }, // 中华 is not in this campaign
    ];
    const r = donationRates({ name: '特殊党费', branchIds: ['b2', 'b1'] }, branches, members, donations);
    // b1: 10 members, donor m1 → 0.1, total 3000 + 300; b2: 3 members, donors n1 n3 → 0.6667, total 5001
    // 白渡: 13 members, 3 donors → 0.2308, total 8301
    expect(r.branches).toEqual([
      { generalBranch: '白渡', branch: '一支部', members: 10, donors: 1, rate: 0.1, totalFen: 3300 },
      { generalBranch: '白渡', branch: '二支部', members: 3, donors: 2, rate: 0.6667, totalFen: 5001 },
    ]);
    expect(r.generalBranches).toEqual([{ name: '白渡', members: 13, donors: 3, rate: 0.2308, totalFen: 8301 }]);
  });

  it('gives null, not a division by zero, for a branch without members', () => {
    const r = donationRates({ name: 'x', branchIds: ['z1'] }, branches, [], []);
    expect(r.branches[0]).toEqual({ generalBranch: '中华', branch: '一支部', members: 0, donors: 0, rate: null, totalFen: 0 });
    expect(r.generalBranches[0]!.rate).toBeNull();
  });

  it('agrees with an independent count on random data', () => {
    const status = fc.constantFrom('full' as const, 'probationary' as const, 'activist' as const);
    fc.assert(
      fc.property(
        fc.array(fc.record({ branchId: fc.constantFrom('b1', 'b2', 'z1'), status }), { maxLength: 40 }),
        fc.array(fc.record({ who: fc.nat(), amountFen: fc.integer({ min: 1, max: 100000 }) }), { maxLength: 60 }),
        (ms, gifts) => {
          const members = ms.map((m, i) => ({ personId: `p${i}`, ...m }));
          const donations = members.length === 0 ? [] : gifts.map((g) => ({ ...members[g.who % members.length]!, amountFen: g.amountFen }));
          const r = donationRates({ name: 'c', branchIds: ['b1', 'b2', 'z1'] }, branches, members, donations);
          for (const g of r.generalBranches) {
            const ids = branches.filter((b) => b.generalBranch === g.name).map((b) => b.id);
            const counted = members.filter((m) => ids.includes(m.branchId) && m.status !== 'activist');
            const donors = counted.filter((m) => donations.some((d) => d.personId === m.personId));
            expect(g.members).toBe(counted.length);
            expect(g.donors).toBe(donors.length);
            expect(g.totalFen).toBe(donations.filter((d) => ids.includes(d.branchId)).reduce((s, d) => s + d.amountFen, 0));
            if (g.rate !== null) expect(g.rate >= 0 && g.rate <= 1).toBe(true);
          }
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });
});

describe('attendance', () => {
  it('gives 2/10 for two members checked in to a 主题党日 of a ten-member branch', () => {
    const r = attendance({ branchIds: ['b1'] }, branches, b1Members, [
      { personId: 'm3' },
      { personId: 'm4', onBehalf: true },
      { personId: 'm3' }, // twice: once
      { personId: 'a1' }, // an activist came too
      { personId: 'stranger' },
    ]);
    expect(r).toEqual({
      branches: [{ generalBranch: '白渡', branch: '一支部', members: 10, attended: 2, onBehalf: 1, rate: 0.2 }],
      total: { members: 10, attended: 2, rate: 0.2 },
      others: 2,
    });
  });

  it('counts a member checked in by the secretary and then by themselves as present, not 代签', () => {
    const r = attendance({ branchIds: ['b1', 'b2'] }, branches, b1Members, [{ personId: 'm1', onBehalf: true }, { personId: 'm1' }]);
    expect(r.branches[0]).toMatchObject({ attended: 1, onBehalf: 0 });
    expect(r.branches[1]).toEqual({ generalBranch: '白渡', branch: '二支部', members: 0, attended: 0, onBehalf: 0, rate: null });
    expect(r.total).toEqual({ members: 10, attended: 1, rate: 0.1 });
  });
});

describe('money', () => {
  it('turns yuan into fen', () => {
    expect(yuanToFen('12')).toEqual({ ok: true, fen: 1200 });
    expect(yuanToFen('12.3')).toEqual({ ok: true, fen: 1230 });
    expect(yuanToFen(' 1,234.50 ')).toEqual({ ok: true, fen: 123450 });
    expect(yuanToFen('￥８.０５')).toEqual({ ok: true, fen: 805 });
    expect(yuanToFen('100元')).toEqual({ ok: true, fen: 10000 });
    expect(yuanToFen('0.010')).toEqual({ ok: true, fen: 1 });
    expect(yuanToFen(12.34)).toEqual({ ok: true, fen: 1234 });
    expect(yuanToFen(0.1 + 0.2)).toEqual({ ok: true, fen: 30 });
  });

  it('refuses negative, zero, fractional-fen and non-numbers in Chinese', () => {
    expect(yuanToFen('-5')).toEqual({ ok: false, message: '金额不能为负数（-5）' });
    expect(yuanToFen(-0.5)).toEqual({ ok: false, message: '金额不能为负数（-0.5 元）' });
    expect(yuanToFen('12.345')).toEqual({ ok: false, message: '金额「12.345」精确到了分以下，最多两位小数' });
    expect(yuanToFen(12.345)).toEqual({ ok: false, message: '金额 12.345 元精确到了分以下，最多两位小数' });
    expect(yuanToFen('0')).toEqual({ ok: false, message: '金额必须大于 0 元' });
    expect(yuanToFen('-0')).toEqual({ ok: false, message: '金额必须大于 0 元' });
    expect(yuanToFen('十元')).toEqual({ ok: false, message: '金额「十元」不是有效的数字' });
    expect(yuanToFen('')).toEqual({ ok: false, message: '金额不能为空' });
    expect(yuanToFen(Number.NaN)).toEqual({ ok: false, message: '金额必须是数字' });
    expect(yuanToFen('99999999999999')).toEqual({ ok: false, message: '金额「99999999999999」过大' });
    expect(checkFen(12.5)).toEqual({ ok: false, message: '金额必须精确到分（以分计的金额须为整数）' });
    expect(checkFen(-300)).toEqual({ ok: false, message: '金额不能为负数（-3.00 元）' });
    expect(checkFen(1)).toEqual({ ok: true, fen: 1 });
  });

  it('round-trips fen through yuan text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toEqual({ ok: true, fen });
      }),
      { seed: 1 },
    );
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-123456)).toBe('-1234.56');
  });
});

describe('dates', () => {
  it('knows weeks, quarters and impossible days', () => {
    expect(weekStart(dayNumber('2026-12-02'))).toBe(dayNumber('2026-11-30')); // a Wednesday → Monday
    expect(weekStart(dayNumber('2026-12-06'))).toBe(dayNumber('2026-11-30')); // Sunday → the Monday before
    expect(quarterOf('2026-12-31')).toBe('2026Q4');
    expect(quarterOf('2026-04-01')).toBe('2026Q2');
    expect(quarterBounds('2024Q1')).toEqual({ first: '2024-01-01', last: '2024-03-31' });
    expect(quarterBounds('2026Q4')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(() => dayNumber('2026-02-30')).toThrow('日期「2026-02-30」不存在');
    expect(() => dayNumber('2026/02/03')).toThrow('格式不对');
  });
});

describe('study check-ins', () => {
  // today Wednesday 2026-12-02: week from Monday 11-30, month from 12-01
  const today = '2026-12-02';
  const members: Member[] = [
    { personId: 'p1', branchId: 'b1', status: 'full' },
    { personId: 'p2', branchId: 'b1', status: 'full' },
    { personId: 'p3', branchId: 'b1', status: 'probationary' },
    { personId: 'p4', branchId: 'b1', status: 'full' },
    { personId: 'act', branchId: 'b1', status: 'activist' },
  ];
  const checkIns = [
    // p1: 11-28 … 12-02, five days in a row (11-29 twice), and an older run of 2
    ...['2026-11-10', '2026-11-11', '2026-11-28', '2026-11-29', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'].map((date) => ({
      personId: 'p1',
      date,
    })),
    // p2: yesterday and the day before, not yet today → streak 2, still going
    { personId: 'p2', date: '2026-11-30' },
    { personId: 'p2', date: '2026-12-01' },
    // p3: last on 11-29 (Sunday of last week): not active this week nor this month; 3 days → remind
    { personId: 'p3', date: '2026-11-29' },
    // p4: never; a future-dated check-in is ignored
    { personId: 'p4', date: '2026-12-05' },
    { personId: 'act', date: '2026-12-02' },
  ];

  it('gives active members per branch this week and month, streaks and reminders', () => {
    const r = studyActivity(branches.slice(0, 1), members, checkIns, today);
    // counted: p1 p2 p3 p4; active this week: p1 p2 → 0.5; this month (from 12-01): p1 p2 → 0.5
    expect(r.branches).toEqual([
      { generalBranch: '白渡', branch: '一支部', members: 4, activeWeek: 2, activeMonth: 2, weekRate: 0.5, monthRate: 0.5 },
    ]);
    expect(r.members).toEqual([
      { personId: 'p1', branchId: 'b1', currentStreak: 5, longestStreak: 5, lastDate: '2026-12-02', daysSince: 0, remind: false },
      { personId: 'p2', branchId: 'b1', currentStreak: 2, longestStreak: 2, lastDate: '2026-12-01', daysSince: 1, remind: false },
      { personId: 'p3', branchId: 'b1', currentStreak: 0, longestStreak: 1, lastDate: '2026-11-29', daysSince: 3, remind: true },
      { personId: 'p4', branchId: 'b1', currentStreak: 0, longestStreak: 0, lastDate: null, daysSince: null, remind: true },
      { personId: 'act', branchId: 'b1', currentStreak: 1, longestStreak: 1, lastDate: '2026-12-02', daysSince: 0, remind: false },
    ]);
    // a longer reminder period spares p3
    expect(studyActivity(branches.slice(0, 1), members, checkIns, today, 4).members[2]!.remind).toBe(false);
  });

  it('keeps streaks consistent on random check-ins', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }), (offsets) => {
        const base = dayNumber('2026-11-01');
        const dates = offsets.map((o) => new Date((base + o) * 86_400_000).toISOString().slice(0, 10));
        const r = studyActivity(
          [],
          [{ personId: 'p', branchId: 'b1', status: 'full' }],
          dates.map((date) => ({ personId: 'p', date })),
          '2026-11-30',
        );
        const m = r.members[0]!;
        expect(m.currentStreak).toBeLessThanOrEqual(m.longestStreak);
        expect(m.longestStreak).toBeLessThanOrEqual(new Set(dates.filter((d) => d <= '2026-11-30')).size);
        if (m.currentStreak > 0) expect(m.daysSince).toBeLessThanOrEqual(1);
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});

describe('thought reports due and overdue', () => {
  it('lists the quarters a probationary member or activist still owes', () => {
    // today 2026-12-02 (2026Q4); lookback four quarters: 2025Q4 … 2026Q3
    const r = thoughtReportsOwed(
      [
        { personId: 'prob', status: 'probationary', since: '2026-05-20' }, // owes 2026Q2, Q3, Q4
        { personId: 'act', status: 'activist', since: '2019-01-01' }, // owes 2025Q4 … 2026Q4, older is history
        { personId: 'full', status: 'full', since: '2020-01-01' },
      ],
      [
        { personId: 'prob', kind: 'thought_report', submittedOn: '2026-06-30' }, // covers Q2
        { personId: 'prob', kind: 'thought_report', submittedOn: '2026-10-08', quarter: '2026Q3' }, // late, for Q3
        { personId: 'act', kind: 'reflection', submittedOn: '2026-11-01' }, // a reflection covers nothing
        { personId: 'act', kind: 'thought_report', submittedOn: '2026-02-01', status: 'returned' }, // sent back
        { personId: 'act', kind: 'thought_report', submittedOn: '2026-08-01', status: 'reviewed' }, // covers 2026Q3
      ],
      '2026-12-02',
    );
    expect(r.due).toEqual([
      { personId: 'prob', quarter: '2026Q4', dueDate: '2026-12-31', daysOverdue: -29 },
      { personId: 'act', quarter: '2026Q4', dueDate: '2026-12-31', daysOverdue: -29 },
    ]);
    expect(r.overdue).toEqual([
      { personId: 'act', quarter: '2025Q4', dueDate: '2025-12-31', daysOverdue: 336 },
      { personId: 'act', quarter: '2026Q1', dueDate: '2026-03-31', daysOverdue: 246 },
      { personId: 'act', quarter: '2026Q2', dueDate: '2026-06-30', daysOverdue: 155 },
    ]);
  });
});

describe('refusals', () => {
  const names = (id: string) => {
    const b = branches.find((x) => x.id === id);
    return b ? `${b.generalBranch}${b.name}` : id;
  };
  const zhang = { name: '张三', branchId: 'b2', status: 'full' as const };

  it('refuses a check-in to an activity of another branch, and a stranger', () => {
    const day = { title: '十二月主题党日', branchIds: ['b1'] };
    expect(checkInRefusal(day, zhang, names)).toBe('「十二月主题党日」是白渡一支部的活动，张三属于白渡二支部，不能签到');
    expect(checkInRefusal(day, null, names)).toBe('只有党员和入党积极分子可以签到「十二月主题党日」');
    expect(checkInRefusal({ ...day, branchIds: ['b1', 'b2'] }, zhang, names)).toBeNull();
  });

  it('refuses a report by someone not a member', () => {
    expect(reportRefusal(null)).toBe('只有党员和入党积极分子可以提交思想汇报和心得体会');
    expect(reportRefusal({ ...zhang, status: 'activist' })).toBeNull();
  });

  it('refuses a gift outside the campaign', () => {
    const c = { name: '抗疫捐款', branchIds: ['b1', 'z1'] };
    expect(donationRefusal(c, zhang, names)).toBe('张三（正式党员）属于白渡二支部，不在「抗疫捐款」覆盖的支部（白渡一支部、中华一支部）内');
    expect(donationRefusal(c, null, names)).toBe('捐款人不是党员或入党积极分子，不能记入「抗疫捐款」');
    expect(donationRefusal(c, { ...zhang, branchId: 'z1', status: 'activist' }, names)).toBeNull();
  });
});

describe('attendance over a month', () => {
  it('adds person-activities: 2 of 10 and 5 of 10 → 7 of 20', () => {
    const ten = b1Members;
    const a = attendance({ branchIds: ['b1'] }, branches, ten, [{ personId: 'm1' }, { personId: 'm2' }]);
    const b = attendance(
      { branchIds: ['b1'] },
      branches,
      ten,
      ['m1', 'm2', 'm3', 'm4', 'm5'].map((personId) => ({ personId })),
    );
    expect(combinedAttendance([a, b])).toEqual({ activities: 2, expected: 20, attended: 7, rate: 0.35 });
    expect(combinedAttendance([])).toEqual({ activities: 0, expected: 0, attended: 0, rate: null });
  });
});
