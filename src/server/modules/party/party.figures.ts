import { countOf } from '../../core/figures/count';
import { asOfDay, monthDays } from '../../core/figures/period';
import type { FigureContext, FigureDef } from '../../core/modules/manifest';
import { todayIso } from '../../core/people/id-number';
import type { MemberStatus } from './domain/rates';
import { thoughtReportsOwed, type WrittenReport } from './domain/reports';
import * as repo from './figures.repository';
import type { PartyServices } from './party.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const db = (s: PartyServices) => s.activities.core.db;
const membersCount = (s: PartyServices, q: FigureContext) => countOf(repo.membersInScope(db(s), q));

/** one row per member counted by a member-rate figure: who, in which branch, how many times */
function memberRows(rows: { person_id: string; name: string; branch: string; times: number | string }[], what: string) {
  return rows.map((r) => ({
    id: r.person_id,
    title: r.name,
    note: `${what} ${Number(r.times)} 次`,
    at: null,
    place: r.branch,
    link: null,
  }));
}

/** reports of a status, counted by when they reached it; the drill-down lists them */
function reportsFigure(
  status: 'reviewed' | 'submitted',
  column: 'reviewed_at' | 'submitted_at',
): Pick<FigureDef<PartyServices>, 'compute' | 'records'> {
  return {
    compute: (s, q) => countOf(repo.reports(db(s), q, status, column)),
    async records(s, q, limit) {
      const rows = await repo
        .reports(db(s), q, status, column)
        .select(['r.id', 'r.title', `r.${column} as at`, 'p.name', 'o.name as branch'])
        .orderBy(`r.${column}`)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, note: r.name, at: r.at, place: r.branch, link: '/party/reports' }));
    },
  };
}

async function overdueReports(s: PartyServices, q: FigureContext) {
  const day = asOfDay(q.month, todayIso());
  const { people, written } = await repo.reportOwers(db(s), q, day);
  const owed = thoughtReportsOwed(
    people.map((m) => ({ personId: m.person_id, status: m.status as MemberStatus, since: m.status_since })),
    written.map((r) => ({
      personId: r.person_id,
      kind: r.kind as WrittenReport['kind'],
      submittedOn: r.submitted_on,
      quarter: r.quarter,
      status: r.status as WrittenReport['status'],
    })),
    day,
  );
  const who = new Map(people.map((p) => [p.person_id, p]));
  return owed.overdue.map((o) => ({ ...o, name: who.get(o.personId)?.name ?? '', branch: who.get(o.personId)?.branch ?? null }));
}

