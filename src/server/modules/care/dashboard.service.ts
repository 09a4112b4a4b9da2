import type { z } from 'zod';
import { type Dashboard, type DashboardExportQuery, type DashboardQuery, NEED_AGE_BUCKETS } from '../../../contracts/care-visits';
import { type Scope, scopeFor } from '../../core/access/actor';
import type { Core, RequestContext } from '../../core/context';
import { requireActor } from '../../core/context';
import { type ExportColumn, type ExportDownload, openExport } from '../../core/excel/export';
import { todayIso } from '../../core/people/id-number';
import type { Executor } from '../../db/index';
import * as bRepo from './beneficiaries.repository';
import * as repo from './dashboard.repository';
import { NEED_ITEMS, PRIORITY_REASONS } from './domain/catalogue';
import { OPEN_STATUSES } from './domain/needs';
import { bornOnOrBefore } from './domain/priority';
import { addDays, DUE_WINDOW_DAYS } from './domain/visits';
import { ensureRules, rulesOf } from './visits.service';

/** Deliveries done and pending in a scope: the delivery part's `deliveryFigures(db, scope)`. */
export type DeliveryFigures = (db: Executor, scope: Scope) => Promise<{ done: number; pending: number }>;

const AGE_LABEL: Record<(typeof NEED_AGE_BUCKETS)[number], string> = { le3: '3天内', le7: '4–7天', le30: '8–30天', gt30: '30天以上' };
const DAY = 86_400_000;

/**
 * 关爱看板: the care office's figures, for the whole subdistrict or one neighborhood, each
 * scoped to the actor. Nothing here scans the history of calls, need events or visits: contact
 * is the beneficiary's `last_contact_at`, visits the per-beneficiary `care_visit_state`, open
 * needs a covering index — all kept current as those events are written.
 */
export class DashboardService {
  /**
   * `deliveries`: the slot for the delivery part (branch h/delivery exports `deliveryFigures`);
   * until the lead wires it in care.module.ts the figures are zeros and `wired` is false.
   */
  constructor(
    private readonly core: Core,
    private readonly deliveries: DeliveryFigures | null = null,
  ) {}

  async figures(ctx: RequestContext, q: z.output<typeof DashboardQuery>, now = new Date()): Promise<Dashboard> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:read');
    return computeDashboard(this.core.db, scope, actor.subdistrictId, q.neighborhoodId ?? null, now, this.deliveries);
  }

  async exportFigure(ctx: RequestContext, q: z.output<typeof DashboardExportQuery>): Promise<ExportDownload> {
    const d = await this.figures(ctx, q);
    const nb = d.neighborhoods.find((n) => n.neighborhoodId === q.neighborhoodId);
    const spec = figureSheet(d, q.figure);
    return openExport(
      this.core,
      ctx,
      {
        title: spec.title,
        filters: [`统计日期：${d.today}`, q.neighborhoodId ? `居民区：${nb?.name ?? '（无）'}` : '全部居民区'].join('；'),
        columns: spec.columns,
        rows: spec.rows,
      },
      {
        action: 'care.dashboard_export',
        targetType: 'care_dashboard',
        detail: { figure: q.figure, neighborhoodId: q.neighborhoodId ?? null, rows: spec.rows.length },
      },
    );
  }
}

