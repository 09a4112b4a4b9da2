import type { FigureRecord } from '../../../contracts/figures';
import { countOf } from '../../core/figures/count';
import { asOfDay, monthDays } from '../../core/figures/period';
import type { FigureDef } from '../../core/modules/manifest';
import { todayIso } from '../../core/people/id-number';
import type { CareServices } from './care.module';
import * as repo from './figures.repository';
import { overdueOn } from './visits-overdue';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const db = (s: CareServices) => s.needs.core.db;
const page = (beneficiaryId: string) => `/care/beneficiaries/${beneficiaryId}`;

function calledFigure(reachedOnly: boolean): Pick<FigureDef<CareServices>, 'compute' | 'records'> {
  return {
    compute: (s, q) => countOf(repo.callsQuery(db(s), q, reachedOnly), 'c.beneficiary_id'),
    async records(s, q, limit) {
      const rows = await repo.calledPeople(db(s), q, reachedOnly, limit);
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: `${reachedOnly ? '接通' : '拨打'} ${Number(r.calls)} 次`,
        at: String(r.at),
        place: r.place,
        link: page(r.id),
      }));
    },
  };
}

/**
 * Care's figures for the overview and the bulletin, counted from the call, needs, visit and
 * delivery records; each lists the records it counts.
 */
export const careFigures: FigureDef<CareServices>[] = [
  {
    key: 'care.calls_phoned',
    label: l('电话慰问人数', 'Beneficiaries phoned'),
    unit: l('人', 'people'),
    how: l('当月至少拨打过一次慰问电话的优抚对象人数（同一人多次拨打只计一次）', 'beneficiaries called at least once in the month'),
    permission: 'care:read',
    ...calledFigure(false),
  },
  {
    key: 'care.calls_reached',
    label: l('电话慰问接通人数', 'Beneficiaries reached'),
    unit: l('人', 'people'),
    how: l('当月慰问电话接通的优抚对象人数（同一人多次接通只计一次）', 'beneficiaries reached by phone in the month'),
    permission: 'care:read',
    ...calledFigure(true),
  },
  {
    key: 'care.needs_registered',
    label: l('登记需求', 'Needs registered'),
    unit: l('项', 'needs'),
    how: l('当月登记的优抚对象需求条数', 'needs registered in the month'),
    permission: 'care:read',
    compute: (s, q) => countOf(repo.needsRegistered(db(s), q)),
    async records(s, q, limit) {
      const rows = await repo
        .needsRegistered(db(s), q)
        .select(['d.id', 'd.item', 'd.quantity', 'd.beneficiary_id', 'd.created_at', 'p.name', 'n.name as place'])
        .orderBy('d.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => need(r, r.created_at));
    },
  },
  {
    key: 'care.needs_delivered',
    label: l('需求已送达', 'Needs delivered'),
    unit: l('项', 'needs'),
    how: l('当月状态变为「已送达」的需求条数', 'needs marked delivered in the month'),
    permission: 'care:read',
    compute: (s, q) => countOf(repo.needsDelivered(db(s), q), 'e.need_id'),
    async records(s, q, limit) {
      const rows = await repo
        .needsDelivered(db(s), q)
        .select((eb) => ['d.id', 'd.item', 'd.quantity', 'd.beneficiary_id', 'p.name', 'n.name as place', eb.fn.max('e.at').as('at')])
        .groupBy(['d.id', 'd.item', 'd.quantity', 'd.beneficiary_id', 'p.name', 'n.name'])
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => need(r, String(r.at)));
    },
  },
  {
    key: 'care.visits_done',
    label: l('上门走访', 'Home visits made'),
    unit: l('次', 'visits'),
    how: l('当月登记完成的上门走访次数（按走访日期）', 'home visits done in the month, by the date of the visit'),
    permission: 'care:read',
    compute: (s, q) => countOf(repo.visitsDone(db(s), q, monthDays(q.month))),
    async records(s, q, limit) {
      const rows = await repo
        .visitsDone(db(s), q, monthDays(q.month))
        .select(['v.id', 'v.beneficiary_id', 'v.done_on', 'v.visitors', 'p.name', 'n.name as place'])
        .orderBy('v.done_on', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: r.visitors ? `走访人：${r.visitors}` : null,
        at: r.done_on,
        place: r.place,
        link: page(r.beneficiary_id),
      }));
    },
  },
  {
    key: 'care.visits_overdue',
    label: l('逾期未走访', 'Home visits overdue'),
    unit: l('人', 'people'),
    how: l(
      '按现行走访规则，截至当月月底（本月截至今日）已过应走访日期仍未走访的优抚对象人数',
      'beneficiaries past their due visit at the month’s end (today for this month), by the rules in force',
    ),
    permission: 'care:read',
    overdue: true,
    async compute(s, q) {
      return (await overdueOn(db(s), q.scope, q.subdistrictId, asOfDay(q.month, todayIso()))).length;
    },
    async records(s, q, limit) {
      const day = asOfDay(q.month, todayIso());
      const late = (await overdueOn(db(s), q.scope, q.subdistrictId, day)).slice(0, limit);
      const names = await repo.beneficiaryNames(
        db(s),
        late.map((e) => e.subject.id),
      );
      return late.map((e) => ({
        id: e.subject.id,
        title: names.get(e.subject.id)?.name ?? '',
        note: `${e.rule.name}；${e.dueOn ? `应于 ${e.dueOn} 前走访，逾期 ${e.daysOverdue} 天` : '从未走访'}`,
        at: e.dueOn,
        place: names.get(e.subject.id)?.place ?? null,
        link: page(e.subject.id),
      }));
    },
  },
  {
    key: 'care.deliveries_done',
    label: l('无接触配送送达', 'Deliveries made'),
    unit: l('户次', 'deliveries'),
    how: l('当月志愿者报告送达（含已回访确认）的配送任务数', 'delivery tasks reported delivered in the month (confirmed ones included)'),
    permission: 'care:read',
    compute: (s, q) => countOf(repo.deliveriesDone(db(s), q)),
    async records(s, q, limit) {
      const rows = await repo
        .deliveriesDone(db(s), q)
        .select(['t.id', 't.beneficiary_id', 't.items', 't.delivered_at', 'p.name', 'n.name as place'])
        .orderBy('t.delivered_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.name,
        note: r.items,
        at: r.delivered_at,
        place: r.place,
        link: page(r.beneficiary_id),
      }));
    },
  },
];

function need(
  r: { id: string; item: string; quantity: number; beneficiary_id: string; name: string; place: string },
  at: string,
): FigureRecord {
  return { id: r.id, title: r.name, note: `${r.item} × ${r.quantity}`, at, place: r.place, link: page(r.beneficiary_id) };
}
