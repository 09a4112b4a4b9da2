import { uuidv7 } from 'uuidv7';
import type { OrgKind } from '../../../contracts/org';
import type { Executor } from '../../db/index';
import { scopeFor } from '../access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../context';
import { conflict, invalid, notFound } from '../errors';
import { CHILD_KIND, isInside, visibleUnits } from './org.domain';
import * as repo from './org.repository';

export class OrgService {
  constructor(private readonly core: Core) {}

  /** The org units an actor may see for a permission, with the ancestors above them. */
  async visible(ctx: RequestContext, permission: 'org:read' | 'org:manage' = 'org:read'): Promise<repo.OrgRow[]> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, permission);
    const grantedIds = [...scope.subdistrictIds, ...scope.neighborhoodIds];
    const subdistricts = [...new Set(actor.grants.map((g) => g.subdistrictId))];
    const units = await repo.unitsOfSubdistricts(this.core.db, subdistricts);
    return visibleUnits(units, grantedIds);
  }

  /** A unit inside the actor's granted subtree, or 404. */
  async unitInScope(exec: Executor, ctx: RequestContext, id: string, permission: 'org:read' | 'org:manage'): Promise<repo.OrgRow> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, permission);
    const unit = await repo.findUnit(exec, id);
    if (!unit) throw notFound('组织单位');
    const grantedIds = [...scope.subdistrictIds, ...scope.neighborhoodIds];
    const granted = await Promise.all(grantedIds.map((g) => repo.findUnit(exec, g)));
    if (
      !isInside(
        unit,
        granted.filter((g) => g !== undefined),
        grantedIds,
      )
    )
      throw notFound('组织单位');
    return unit;
  }

  async create(ctx: RequestContext, input: { parentId: string; name: string; code?: string; sort?: number }) {
    return this.core.db.transaction().execute(async (trx) => {
      const parent = await this.unitInScope(trx, ctx, input.parentId, 'org:manage');
      const kind = CHILD_KIND[parent.kind as OrgKind];
      if (!kind) throw invalid('小区下不能再设下级单位', [{ path: 'parentId', message: '小区下不能再设下级单位' }]);
      if (await repo.siblingNamed(trx, parent.id, input.name)) throw conflict(`「${input.name}」已存在`);
      const id = uuidv7();
      const now = nowIso();
      const row: repo.OrgRow = {
        id,
        subdistrict_id: kind === 'subdistrict' ? id : parent.subdistrict_id,
        parent_id: parent.id,
        kind,
        name: input.name,
        code: input.code || null,
        sort: input.sort ?? 0,
        path: `${parent.path}${id}/`,
        created_at: now,
        updated_at: now,
      };
      await repo.insertUnit(trx, row);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'org.create',
        targetType: 'org_unit',
        targetId: id,
        detail: { after: { name: row.name, kind, parent: parent.name } },
      });
      return row;
    });
  }

  async update(ctx: RequestContext, id: string, patch: { name?: string; code?: string | null; sort?: number }) {
    return this.core.db.transaction().execute(async (trx) => {
      const unit = await this.unitInScope(trx, ctx, id, 'org:manage');
      if (patch.name && unit.parent_id && (await repo.siblingNamed(trx, unit.parent_id, patch.name, id))) {
        throw conflict(`「${patch.name}」已存在`);
      }
      const next = {
        name: patch.name ?? unit.name,
        code: patch.code === undefined ? unit.code : patch.code || null,
        sort: patch.sort ?? unit.sort,
      };
      await repo.updateUnit(trx, id, { ...next, updated_at: nowIso() });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'org.update',
        targetType: 'org_unit',
        targetId: id,
        detail: { before: { name: unit.name, code: unit.code, sort: unit.sort }, after: next },
      });
      return { ...unit, ...next };
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.core.db.transaction().execute(async (trx) => {
      const unit = await this.unitInScope(trx, ctx, id, 'org:manage');
      if (unit.kind === 'subdistrict' || unit.kind === 'district') throw conflict('街道和区不能在此删除');
      const use = await repo.unitInUse(trx, id);
      if (use === 'children') throw conflict('请先删除其下级单位');
      if (use === 'accounts') throw conflict('仍有账号授权在该单位，请先调整账号角色');
      await repo.deleteUnit(trx, id);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'org.delete',
        targetType: 'org_unit',
        targetId: id,
        detail: { before: { name: unit.name, kind: unit.kind } },
      });
    });
  }
}