/** The dashboard's figures; also what bench/care-dashboard.ts times. */
export async function computeDashboard(
  db: Executor,
  scope: Scope,
  subdistrictId: string,
  neighborhoodId: string | null,
  now: Date,
  deliveries: DeliveryFigures | null = null,
): Promise<Dashboard> {
  const today = todayIso(now);
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const nbScope = neighborhoodId ? { subdistrictIds: [], neighborhoodIds: [neighborhoodId] } : null;
  const nb = neighborhoodId ?? undefined;
  const [rules, written] = await Promise.all([ensureRules(db, subdistrictId).then(rulesOf), repo.writtenReasons(db, scope, nb)]);
  const flags = [...new Set([...PRIORITY_REASONS, ...written])];
  const windowEnd = addDays(today, DUE_WINDOW_DAYS);
  const [groups, needRows, categories, neighborhoods, delivered] = await Promise.all([
    repo.beneficiaryAggregates(
      db,
      scope,
      {
        flags,
        born80: bornOnOrBefore(80, today),
        today,
        windowEnd,
        since7: iso(7),
        since30: iso(30),
        rules: rules
          .filter((r) => r.active)
          .map((r) => ({
            anyFlag: r.anyFlag,
            flag: r.flag,
            categoryId: r.categoryId,
            bornBy: r.minAge === null ? null : bornOnOrBefore(r.minAge, today),
            livingSituation: r.livingSituation,
            overdueBefore: addDays(today, -r.intervalDays),
            dueBy: addDays(windowEnd, -r.intervalDays),
          })),
      },
      nb,
    ),
    repo.openNeedsByItemAge(db, scope, OPEN_STATUSES, { d3: iso(3), d7: iso(7), d30: iso(30) }, nb),
    bRepo.categories(db, subdistrictId),
    bRepo.neighborhoodNames(db, subdistrictId),
    deliveries ? deliveries(db, nbScope ? intersect(scope, neighborhoodId as string) : scope) : Promise.resolve(null),
  ]);

  const byNb = new Map<
    string,
    { beneficiaries: number; contacted7: number; contacted30: number; needsOpen: number; visitsOverdue: number }
  >();
  const nbRow = (id: string) => {
    let r = byNb.get(id);
    if (!r) {
      r = { beneficiaries: 0, contacted7: 0, contacted30: 0, needsOpen: 0, visitsOverdue: 0 };
      byNb.set(id, r);
    }
    return r;
  };
  const byCategory = new Map<string, number>();
  const byFlag = new Map<string, number>();
  const contacted = { d7: 0, d30: 0, never: 0 };
  const visits = { overdue: 0, due: 0, ok: 0, covered: 0 };
  let total = 0;
  for (const g of groups) {
    total += g.n;
    const n = nbRow(g.neighborhoodId);
    n.beneficiaries += g.n;
    n.contacted7 += g.contacted7;
    n.contacted30 += g.contacted30;
    n.visitsOverdue += g.overdue;
    byCategory.set(g.categoryId, (byCategory.get(g.categoryId) ?? 0) + g.n);
    g.flags.forEach((c, i) => {
      if (c > 0) byFlag.set(flags[i] as string, (byFlag.get(flags[i] as string) ?? 0) + c);
    });
    contacted.d7 += g.contacted7;
    contacted.d30 += g.contacted30;
    contacted.never += g.never;
    visits.overdue += g.overdue;
    visits.due += g.due;
    visits.covered += g.covered;
  }
  visits.ok = visits.covered - visits.overdue - visits.due;

  const itemCount = new Map<string, { n: number; quantity: number }>();
  const ageCount = new Map<string, number>();
  let needsTotal = 0;
  for (const r of needRows) {
    needsTotal += r.n;
    nbRow(r.neighborhood_id).needsOpen += r.n;
    const i = itemCount.get(r.item) ?? { n: 0, quantity: 0 };
    i.n += r.n;
    i.quantity += r.quantity;
    itemCount.set(r.item, i);
    ageCount.set(r.bucket, (ageCount.get(r.bucket) ?? 0) + r.n);
  }

  const flagOrder = [...PRIORITY_REASONS, ...[...byFlag.keys()].filter((f) => !(PRIORITY_REASONS as readonly string[]).includes(f)).sort()];
  return {
    today,
    neighborhoodId,
    beneficiaries: total,
    byCategory: categories
      .filter((c) => byCategory.has(c.id))
      .map((c) => ({ key: c.id, categoryId: c.id, label: c.name, count: byCategory.get(c.id) ?? 0 })),
    byFlag: flagOrder.filter((f) => byFlag.has(f)).map((f) => ({ key: f, label: f, count: byFlag.get(f) ?? 0 })),
    contacted,
    needsOpen: {
      total: needsTotal,
      byItem: NEED_ITEMS.filter((i) => itemCount.has(i.code)).map((i) => ({
        key: i.code,
        item: i.code,
        label: i.label,
        count: itemCount.get(i.code)?.n ?? 0,
        quantity: itemCount.get(i.code)?.quantity ?? 0,
      })),
      byAge: NEED_AGE_BUCKETS.map((b) => ({ key: b, bucket: b, label: AGE_LABEL[b], count: ageCount.get(b) ?? 0 })),
    },
    deliveries: delivered ? { ...delivered, wired: true } : { done: 0, pending: 0, wired: false },
    visits,
    neighborhoods: neighborhoods
      .filter((n) => byNb.has(n.id))
      .map((n) => ({ neighborhoodId: n.id, name: n.name, ...(byNb.get(n.id) as NonNullable<ReturnType<typeof byNb.get>>) })),
  };
}

