import type { z } from 'zod';
import type { CampaignTaskList, EditCampaignBody, ReassignBody } from '../../../contracts/care-campaign-admin';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { decryptField, maskPhone } from '../../core/crypto/fields';
import { conflict, invalidField, notFound } from '../../core/errors';
import { type ExportDownload, openExport } from '../../core/excel/export';
import { displayTime } from '../../core/time';
import type { BeneficiariesService } from './beneficiaries.service';
import * as admin from './campaign-admin.repository';
import * as repo from './campaigns.repository';
import { type CampaignsService, campaignTopic } from './campaigns.service';
import { streetAddress } from './domain/address';
import { OUTCOME_LABEL } from './domain/timeline-text';

const STATUS_LABEL: Record<string, string> = { pending: '待拨打', retry: '待重拨', reached: '已接通', unreached: '未接通' };

/**
 * A campaign as staff run it after it started: who is on its list and how far each call got,
 * edits of its wording and dates, reassigning calls, and closing it with its figures frozen.
 */
export class CampaignAdminService {
  constructor(
    private readonly core: Core,
    private readonly campaigns: CampaignsService,
    private readonly beneficiaries: BeneficiariesService,
  ) {}

  private decrypt = (v: string) => decryptField(this.core.keys.field, v);

  private async managed(ctx: RequestContext, id: string) {
    const c = await repo.campaignInScope(this.core.db, scopeFor(requireActor(ctx), 'care:manage'), id);
    if (!c) throw notFound('慰问活动');
    return c;
  }

  private async readable(ctx: RequestContext, id: string) {
    const c = await repo.campaignInScope(this.core.db, scopeFor(requireActor(ctx), 'care:read'), id);
    if (!c) throw notFound('慰问活动');
    return c;
  }

  async tasks(ctx: RequestContext, id: string): Promise<CampaignTaskList> {
    const c = await this.readable(ctx, id);
    const rows = await admin.tasksOf(this.core.db, scopeFor(requireActor(ctx), 'care:read'), id);
    return {
      campaignId: id,
      title: c.title,
      status: c.status as 'active' | 'closed',
      tasks: rows.map((r) => ({
        taskId: r.id,
        beneficiaryId: r.beneficiary_id,
        name: r.name,
        neighborhoodName: r.neighborhood_name,
        address: streetAddress(r, r.neighborhood_name),
        phoneMasked: r.phone_enc ? maskPhone(this.decrypt(r.phone_enc)) : null,
        callerId: r.caller_account_id,
        callerName: r.caller_name,
        status: r.status as 'pending',
        retry: r.status === 'pending' && r.attempts > 0,
        attempts: r.attempts,
        lastOutcome: (r.last_outcome as 'busy' | null) ?? null,
        lastAttemptAt: r.last_attempt_at,
      })),
    };
  }

