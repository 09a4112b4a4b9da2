import type { Figure, FigureQuery, FigureRecords, FigureRecordsQuery, FigureSet, PublishablePhoto } from '../../../contracts/figures';
import type { Permission } from '../../../contracts/permissions';
import { type Actor, type Scope, scopeCovers, scopeFor } from '../access/actor';
import { type Core, type RequestContext, requireActor } from '../context';
import { notFound } from '../errors';
import type { InstalledModule } from '../modules/home.routes';
import type { FigureContext, FigureDef, FigureValue, PhotoSourceDef } from '../modules/manifest';
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

  /** what a figure or a photo source is asked for: the month, the place as a scope — null when the actor may not read it there */
  private context(ctx: RequestContext, actor: Actor, permission: Permission, place: Place, month: string): FigureContext | null {
    const scope = this.narrowed(actor, permission, place);
    if (!scope) return null;
    const { from, to } = monthRange(month);
    return { ctx, scope, subdistrictId: place.subdistrictId, neighborhoodId: place.neighborhoodId, month, from, to };
  }

  private defs(only?: string) {
    const keys = only ? new Set(only.split(',').map((k) => k.trim())) : null;
    return this.modules
      .filter((m) => !keys || keys.has(m.manifest.key))
      .flatMap((m) => (m.manifest.figures ?? []).map((def) => ({ module: m, def: def as FigureDef<unknown> })));
  }

  private async present(module: InstalledModule, def: FigureDef<unknown>, fc: FigureContext): Promise<Figure> {
    return {
      key: def.key,
      module: module.manifest.key,
      section: module.manifest.label['zh-CN'],
      label: def.label['zh-CN'],
      ...figureValue(await def.compute(module.services, fc)),
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
      const fc = this.context(ctx, actor, def.permission, place, q.month);
      if (fc) figures.push(await this.present(module, def, fc));
    }
    return { month: q.month, ...monthRange(q.month), org: { id: place.id, name: place.name, kind: place.kind }, figures };
  }

  /** the records one figure counts for a month and a place: its drill-down */
  async records(ctx: RequestContext, q: FigureRecordsQuery): Promise<FigureRecords> {
    const actor = requireActor(ctx);
    const place = await this.place(actor, q.orgId);
    const found = this.defs().find((d) => d.def.key === q.key);
    const fc = found && this.context(ctx, actor, found.def.permission, place, q.month);
    if (!found || !fc) throw notFound('统计项');
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

  /**
   * The photos the modules offer the bulletin for a month and a place, as the actor may read them
   * (the same reach as the figures): marked publishable, and with the resident's consent where one shows.
   */
  async photos(ctx: RequestContext, q: { month: string; orgId?: string }): Promise<PublishablePhoto[]> {
    const actor = requireActor(ctx);
    const place = await this.place(actor, q.orgId);
    const out: PublishablePhoto[] = [];
    for (const module of this.modules) {
      for (const def of (module.manifest.bulletinPhotos ?? []) as PhotoSourceDef<unknown>[]) {
        const fc = this.context(ctx, actor, def.permission, place, q.month);
        if (!fc) continue;
        for (const p of await def.list(module.services, fc)) {
          out.push({ ...p, module: module.manifest.key, source: def.label['zh-CN'] });
        }
      }
    }
    return out;
  }

  /**
   * A photo's content, when it is among those offered to the actor for the month and the place —
   * the check is the offer itself (publishable, consented, in reach), not the record's own reader.
   */
  async openPhoto(ctx: RequestContext, q: { month: string; orgId?: string }, fileId: string) {
    const offered = (await this.photos(ctx, q)).find((p) => p.fileId === fileId);
    const opened = offered ? await this.core.files.openContent(fileId, requireActor(ctx).subdistrictId) : null;
    if (!offered || !opened) throw notFound('照片');
    return { photo: offered, ...opened };
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

/** a figure's computed value, with the word beside it when it has one */
function figureValue(computed: number | null | FigureValue): { value: number | null; detail?: string } {
  if (typeof computed !== 'object' || computed === null) return { value: computed };
  return computed.detail ? { value: computed.value, detail: computed.detail } : { value: computed.value };
}