/** the actor's scope narrowed to one neighborhood (still nothing outside the scope) */
function intersect(scope: Scope, neighborhoodId: string): Scope {
  return scope.subdistrictIds.length > 0 || scope.neighborhoodIds.includes(neighborhoodId)
    ? { subdistrictIds: [], neighborhoodIds: [neighborhoodId] }
    : { subdistrictIds: [], neighborhoodIds: [] };
}

interface Sheet {
  title: string;
  columns: ExportColumn[];
  rows: Record<string, string | number>[];
}

/** one figure of the dashboard as a sheet for the export kit */
export function figureSheet(d: Dashboard, figure: z.output<typeof DashboardExportQuery>['figure']): Sheet {
  const two = (a: string, b: string): ExportColumn[] => [
    { header: a, key: 'label', width: 18 },
    { header: b, key: 'count', width: 10 },
  ];
  switch (figure) {
    case 'neighborhoods':
      return {
        title: '关爱看板_各居民区',
        columns: [
          { header: '居民区', key: 'name', width: 12 },
          { header: '优抚对象', key: 'beneficiaries', width: 10 },
          { header: '近7天已联系', key: 'contacted7', width: 12 },
          { header: '近30天已联系', key: 'contacted30', width: 12 },
          { header: '未完成需求', key: 'needsOpen', width: 12 },
          { header: '走访逾期', key: 'visitsOverdue', width: 10 },
        ],
        rows: d.neighborhoods.map(({ neighborhoodId: _, ...r }) => r),
      };
    case 'category':
      return {
        title: '关爱看板_按优抚类别',
        columns: two('优抚类别', '人数'),
        rows: d.byCategory.map((c) => ({ label: c.label, count: c.count })),
      };
    case 'flag':
      return {
        title: '关爱看板_按重点关注',
        columns: two('重点关注原因', '人数'),
        rows: d.byFlag.map((c) => ({ label: c.label, count: c.count })),
      };
    case 'contacted':
      return {
        title: '关爱看板_联系情况',
        columns: two('联系情况', '人数'),
        rows: [
          { label: '近7天已联系', count: d.contacted.d7 },
          { label: '近30天已联系', count: d.contacted.d30 },
          { label: '从未联系', count: d.contacted.never },
          { label: '优抚对象总数', count: d.beneficiaries },
        ],
      };
    case 'needs':
      return {
        title: '关爱看板_未完成需求',
        columns: [
          { header: '分类', key: 'group', width: 10 },
          { header: '项目', key: 'label', width: 14 },
          { header: '条数', key: 'count', width: 10 },
          { header: '数量', key: 'quantity', width: 10 },
        ],
        rows: [
          ...d.needsOpen.byItem.map((i) => ({ group: '按物资', label: i.label, count: i.count, quantity: i.quantity })),
          ...d.needsOpen.byAge.map((a) => ({ group: '按登记时长', label: a.label, count: a.count, quantity: '' })),
        ],
      };
    case 'visits':
      return {
        title: '关爱看板_上门走访',
        columns: two('走访情况', '人数'),
        rows: [
          { label: '已逾期', count: d.visits.overdue },
          { label: '7天内到期', count: d.visits.due },
          { label: '正常', count: d.visits.ok },
          { label: '走访规则覆盖人数', count: d.visits.covered },
        ],
      };
  }
}
