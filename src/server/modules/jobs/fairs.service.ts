import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { FairPatch, FairWrite, PublishBody } from '../../../contracts/jobs';
import { FAIR_STATUS_LABEL, type FairStatus } from '../../../contracts/jobs.vocab';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField } from '../../core/crypto/fields';
import { conflict, forbidden, notFound } from '../../core/errors';
import { displayTime } from '../../core/time';
import { presentFair, presentPosition } from './jobs.presenter';
import * as repo from './jobs.repository';
import { DEFAULT_FAIR, fairCoverage, round } from './matching';

export const FAIR_SMS = '【邻里】{title} 将于 {time} 在线举行，{organiser} 主办，共 {positions} 个岗位。查看岗位并报名：{link}';
export const FAIR_ROBOT =
  '### {title}\n- 时间：{time}\n- 主办：{organiser}\n- 岗位：{positions} 个\n- 联系电话：{phone}\n- 报名入口：{link}';

/** 招聘会: create, edit, publish (announced through core notify), close; the public page reads published ones. */
export class FairsService {
  constructor(readonly core: Core) {}

  private staffScope(ctx: RequestContext, permission: 'jobs:read' | 'jobs:manage') {
    return scopeFor(requireActor(ctx), permission);
  }

  async list(ctx: RequestContext) {
    const rows = await repo.listFairs(this.core.db, this.staffScope(ctx, 'jobs:read'));
    return rows.map((r) => presentFair(r));
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.fairInScope(this.core.db, this.staffScope(ctx, 'jobs:read'), id);
    if (!row) throw notFound('招聘会');
    return presentFair(row);
  }

