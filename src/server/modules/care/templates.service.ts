import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TalkingTemplate, TalkingTemplateBody, TalkingTemplatePatch } from '../../../contracts/care-templates';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { Executor } from '../../db/index';
import type { CareTemplatesTable } from './care.tables';
import { DEFAULT_TEMPLATES } from './domain/templates';

const present = (r: CareTemplatesTable): TalkingTemplate => ({
  id: r.id,
  name: r.name,
  talkingPoints: r.talking_points,
  sort: r.sort,
  active: r.active === 1,
});

const listOf = (db: Executor, subdistrictId: string) =>
  db.selectFrom('care_templates').selectAll().where('subdistrict_id', '=', subdistrictId).orderBy('sort').orderBy('name').execute();

/** The subdistrict's talking-point templates (防疫, 节日慰问, 高温关怀 to start with), kept by its care office. */
export class TemplatesService {
  constructor(private readonly core: Core) {}

  async list(ctx: RequestContext): Promise<TalkingTemplate[]> {
    const actor = requireActor(ctx);
    let rows = await listOf(this.core.db, actor.subdistrictId);
    if (rows.length === 0) {
      await this.seed(this.core.db, actor.subdistrictId);
      rows = await listOf(this.core.db, actor.subdistrictId);
    }
    return rows.map(present);
  }

  async seed(db: Executor, subdistrictId: string) {
    const now = nowIso();
    const existing = await listOf(db, subdistrictId);
    for (const [i, t] of DEFAULT_TEMPLATES.entries()) {
      if (existing.some((e) => e.name === t.name)) continue;
      await db
        .insertInto('care_templates')
        .values({
          id: uuidv7(),
          subdistrict_id: subdistrictId,
          name: t.name,
          talking_points: t.talkingPoints,
          sort: i,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** the templates are the subdistrict's: who manages care over the whole subdistrict keeps them */
  private keeper(ctx: RequestContext) {
    const actor = requireActor(ctx);
    if (!scopeFor(actor, 'care:manage').subdistrictIds.includes(actor.subdistrictId)) throw forbidden('慰问话术模板由街道优抚科统一维护');
    return actor;
  }

  async create(ctx: RequestContext, input: z.output<typeof TalkingTemplateBody>): Promise<TalkingTemplate> {
    const actor = this.keeper(ctx);
    await this.list(ctx);
    return this.core.db.transaction().execute(async (trx) => {
      const rows = await listOf(trx, actor.subdistrictId);
      if (rows.some((r) => r.name === input.name)) throw conflict(`模板「${input.name}」已存在`);
      const now = nowIso();
      const row: CareTemplatesTable = {
        id: uuidv7(),
        subdistrict_id: actor.subdistrictId,
        name: input.name,
        talking_points: input.talkingPoints,
        sort: rows.length,
        active: input.active ? 1 : 0,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('care_templates').values(row).execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.template_create',
        targetType: 'care_template',
        targetId: row.id,
        detail: { after: { name: input.name } },
      });
      return present(row);
    });
  }

  async update(ctx: RequestContext, id: string, patch: z.output<typeof TalkingTemplatePatch>): Promise<TalkingTemplate> {
    const actor = requireActor(ctx);
    // a template is a record of the subdistrict: outside its care office's scope it is not found
    if (!scopeFor(actor, 'care:manage').subdistrictIds.includes(actor.subdistrictId)) throw notFound('慰问话术模板');
    return this.core.db.transaction().execute(async (trx) => {
      const rows = await listOf(trx, actor.subdistrictId);
      const row = rows.find((r) => r.id === id);
      if (!row) throw notFound('慰问话术模板');
      if (patch.name && rows.some((r) => r.id !== id && r.name === patch.name)) throw conflict(`模板「${patch.name}」已存在`);
      const next = {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.talkingPoints !== undefined && { talking_points: patch.talkingPoints }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        updated_at: nowIso(),
      };
      await trx.updateTable('care_templates').set(next).where('id', '=', id).execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.template_update',
        targetType: 'care_template',
        targetId: id,
        detail: { before: { name: row.name }, changed: Object.keys(patch) },
      });
      return present({ ...row, ...next });
    });
  }
}
