import type { Figure, FigureQuery, FigureRecords, FigureRecordsQuery, FigureSet } from '../../../contracts/figures';
import type { Permission } from '../../../contracts/permissions';
import { type Actor, type Scope, scopeCovers, scopeFor } from '../access/actor';
import { type Core, type RequestContext, requireActor } from '../context';
import { notFound } from '../errors';
import type { InstalledModule } from '../modules/home.routes';
import type { FigureContext, FigureDef } from '../modules/manifest';
import * as orgRepo from '../org/org.repository';
import { monthRange, monthsBack } from './period';

/** a drill-down lists this many records at most, and says when there are more */
const RECORDS_SHOWN = 500;

interface Place {
  id: string;
  name: string;
  kind: string;
  subdistrictId: string;
  neighborhoodId: string | null;
}

/**
 * Gathers the modules' figures for a month and a place. A figure is computed only where the actor
 * may read what it counts (its module permission, or overview:read for leaders), for exactly the
 * place asked — a neighborhood worker asking for the whole subdistrict gets nothing, not the sum
 * of their own neighborhood passed off as the subdistrict's.
 */
export class FiguresService {
  constructor(
    private readonly core: Core,
    private readonly modules: InstalledModule[],
  ) {}

  private async place(actor: Actor, orgId: string | undefined): Promise<Place> {
    const unit = await orgRepo.findUnit(this.core.db, orgId ?? actor.subdistrictId);
    const subdistrictId = unit?.kind === 'subdistrict' ? unit.id : unit?.subdistrict_id;
    if (!unit || subdistrictId !== actor.subdistrictId || (unit.kind !== 'subdistrict' && unit.kind !== 'neighborhood')) {
      throw notFound('统计范围');
    }
    return { id: unit.id, name: unit.name, kind: unit.kind, subdistrictId, neighborhoodId: unit.kind === 'neighborhood' ? unit.id : null };
  }

  /** the place as a scope, when the actor may read it with `permission` */
  private narrowed(actor: Actor, permission: Permission, place: Place): Scope | null {
    const reach = scopeFor(actor, actor.permissions.has('overview:read') ? 'overview:read' : permission);
    if (place.neighborhoodId) {
      return scopeCovers(reach, place.subdistrictId, place.neighborhoodId)
        ? { subdistrictIds: [], neighborhoodIds: [place.neighborhoodId] }
        : null;
    }
    return reach.subdistrictIds.includes(place.subdistrictId) ? { subdistrictIds: [place.subdistrictId], neighborhoodIds: [] } : null;
  }

  private defs(only?: string) {
    const keys = only ? new Set(only.split(',').map((k) => k.trim())) : null;
    return this.modules
      .filter((m) => !keys || keys.has(m.manifest.key))
      .flatMap((m) => (m.manifest.figures ?? []).map((def) => ({ module: m, def: def as FigureDef<unknown> })));
  }

  private context(ctx: RequestContext, scope: Scope, place: Place, month: string): FigureContext {
    return { ctx, scope, subdistrictId: place.subdistrictId, neighborhoodId: place.neighborhoodId, month, ...monthRange(month) };
  }

  private async present(module: InstalledModule, def: FigureDef<unknown>, fc: FigureContext): Promise<Figure> {
    return {
      key: def.key,
      module: module.manifest.key,
      section: module.manifest.label['zh-CN'],
      label: def.label['zh-CN'],
      value: await def.compute(module.services, fc),
      unit: def.unit['zh-CN'],
      how: def.how['zh-CN'],
      records: Boolean(def.records),
      overdue: def.overdue ?? false,
    };
  }

  /** the module's own permission reaches the place: its records' pages open (a leader's overview:read lists them only) */
  private mayOpen(actor: Actor, permission: Permission, fc: FigureContext) {
    const reach = scopeFor(actor, permission);
    return fc.neighborhoodId ? scopeCovers(reach, fc.subdistrictId, fc.neighborhoodId) : reach.subdistrictIds.includes(fc.subdistrictId);
  }

  /** `keys`: only these figures (a trend computes the ones it draws, not every module's) */
  async figures(ctx: RequestContext, q: FigureQuery, keys?: ReadonlySet<string>): Promise<FigureSet> {
    const actor = requireActor(ctx);
    const place = await this.place(actor, q.orgId);
    const figures: Figure[] = [];
    for (const { module, def } of this.defs(q.modules)) {
      if (keys && !keys.has(def.key)) continue;
      const scope = this.narrowed(actor, def.permission, place);
      if (scope) figures.push(await this.present(module, def, this.context(ctx, scope, place, q.month)));
    }
    return { month: q.month, ...monthRange(q.month), org: { id: place.id, name: place.name, kind: place.kind }, figures };
  }

  /** the records one figure counts for a month and a place: its drill-down */
  async records(ctx: RequestContext, q: FigureRecordsQuery): Promise<FigureRecords> {
    const actor = requireActor(ctx);
    const place = await this.place(actor, q.orgId);
    const found = this.defs().find((d) => d.def.key === q.key);
    const scope = found && this.narrowed(actor, found.def.permission, place);
    if (!found || !scope) throw notFound('统计项');
    const fc = this.context(ctx, scope, place, q.month);
    const figure = await this.present(found.module, found.def, fc);
    if (!found.def.records) throw notFound('统计明细');
    // an undefined figure (a subdistrict's line of work asked for one neighborhood) counts nothing
    const rows = figure.value === null ? [] : await found.def.records(found.module.services, fc, RECORDS_SHOWN + 1);
    const open = this.mayOpen(actor, found.def.permission, fc);
    return {
      figure,
      rows: rows.slice(0, RECORDS_SHOWN).map((r) => (open ? r : { ...r, link: null })),
      truncated: rows.length > RECORDS_SHOWN,
    };
  }

  /** the same figures over the `n` months up to `month`, for a trend chart */
  async trend(ctx: RequestContext, q: FigureQuery & { keys: string[]; months: number }) {
    const months = monthsBack(q.month, q.months);
    const wanted = new Set(q.keys);
    const series = new Map<string, { key: string; label: string; unit: string; values: (number | null)[] }>();
    for (const [i, month] of months.entries()) {
      const set = await this.figures(ctx, { ...q, month }, wanted);
      for (const f of set.figures) {
        const s = series.get(f.key) ?? { key: f.key, label: f.label, unit: f.unit, values: months.map(() => null) };
        s.values[i] = f.value;
        series.set(f.key, s);
      }
    }
    return { months, series: [...series.values()] };
  }
}
