import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { EmployerPatch, EmployerWrite, PositionPatch, PositionQuery, PositionWrite } from '../../../contracts/jobs';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors';
import type { Executor } from '../../db/index';
import { presentEmployer, presentPosition } from './jobs.presenter';
import * as repo from './jobs.repository';

type PositionData = z.output<typeof PositionWrite>;

/** 用人单位 and 岗位: staff over their subdistrict, a partner's account over its own employers. */
export class PositionsService {
  constructor(private readonly core: Core) {}

  async employers(ctx: RequestContext) {
    return (await repo.listEmployers(this.core.db, scopeFor(requireActor(ctx), 'jobs:read'))).map(presentEmployer);
  }

  async employer(ctx: RequestContext, id: string) {
    const row = await repo.employerInScope(this.core.db, scopeFor(requireActor(ctx), 'jobs:read'), id);
    if (!row) throw notFound('用人单位');
    return presentEmployer(row);
  }

  async createEmployer(ctx: RequestContext, input: z.output<typeof EmployerWrite>) {
    const actor = requireActor(ctx);
    if (!scopeFor(actor, 'jobs:manage').subdistrictIds.includes(actor.subdistrictId)) {
      throw forbidden('只有街道就业服务人员可以新增用人单位');
    }
    const id = await this.core.db.transaction().execute((trx) => this.insertEmployer(trx, ctx, actor.subdistrictId, input));
    return this.employer(ctx, id);
  }

  async insertEmployer(trx: Executor, ctx: RequestContext, subdistrictId: string, input: z.output<typeof EmployerWrite>) {
    if (await repo.employerByName(trx, subdistrictId, input.name)) throw invalidField('name', `用人单位「${input.name}」已存在`);
    const id = uuidv7();
    const now = nowIso();
    await repo.insertEmployer(trx, {
      id,
      subdistrict_id: subdistrictId,
      name: input.name,
      industry: input.industry || null,
      contact_name: input.contactName || null,
      contact_phone: input.contactPhone || null,
      description: input.description || null,
      created_at: now,
      updated_at: now,
    });
    await this.core.audit.record(trx, auditActor(ctx), {
      action: 'jobs.employer_create',
      targetType: 'jobs_employer',
      targetId: id,
      detail: { after: { name: input.name } },
    });
    return id;
  }

