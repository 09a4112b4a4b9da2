import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_VISIT_RULES,
  daysBetween,
  describeRule,
  governingRule,
  nextDue,
  ruleApplies,
  type VisitCandidate,
  type VisitRule,
  visitPlan,
  visitState,
} from './visits';

const rules: VisitRule[] = DEFAULT_VISIT_RULES.map((r, i) => ({ ...r, id: `r${i}` }));
const [monthly, fortnightly] = rules as [VisitRule, VisitRule];
const person = (o: Partial<VisitCandidate>): VisitCandidate => ({
  id: 'p',
  categoryId: 'c1',
  flags: [],
  age: 70,
  livingSituation: '与子女同住',
  lastVisitOn: null,
  plannedNext: null,
  ...o,
});

describe('visit rules', () => {
  it('a priority flag brings the monthly rule; 80+ living alone the fortnightly one, which wins', () => {
    expect(ruleApplies(monthly, person({ flags: ['慢性病'] }))).toBe(true);
    expect(ruleApplies(monthly, person({}))).toBe(false);
    const old = person({ age: 85, livingSituation: '独居', flags: ['独居', '80岁以上'] });
    expect(ruleApplies(fortnightly, old)).toBe(true);
    expect(governingRule(rules, old)?.intervalDays).toBe(14);
    expect(governingRule(rules, person({ age: 85, livingSituation: '独居' }))?.intervalDays).toBe(14);
    expect(governingRule(rules, person({ age: 79, livingSituation: '独居' }))).toBeNull();
    expect(governingRule(rules, person({ age: null, livingSituation: '独居' }))).toBeNull();
  });

  it('an inactive rule, or one on another category or flag, does not apply', () => {
    expect(ruleApplies({ ...monthly, active: false }, person({ flags: ['独居'] }))).toBe(false);
    expect(ruleApplies({ ...monthly, anyFlag: false, categoryId: 'c2' }, person({}))).toBe(false);
    expect(ruleApplies({ ...monthly, anyFlag: false, flag: '失能' }, person({ flags: ['独居'] }))).toBe(false);
    expect(ruleApplies({ ...monthly, anyFlag: false, flag: '失能' }, person({ flags: ['失能'] }))).toBe(true);
  });

  it('describes a rule in words', () => {
    expect(describeRule(fortnightly)).toBe('80岁以上、独居：每 14 天至少走访一次');
    expect(describeRule(monthly, '残疾军人')).toBe('残疾军人、重点关注：每 30 天至少走访一次');
  });
});

describe('due days', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
    expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30);
  });

  it('due a rule interval after the last visit, or sooner when the visitor planned sooner', () => {
    expect(nextDue(30, '2026-11-01', null)).toBe('2026-12-01');
    expect(nextDue(30, '2026-11-01', '2026-11-15')).toBe('2026-11-15');
    expect(nextDue(30, '2026-11-01', '2027-01-15')).toBe('2026-12-01');
    expect(nextDue(30, null, null)).toBeNull();
  });

  it('never visited is overdue at once; past the due day overdue; within 7 days due', () => {
    expect(visitState(null, '2026-12-02')).toEqual({ state: 'overdue', daysOverdue: 0, daysLeft: null });
    expect(visitState('2026-11-30', '2026-12-02')).toMatchObject({ state: 'overdue', daysOverdue: 2 });
    expect(visitState('2026-12-02', '2026-12-02')).toMatchObject({ state: 'due', daysLeft: 0 });
    expect(visitState('2026-12-09', '2026-12-02')).toMatchObject({ state: 'due', daysLeft: 7 });
    expect(visitState('2026-12-10', '2026-12-02')).toMatchObject({ state: 'ok', daysLeft: 8 });
  });
});

describe('visit plan', () => {
  it('lists who a rule covers: never visited first, then longest overdue, then by due day', () => {
    const today = '2026-12-02';
    const plan = visitPlan(
      rules,
      [
        person({ id: 'none' }),
        person({ id: 'fresh', flags: ['慢性病'], lastVisitOn: '2026-11-30' }),
        person({ id: 'late', flags: ['慢性病'], lastVisitOn: '2026-10-01' }),
        person({ id: 'later', flags: ['慢性病'], lastVisitOn: '2026-10-20' }),
        person({ id: 'never', flags: ['独居'] }),
        person({ id: 'soon', flags: ['慢性病'], lastVisitOn: '2026-11-05' }),
      ],
      today,
    );
    expect(plan.map((e) => [e.subject.id, e.state])).toEqual([
      ['never', 'overdue'],
      ['late', 'overdue'],
      ['later', 'overdue'],
      ['soon', 'due'],
      ['fresh', 'ok'],
    ]);
    expect(plan[1]?.daysOverdue).toBe(32);
    expect(plan[3]?.dueOn).toBe('2026-12-05');
  });
});
