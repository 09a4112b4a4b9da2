import { scopeWhere } from '../../core/access/actor';
import type { FigureDef } from '../../core/modules/manifest';
import type { CareServices } from './care.module';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * Care's figures for the overview and the bulletin, counted from the call, needs, visit and
 * delivery records.
 */
export const careFigures: FigureDef<CareServices>[] = [
  {
    key: 'care.calls_phoned',
    label: l('电话慰问人数', 'Beneficiaries phoned'),
    unit: l('人', 'people'),
    how: l('当月至少拨打过一次慰问电话的优抚对象人数（同一人多次拨打只计一次）', 'beneficiaries called at least once in the month'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_calls')
        .select((eb) => eb.fn.count<number>('beneficiary_id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('created_at', '>=', q.from)
        .where('created_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/care/campaigns?month=${q.month}`,
  },
  {
    key: 'care.calls_reached',
    label: l('电话慰问接通人数', 'Beneficiaries reached'),
    unit: l('人', 'people'),
    how: l('当月慰问电话接通的优抚对象人数（同一人多次接通只计一次）', 'beneficiaries reached by phone in the month'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_calls')
        .select((eb) => eb.fn.count<number>('beneficiary_id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('outcome', '=', 'reached')
        .where('created_at', '>=', q.from)
        .where('created_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/care/campaigns?month=${q.month}`,
  },
  {
    key: 'care.needs_registered',
    label: l('登记需求', 'Needs registered'),
    unit: l('项', 'needs'),
    how: l('当月登记的优抚对象需求条数', 'needs registered in the month'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_needs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('created_at', '>=', q.from)
        .where('created_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: (q) => `/care/needs?month=${q.month}`,
  },
  {
    key: 'care.needs_delivered',
    label: l('需求已送达', 'Needs delivered'),
    unit: l('项', 'needs'),
    how: l('当月状态变为「已送达」的需求条数', 'needs marked delivered in the month'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_need_events as e')
        .innerJoin('care_needs as n', 'n.id', 'e.need_id')
        .select((eb) => eb.fn.count<number>('e.need_id').distinct().as('n'))
        .where(scopeWhere(q.scope, 'n.subdistrict_id', 'n.neighborhood_id'))
        .where('e.to_status', '=', 'delivered')
        .where('e.at', '>=', q.from)
        .where('e.at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/care/needs?status=delivered',
  },
  {
    key: 'care.visits_done',
    label: l('上门走访', 'Home visits made'),
    unit: l('次', 'visits'),
    how: l('当月登记完成的上门走访次数（按走访日期）', 'home visits done in the month, by the date of the visit'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_visits')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('status', '=', 'done')
        .where('done_on', '>=', `${q.month}-01`)
        .where('done_on', '<', nextMonthStart(q.month))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/care/visits',
  },
  {
    key: 'care.deliveries_done',
    label: l('无接触配送送达', 'Deliveries made'),
    unit: l('户次', 'deliveries'),
    how: l('当月志愿者报告送达（含已回访确认）的配送任务数', 'delivery tasks reported delivered in the month (confirmed ones included)'),
    permission: 'care:read',
    async compute(s, q) {
      const r = await s.needs.core.db
        .selectFrom('care_delivery_tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
        .where('status', 'in', ['delivered', 'confirmed'])
        .where('delivered_at', '>=', q.from)
        .where('delivered_at', '<', q.to)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    link: () => '/care/deliveries',
  },
];

/** `2026-12` → `2027-01-01`: the end of a month of calendar dates (visit dates have no time) */
function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