  async updateEmployer(ctx: RequestContext, id: string, patch: z.output<typeof EmployerPatch>) {
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.employerInScope(trx, scopeFor(requireActor(ctx), 'jobs:manage'), id);
      if (!row) throw notFound('用人单位');
      if (patch.name && patch.name !== row.name && (await repo.employerByName(trx, row.subdistrict_id, patch.name))) {
        throw invalidField('name', `用人单位「${patch.name}」已存在`);
      }
      const set: Parameters<typeof repo.updateEmployer>[2] = { updated_at: nowIso() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.industry !== undefined) set.industry = patch.industry || null;
      if (patch.contactName !== undefined) set.contact_name = patch.contactName || null;
      if (patch.contactPhone !== undefined) set.contact_phone = patch.contactPhone || null;
      if (patch.description !== undefined) set.description = patch.description || null;
      await repo.updateEmployer(trx, id, set);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.employer_update',
        targetType: 'jobs_employer',
        targetId: id,
        detail: { before: { name: row.name }, after: { fields: Object.keys(patch) } },
      });
    });
    return this.employer(ctx, id);
  }

  async positions(ctx: RequestContext, q: z.output<typeof PositionQuery>) {
    const { rows, total } = await repo.listPositions(
      this.core.db,
      scopeFor(requireActor(ctx), 'jobs:read'),
      { q: q.q, employerId: q.employerId, fairId: q.fairId, category: q.category },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: rows.map(presentPosition), total };
  }

  async position(ctx: RequestContext, id: string) {
    const row = await repo.positionInScope(this.core.db, scopeFor(requireActor(ctx), 'jobs:read'), id);
    if (!row) throw notFound('岗位');
    return presentPosition(row);
  }

  /** the employer must be one the actor manages; the fair one of its subdistrict */
  private async checkRefs(trx: Executor, ctx: RequestContext, employerId: string, fairId: string | null | undefined) {
    const actor = requireActor(ctx);
    const employer = await repo.employerInScope(trx, scopeFor(actor, 'jobs:manage'), employerId);
    if (!employer) throw invalidField('employerId', '用人单位不存在或不在您的管理范围内');
    if (fairId) {
      const fair = await trx
        .selectFrom('jobs_fairs')
        .select(['id', 'status'])
        .where('id', '=', fairId)
        .where('subdistrict_id', '=', employer.subdistrict_id)
        .executeTakeFirst();
      if (!fair) throw invalidField('fairId', '招聘会不存在');
      if (fair.status === 'closed') throw invalidField('fairId', '招聘会已结束，不能再添加岗位');
    }
    return employer;
  }

  async createPosition(ctx: RequestContext, input: PositionData) {
    const id = await this.core.db.transaction().execute(async (trx) => {
      const employer = await this.checkRefs(trx, ctx, input.employerId, input.fairId);
      return this.insertPosition(trx, ctx, employer.subdistrict_id, input);
    });
    return this.position(ctx, id);
  }

  async insertPosition(trx: Executor, ctx: RequestContext, subdistrictId: string, input: PositionData) {
    const id = uuidv7();
    const now = nowIso();
    await repo.insertPosition(trx, {
      id,
      subdistrict_id: subdistrictId,
      employer_id: input.employerId,
      fair_id: input.fairId ?? null,
      title: input.title,
      category: input.category || null,
      industry: input.industry || null,
      district: input.district || null,
      salary_min: input.salaryMin ?? null,
      salary_max: input.salaryMax ?? null,
      education: input.education || null,
      majors: JSON.stringify(input.majors ?? []),
      experience_years: input.experienceYears ?? null,
      headcount: input.headcount ?? 1,
      description: input.description || null,
      skills: input.skills || null,
      open: 1,
      created_at: now,
      updated_at: now,
    });
    await this.core.audit.record(trx, auditActor(ctx), {
      action: 'jobs.position_create',
      targetType: 'jobs_position',
      targetId: id,
      detail: { after: { title: input.title, employerId: input.employerId } },
    });
    return id;
  }

  async updatePosition(ctx: RequestContext, id: string, patch: z.output<typeof PositionPatch>) {
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.positionInScope(trx, scopeFor(requireActor(ctx), 'jobs:manage'), id);
      if (!row) throw notFound('岗位');
      if (patch.employerId || patch.fairId) await this.checkRefs(trx, ctx, patch.employerId ?? row.employer_id, patch.fairId);
      const min = patch.salaryMin !== undefined ? patch.salaryMin : row.salary_min;
      const max = patch.salaryMax !== undefined ? patch.salaryMax : row.salary_max;
      if (min != null && max != null && min > max) throw invalidField('salaryMax', '薪资上限不能低于下限');
      const set: Parameters<typeof repo.updatePosition>[2] = { updated_at: nowIso() };
      if (patch.employerId !== undefined) set.employer_id = patch.employerId;
      if (patch.fairId !== undefined) set.fair_id = patch.fairId ?? null;
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.category !== undefined) set.category = patch.category || null;
      if (patch.industry !== undefined) set.industry = patch.industry || null;
      if (patch.district !== undefined) set.district = patch.district || null;
      if (patch.salaryMin !== undefined) set.salary_min = patch.salaryMin ?? null;
      if (patch.salaryMax !== undefined) set.salary_max = patch.salaryMax ?? null;
      if (patch.education !== undefined) set.education = patch.education || null;
      if (patch.majors !== undefined) set.majors = JSON.stringify(patch.majors);
      if (patch.experienceYears !== undefined) set.experience_years = patch.experienceYears ?? null;
      if (patch.headcount !== undefined) set.headcount = patch.headcount;
      if (patch.description !== undefined) set.description = patch.description || null;
      if (patch.skills !== undefined) set.skills = patch.skills || null;
      if (patch.open !== undefined) set.open = patch.open ? 1 : 0;
      await repo.updatePosition(trx, id, set);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.position_update',
        targetType: 'jobs_position',
        targetId: id,
        detail: { before: { title: row.title, open: row.open === 1 }, after: { fields: Object.keys(patch) } },
      });
    });
    return this.position(ctx, id);
  }

  /** whether a position may be reached by this actor's manage scope (for conflicts in words) */
  async requireOpen(ctx: RequestContext, id: string) {
    const p = await this.position(ctx, id);
    if (!p.open) throw conflict('岗位已停止招聘');
    return p;
  }
}
