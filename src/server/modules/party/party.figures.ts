import { scopeWhere } from '../../core/access/actor';
import type { FigureContext, FigureDef } from '../../core/modules/manifest';
import type { PartyServices } from './party.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
/** party members proper (正式、预备党员); activists are not counted in rates */
const MEMBERS = ['full', 'probationary'];

const db = (s: PartyServices) => s.activities.core.db;

async function membersInScope(s: PartyServices, q: FigureContext) {
  const r = await db(s)
    .selectFrom('party_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
    .where('status', 'in', MEMBERS)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** the month as calendar days, for columns that hold a date (YYYY-MM-DD) */
function dayRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { first: `${month}-01`, next: `${next}-01` };
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
    async compute(s, q) {
      const r = await db(s)
        .selectFrom('party_activities as a')
        .innerJoin('party_activity_branches as b', 'b.activity_id', 'a.id')
        .select((eb) => eb.fn.count<number>('a.id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'b.subdistrict_id', 'b.neighborhood_id'))
        .where('a.starts_at', '>=', q.from)
        .where('a.starts_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/party/activities?month=${q.month}`,
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
      const expected = await db(s)
        .selectFrom('party_activities as a')
        .innerJoin('party_activity_branches as b', 'b.activity_id', 'a.id')
        .innerJoin('party_members as m', 'm.branch_id', 'b.branch_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'b.subdistrict_id', 'b.neighborhood_id'))
        .where('m.status', 'in', MEMBERS)
        .where('a.starts_at', '>=', q.from)
        .where('a.starts_at', '<', q.to)
        .executeTakeFirstOrThrow();
      const came = await db(s)
        .selectFrom('party_checkins as c')
        .innerJoin('party_activities as a', 'a.id', 'c.activity_id')
        .innerJoin('party_members as m', (j) => j.onRef('m.person_id', '=', 'c.person_id').onRef('m.branch_id', '=', 'c.branch_id'))
        .select(['c.activity_id', 'c.person_id'])
        .distinct()
        .where(scopeWhere(q.scope, 'c.subdistrict_id', 'c.neighborhood_id'))
        .where('m.status', 'in', MEMBERS)
        .where('a.starts_at', '>=', q.from)
        .where('a.starts_at', '<', q.to)
        .execute();
      return pct(came.length, Number(expected.n));
    },
    link: (q) => `/party/activities?month=${q.month}`,
  },
  {
    key: 'party.study_active_rate',
    label: l('学习打卡活跃率', 'Study active rate'),
    unit: l('%', '%'),
    how: l('当月至少学习打卡一次的党员人数除以本范围内正式、预备党员人数', 'members with a study check-in in the month over all members'),
    permission: 'party:read',
    async compute(s, q) {
      const { first, next } = dayRange(q.month);
      const r = await db(s)
        .selectFrom('party_study_checkins as c')
        .innerJoin('party_members as m', 'm.person_id', 'c.person_id')
        .select((eb) => eb.fn.count<number>('c.person_id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
        .where('m.status', 'in', MEMBERS)
        .where('c.day', '>=', first)
        .where('c.day', '<', next)
        .executeTakeFirstOrThrow();
      return pct(Number(r.n), await membersInScope(s, q));
    },
    link: (q) => `/party/study?month=${q.month}`,
  },
  {
    key: 'party.reports_reviewed',
    label: l('审阅思想汇报', 'Reports reviewed'),
    unit: l('篇', 'reports'),
    how: l('当月审阅完毕（已审阅）的思想汇报和心得体会篇数', 'reports marked reviewed in the month'),
    permission: 'party:read',
    async compute(s, q) {
      const r = await db(s)
        .selectFrom('party_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('status', '=', 'reviewed')
        .where('reviewed_at', '>=', q.from)
        .where('reviewed_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/party/reports?status=reviewed',
  },
  {
    key: 'party.donation_rate',
    label: l('捐款参与率', 'Donation participation'),
    unit: l('%', '%'),
    how: l('当月有捐款或特殊党费记录的党员人数除以本范围内正式、预备党员人数', 'members who gave in the month over all members'),
    permission: 'party:read',
    async compute(s, q) {
      const { first, next } = dayRange(q.month);
      const r = await db(s)
        .selectFrom('party_donations as d')
        .innerJoin('party_members as m', 'm.person_id', 'd.person_id')
        .select((eb) => eb.fn.count<number>('d.person_id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'm.subdistrict_id', 'm.neighborhood_id'))
        .where('m.status', 'in', MEMBERS)
        .where('d.given_on', '>=', first)
        .where('d.given_on', '<', next)
        .executeTakeFirstOrThrow();
      return pct(Number(r.n), await membersInScope(s, q));
    },
    link: (q) => `/party/campaigns?month=${q.month}`,
  },
  {
    key: 'party.reports_waiting',
    label: l('待审阅思想汇报', 'Reports awaiting review'),
    unit: l('篇', 'reports'),
    how: l('当月提交、至今仍待审阅的思想汇报和心得体会篇数', 'reports submitted in the month still awaiting review'),
    permission: 'party:read',
    async compute(s, q) {
      const r = await db(s)
        .selectFrom('party_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('status', '=', 'submitted')
        .where('submitted_at', '>=', q.from)
        .where('submitted_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/party/reports?status=submitted',
  },
];
