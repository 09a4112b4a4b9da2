import { z } from 'zod';
import { CallOutcome } from './care';
import { Id } from './common';

/** Running a campaign after it started (issue #11 §6): its call list, edits, reassigning, closing. */

export const CampaignTaskRow = z.object({
  taskId: Id,
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodName: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  callerId: Id.nullable(),
  callerName: z.string().nullable(),
  status: z.enum(['pending', 'reached', 'unreached']),
  /** pending after an unreached call: back in the queue for another try */
  retry: z.boolean(),
  attempts: z.number().int(),
  lastOutcome: CallOutcome.nullable(),
  lastAttemptAt: z.string().nullable(),
});
export type CampaignTaskRow = z.infer<typeof CampaignTaskRow>;
export const CampaignTaskList = z.object({
  campaignId: Id,
  title: z.string(),
  status: z.enum(['active', 'closed']),
  tasks: z.array(CampaignTaskRow),
});
export type CampaignTaskList = z.infer<typeof CampaignTaskList>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const EditCampaignBody = z
  .object({
    title: z.string().trim().min(1, '请输入活动名称').max(60, '活动名称不能超过 60 个字').optional(),
    startsOn: day.optional(),
    endsOn: day.optional(),
    talkingPoints: z.string().trim().min(1, '请输入慰问要点').max(2000, '慰问要点不能超过 2000 个字').optional(),
  })
  .refine((b) => !b.startsOn || !b.endsOn || b.endsOn >= b.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });

export const ReassignBody = z.object({
  taskIds: z.array(Id).min(1, '请选择要改派的对象').max(5000),
  callerId: Id,
});
export const ReassignResult = z.object({ moved: z.number().int() });

export const CloseCampaignBody = z.object({ note: z.string().trim().max(200, '说明不能超过 200 个字').optional() });