  async edit(ctx: RequestContext, id: string, input: z.output<typeof EditCampaignBody>) {
    const c = await this.managed(ctx, id);
    if (c.status !== 'active') throw conflict(`慰问活动「${c.title}」已结束，不能再修改`);
    const startsOn = input.startsOn ?? c.starts_on;
    const endsOn = input.endsOn ?? c.ends_on;
    if (endsOn < startsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
    const patch = {
      ...(input.title !== undefined && { title: input.title }),
      ...(input.startsOn !== undefined && { starts_on: input.startsOn }),
      ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
      ...(input.talkingPoints !== undefined && { talking_points: input.talkingPoints }),
    };
    await this.core.db.transaction().execute(async (trx) => {
      if ((await admin.updateCampaign(trx, id, { ...patch, updated_at: nowIso() })) !== 1)
        throw conflict(`慰问活动「${c.title}」已结束，不能再修改`);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.campaign_update',
        targetType: 'care_campaign',
        targetId: id,
        detail: {
          changed: Object.keys(input),
          before: { title: c.title, startsOn: c.starts_on, endsOn: c.ends_on },
          after: { title: input.title, startsOn: input.startsOn, endsOn: input.endsOn },
        },
      });
    });
    await this.core.events.publish(campaignTopic(id), { edited: true });
    return this.campaigns.get(ctx, id);
  }

  async reassign(ctx: RequestContext, id: string, input: z.output<typeof ReassignBody>) {
    const actor = requireActor(ctx);
    const c = await this.managed(ctx, id);
    if (c.status !== 'active') throw conflict(`慰问活动「${c.title}」已结束，不能再改派`);
    const caller = (await this.beneficiaries.careAccounts(ctx)).find((a) => a.id === input.callerId);
    if (!caller) throw invalidField('callerId', '话务员不存在或没有慰问权限');
    const moved = await this.core.db.transaction().execute(async (trx) => {
      const n = await admin.reassignTasks(trx, scopeFor(actor, 'care:manage'), id, input.taskIds, input.callerId);
      if (n === 0) throw conflict('所选对象都已拨打完毕或不在您的管辖范围内，没有可改派的通话');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.campaign_reassign',
        targetType: 'care_campaign',
        targetId: id,
        detail: { tasks: n, asked: input.taskIds.length, to: input.callerId, toName: caller.name },
      });
      return n;
    });
    await this.core.events.publish(campaignTopic(id), { reassigned: moved });
    return { moved };
  }

  /** no more calls: the status and the figures at this moment are stored with the campaign */
  async close(ctx: RequestContext, id: string, note?: string) {
    const actor = requireActor(ctx);
    const c = await this.managed(ctx, id);
    if (c.status !== 'active') throw conflict(`慰问活动「${c.title}」已经结束`);
    await this.core.db.transaction().execute(async (trx) => {
      const counts = (await repo.progressCounts(trx, [id])).map(({ campaignId: _, ...rest }) => rest);
      const at = nowIso();
      if ((await admin.closeCampaign(trx, id, actor.accountId, at, JSON.stringify({ counts, note: note || null }))) !== 1)
        throw conflict(`慰问活动「${c.title}」已经结束`);
      const total = counts.reduce((a, x) => a + x.n, 0);
      const reached = counts.filter((x) => x.status === 'reached').reduce((a, x) => a + x.n, 0);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.campaign_close',
        targetType: 'care_campaign',
        targetId: id,
        detail: { title: c.title, total, reached, note: note || null },
      });
    });
    await this.core.events.publish(campaignTopic(id), { closed: true });
    return this.campaigns.get(ctx, id);
  }

  /** the call list with each person's status, as .xlsx through the core export kit (phones masked), audited */
  async exportCalls(ctx: RequestContext, id: string): Promise<ExportDownload> {
    const list = await this.tasks(ctx, id);
    const detail = await this.campaigns.get(ctx, id);
    const figures = `已接通 ${detail.reached}，未接通 ${detail.unreached}（待重拨 ${detail.retry}），待拨打 ${detail.pending}，共 ${detail.total} 人，拨打 ${detail.attempts} 次`;
    return openExport(
      this.core,
      ctx,
      {
        title: `${list.title}通话清单`,
        filters: `${detail.status === 'closed' ? `已结束（${displayTime(detail.closedAt ?? '')}）` : '进行中'}；${figures}`,
        columns: [
          { header: '姓名', key: 'name', width: 10 },
          { header: '居民区', key: 'neighborhood', width: 10 },
          { header: '地址', key: 'address', width: 28 },
          { header: '手机号码', key: 'phone', width: 14, sensitive: 'phone' },
          { header: '话务员', key: 'caller', width: 16 },
          { header: '状态', key: 'status', width: 8 },
          { header: '拨打次数', key: 'attempts', width: 8 },
          { header: '最近结果', key: 'outcome', width: 10 },
          { header: '最近拨打（北京时间）', key: 'at', width: 20 },
        ],
        rows: list.tasks.map((r) => ({
          name: r.name,
          neighborhood: r.neighborhoodName,
          address: r.address,
          phone: r.phoneMasked,
          caller: r.callerName ?? '未分配',
          status: STATUS_LABEL[r.retry ? 'retry' : r.status],
          attempts: r.attempts,
          outcome: r.lastOutcome ? OUTCOME_LABEL[r.lastOutcome] : '',
          at: r.lastAttemptAt ? displayTime(r.lastAttemptAt) : '',
        })),
      },
      { action: 'care.campaign_export', targetType: 'care_campaign', detail: { campaignId: id, rows: list.tasks.length } },
    );
  }
}