export const partyFigures: FigureDef<PartyServices>[] = [
  {
    key: 'party.activities_held',
    label: l('开展组织生活', 'Activities held'),
    unit: l('次', 'activities'),
    how: l(
      '开始时间在当月、面向本范围内党支部的组织生活（主题党日、组织生活会、党课、志愿服务）次数',
      'activities starting in the month for branches in the place',
    ),
    permission: 'party:read',
    compute: (s, q) => countOf(repo.activitiesHeld(db(s), q), 'a.id'),
    async records(s, q, limit) {
      const rows = await repo
        .activitiesHeld(db(s), q)
        .select(['a.id', 'a.title', 'a.starts_at'])
        .distinct()
        .orderBy('a.starts_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, title: r.title, note: null, at: r.starts_at, place: null, link: `/party/activities/${r.id}` }));
    },
  },
  {
    key: 'party.attendance_rate',
    label: l('组织生活出勤率', 'Attendance rate'),
    unit: l('%', '%'),
    how: l(
      '当月组织生活的签到人次（每次活动每人计一次）除以应到人次（各次活动所邀支部的正式、预备党员人数之和）',
      'check-ins at the month’s activities over the members of the branches invited',
    ),
    permission: 'party:read',
    async compute(s, q) {
      const came = await repo.checkinsAtActivities(db(s), q).select(['c.activity_id', 'c.person_id']).distinct().execute();
      return pct(came.length, await countOf(repo.expectedAtActivities(db(s), q)));
    },
    async records(s, q, limit) {
      const rows = await repo
        .checkinsAtActivities(db(s), q)
        .select(['c.activity_id', 'c.person_id', 'a.title', 'a.starts_at', 'p.name', 'o.name as branch'])
        .distinct()
        .orderBy('a.starts_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: `${r.activity_id}:${r.person_id}`,
        title: r.name,
        note: r.title,
        at: r.starts_at,
        place: r.branch,
        link: `/party/activities/${r.activity_id}`,
      }));
    },
  },
  {
    key: 'party.study_active_rate',
    label: l('学习打卡活跃率', 'Study active rate'),
    unit: l('%', '%'),
    how: l('当月至少学习打卡一次的党员人数除以本范围内正式、预备党员人数', 'members with a study check-in in the month over all members'),
    permission: 'party:read',
    async compute(s, q) {
      return pct(await countOf(repo.studyingMembers(db(s), q, monthDays(q.month)), 'c.person_id'), await membersCount(s, q));
    },
    async records(s, q, limit) {
      const rows = await repo
        .studyingMembers(db(s), q, monthDays(q.month))
        .select((eb) => ['c.person_id', 'p.name', 'o.name as branch', eb.fn.countAll<number | string>().as('times')])
        .groupBy(['c.person_id', 'p.name', 'o.name'])
        .orderBy('p.name')
        .limit(limit)
        .execute();
      return memberRows(rows, '学习打卡');
    },
  },
  {
    key: 'party.reports_reviewed',
    label: l('审阅思想汇报', 'Reports reviewed'),
    unit: l('篇', 'reports'),
    how: l('当月审阅完毕（已审阅）的思想汇报和心得体会篇数', 'reports marked reviewed in the month'),
    permission: 'party:read',
    ...reportsFigure('reviewed', 'reviewed_at'),
  },
  {
    key: 'party.donation_rate',
    label: l('捐款参与率', 'Donation participation'),
    unit: l('%', '%'),
    how: l('当月有捐款或特殊党费记录的党员人数除以本范围内正式、预备党员人数', 'members who gave in the month over all members'),
    permission: 'party:read',
    async compute(s, q) {
      return pct(await countOf(repo.givingMembers(db(s), q, monthDays(q.month)), 'd.person_id'), await membersCount(s, q));
    },
    // who took part, never how much: amounts stay on the campaign's own page
    async records(s, q, limit) {
      const rows = await repo
        .givingMembers(db(s), q, monthDays(q.month))
        .select((eb) => ['d.person_id as person_id', 'p.name', 'o.name as branch', eb.fn.countAll<number | string>().as('times')])
        .groupBy(['d.person_id', 'p.name', 'o.name'])
        .orderBy('p.name')
        .limit(limit)
        .execute();
      return memberRows(rows, '参与');
    },
  },
  {
    key: 'party.reports_waiting',
    label: l('待审阅思想汇报', 'Reports awaiting review'),
    unit: l('篇', 'reports'),
    how: l('当月提交、至今仍待审阅的思想汇报和心得体会篇数', 'reports submitted in the month still awaiting review'),
    permission: 'party:read',
    ...reportsFigure('submitted', 'submitted_at'),
  },
  {
    key: 'party.reports_overdue',
    label: l('逾期未交思想汇报', 'Thought reports overdue'),
    unit: l('篇', 'reports'),
    how: l(
      '预备党员和入党积极分子每季度应交一篇思想汇报；截至当月月底（本月截至今日）已过季度仍未交（或被退回）的篇数，只看近一年',
      'quarterly thought reports of probationary members and activists still missing after their quarter, as of the month’s end',
    ),
    permission: 'party:read',
    overdue: true,
    compute: async (s, q) => (await overdueReports(s, q)).length,
    async records(s, q, limit) {
      return (await overdueReports(s, q)).slice(0, limit).map((o) => ({
        id: `${o.personId}:${o.quarter}`,
        title: o.name,
        note: `${o.quarter} 季度思想汇报，应于 ${o.dueDate} 前提交，逾期 ${o.daysOverdue} 天`,
        at: o.dueDate,
        place: o.branch,
        link: '/party/reports',
      }));
    },
  },
];