  async create(ctx: RequestContext, input: z.output<typeof FairWrite>) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'jobs:manage');
    if (!scope.subdistrictIds.includes(actor.subdistrictId)) throw forbidden('只有街道就业服务人员可以创建招聘会');
    const id = uuidv7();
    const now = nowIso();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertFair(trx, {
        id,
        subdistrict_id: actor.subdistrictId,
        title: input.title,
        starts_at: input.startsAt,
        organiser: input.organiser,
        partners: JSON.stringify(input.partners ?? []),
        description: input.description || null,
        contact_phone: input.contactPhone || null,
        contact_email: input.contactEmail || null,
        registration_deadline: input.registrationDeadline ?? null,
        status: 'draft',
        published_at: null,
        created_by: actor.system ? null : actor.accountId,
        created_at: now,
        updated_at: now,
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.fair_create',
        targetType: 'jobs_fair',
        targetId: id,
        detail: { after: { title: input.title, startsAt: input.startsAt } },
      });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, patch: z.output<typeof FairPatch>) {
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.fairInScope(trx, this.staffScope(ctx, 'jobs:manage'), id);
      if (!row) throw notFound('招聘会');
      if (row.status === 'closed') throw conflict('招聘会已结束，不能再修改');
      const set: Parameters<typeof repo.updateFair>[2] = { updated_at: nowIso() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.startsAt !== undefined) set.starts_at = patch.startsAt;
      if (patch.organiser !== undefined) set.organiser = patch.organiser;
      if (patch.partners !== undefined) set.partners = JSON.stringify(patch.partners);
      if (patch.description !== undefined) set.description = patch.description || null;
      if (patch.contactPhone !== undefined) set.contact_phone = patch.contactPhone || null;
      if (patch.contactEmail !== undefined) set.contact_email = patch.contactEmail || null;
      if (patch.registrationDeadline !== undefined) set.registration_deadline = patch.registrationDeadline ?? null;
      await repo.updateFair(trx, id, set);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.fair_update',
        targetType: 'jobs_fair',
        targetId: id,
        detail: { before: { title: row.title, startsAt: row.starts_at }, after: { fields: Object.keys(patch) } },
      });
    });
    return this.get(ctx, id);
  }

  /** Publishes a draft: the announcement goes to the group robots given and by SMS to every registered seeker who opted in. */
  async publish(ctx: RequestContext, id: string, body: z.output<typeof PublishBody>, publicUrl: (fairId: string) => string) {
    let announced = { sms: 0, robots: 0 };
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.fairInScope(trx, this.staffScope(ctx, 'jobs:manage'), id);
      if (!row) throw notFound('招聘会');
      if (row.status !== 'draft') throw conflict(`招聘会当前状态为「${FAIR_STATUS_LABEL[row.status as FairStatus]}」，不能重复发布`);
      const now = nowIso();
      if (!(await repo.moveFair(trx, id, 'draft', { status: 'published', published_at: now, updated_at: now }))) {
        throw conflict('该招聘会刚被他人更新，请刷新后重试');
      }
      const variables = {
        title: row.title,
        time: displayTime(row.starts_at),
        organiser: row.organiser,
        positions: Number(row.position_count ?? 0),
        phone: row.contact_phone ?? '—',
        link: publicUrl(id),
      };
      const source = { module: 'jobs', type: 'fair', id };
      for (const robot of body.robots) {
        await this.core.notify.enqueue(trx, {
          subdistrictId: row.subdistrict_id,
          to: robot,
          subject: row.title,
          template: FAIR_ROBOT,
          variables,
          format: 'markdown',
          source,
          createdBy: requireActor(ctx).accountId,
        });
      }
      const seekers = await repo.smsOptedIn(trx, row.subdistrict_id);
      for (const s of seekers) {
        await this.core.notify.enqueue(trx, {
          subdistrictId: row.subdistrict_id,
          to: { channel: 'sms', phone: decryptField(this.core.keys.field, s.phone_enc as string) },
          template: FAIR_SMS,
          variables,
          source,
          createdBy: requireActor(ctx).accountId,
        });
      }
      announced = { sms: seekers.length, robots: body.robots.length };
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.fair_publish',
        targetType: 'jobs_fair',
        targetId: id,
        detail: { after: { status: 'published', ...announced } },
      });
    });
    this.core.notify.wake();
    return { fair: await this.get(ctx, id), announced };
  }

  async close(ctx: RequestContext, id: string) {
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.fairInScope(trx, this.staffScope(ctx, 'jobs:manage'), id);
      if (!row) throw notFound('招聘会');
      if (row.status !== 'published') throw conflict('只有已发布的招聘会可以结束');
      if (!(await repo.moveFair(trx, id, 'published', { status: 'closed', updated_at: nowIso() }))) {
        throw conflict('该招聘会刚被他人更新，请刷新后重试');
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'jobs.fair_close',
        targetType: 'jobs_fair',
        targetId: id,
        detail: { after: { status: 'closed' } },
      });
    });
    return this.get(ctx, id);
  }

  /** 人岗对接 for the whole fair: recommendations within each position's interview capacity, and the coverage they reach */
  async coverage(ctx: RequestContext, id: string) {
    const fair = await repo.fairInScope(this.core.db, this.staffScope(ctx, 'jobs:read'), id);
    if (!fair) throw notFound('招聘会');
    const positions = await repo.fairPositions(this.core.db, id);
    const seekers = await repo.subdistrictSeekers(this.core.db, fair.subdistrict_id);
    const r = fairCoverage(seekers, positions);
    return {
      seekers: seekers.length,
      positions: positions.length,
      coverage: r ? round(r.coverage) : 0,
      coverageUnconstrained: r ? round(r.coverageUnconstrained) : 0,
      threshold: DEFAULT_FAIR.threshold,
      goodCount: DEFAULT_FAIR.goodCount,
      maxLoadRatio: r ? round(r.maxLoadRatio) : 0,
      maxLoadRatioUnconstrained: r ? round(r.maxLoadRatioUnconstrained) : 0,
      overCapacityUnconstrained: r?.overCapacityUnconstrained ?? 0,
      byPosition: positions.map((p, i) => ({
        positionId: p.id,
        title: p.title,
        employerName: p.employer_name,
        load: r?.load[i] ?? 0,
        capacity: r?.capacity[i] ?? 0,
      })),
    };
  }

  /** the public page: a published or finished fair and its open positions, no sign-in */
  async publicPage(id: string) {
    const row = await repo.publicFair(this.core.db, id);
    if (!row) throw notFound('招聘会');
    const { seekers: _s, ...fair } = presentFair(row);
    const positions = (await repo.fairPositions(this.core.db, id)).map((p) => {
      const { applicants: _a, ...rest } = presentPosition(p);
      return rest;
    });
    return { fair, positions };
  }

  async publicList() {
    return (await repo.publishedFairs(this.core.db)).map((r) => {
      const { seekers: _s, ...fair } = presentFair(r);
      return fair;
    });
  }
}
