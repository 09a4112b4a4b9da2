import { z } from 'zod';
import {
  CALL_OUTCOMES,
  HEALTH_STATUSES,
  LIVING_SITUATIONS,
  LIVING_STATUSES,
  MOODS,
  NEED_ITEM_CODES,
  NEED_STATUSES,
  URGENCIES,
} from './care.vocab';
import { Id, PageQuery, pageOf } from './common';

/** Care for entitled beneficiaries (优抚对象): registry, phone check-in campaigns, needs list. */

export const LivingSituation = z.enum(LIVING_SITUATIONS);
export const NeedItem = z.enum(NEED_ITEM_CODES);
export const Urgency = z.enum(URGENCIES);
export const NeedStatus = z.enum(NEED_STATUSES);
export const CallOutcome = z.enum(CALL_OUTCOMES);
export const HealthStatus = z.enum(HEALTH_STATUSES);
export const LivingStatus = z.enum(LIVING_STATUSES);
export const Mood = z.enum(MOODS);

export const Category = z.object({ id: Id, name: z.string(), sort: z.number().int(), active: z.boolean() });
export const CategoryList = z.object({ categories: z.array(Category) });
export const CreateCategoryBody = z.object({ name: z.string().trim().min(1, '请输入类别名称').max(30, '类别名称不能超过 30 个字') });

const optText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullable().optional();

export const BeneficiaryQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  neighborhoodId: Id.optional(),
  categoryId: Id.optional(),
  flag: z.string().trim().max(20).optional(),
  /** last contact older than N days (never contacted counts as older) */
  notContactedDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type BeneficiaryQuery = z.infer<typeof BeneficiaryQuery>;
export const BeneficiaryExportQuery = BeneficiaryQuery.omit({ page: true, pageSize: true });

export const BeneficiaryItem = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  age: z.number().int().nullable(),
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  categoryId: Id,
  category: z.string(),
  livingSituation: LivingSituation.nullable(),
  flags: z.array(z.string()),
  lastContactAt: z.string().nullable(),
  staffName: z.string().nullable(),
  volunteerName: z.string().nullable(),
});
export type BeneficiaryItem = z.infer<typeof BeneficiaryItem>;
export const BeneficiaryPage = pageOf(BeneficiaryItem);

export const ContactChange = z.object({
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
});

export const CallSummary = z.object({
  id: Id,
  at: z.string(),
  outcome: CallOutcome,
  callerName: z.string().nullable(),
  healthStatus: HealthStatus.nullable(),
  livingStatus: LivingStatus.nullable(),
  mood: Mood.nullable(),
  note: z.string().nullable(),
});

export const NeedItemRow = z.object({
  id: Id,
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  item: NeedItem,
  quantity: z.number().int(),
  urgency: Urgency,
  note: z.string().nullable(),
  status: NeedStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NeedItemRow = z.infer<typeof NeedItemRow>;

export const Todo = z.object({
  id: Id,
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodName: z.string(),
  kind: z.enum(['fix_phone', 'follow_up']),
  status: z.enum(['open', 'done']),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const TodoList = z.object({ todos: z.array(Todo) });

export const BeneficiaryDetail = BeneficiaryItem.extend({
  idNumberMasked: z.string().nullable(),
  altPhoneMasked: z.string().nullable(),
  road: z.string().nullable(),
  lane: z.string().nullable(),
  building: z.string().nullable(),
  room: z.string().nullable(),
  disabilityGrade: z.string().nullable(),
  healthNotes: z.string().nullable(),
  priorityReasons: z.array(z.string()),
  emergencyName: z.string().nullable(),
  emergencyPhoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  staffAccountId: Id.nullable(),
  volunteerAccountId: Id.nullable(),
  contactHistory: z.array(ContactChange),
  calls: z.array(CallSummary),
  needs: z.array(NeedItemRow),
  todos: z.array(Todo),
});
export type BeneficiaryDetail = z.infer<typeof BeneficiaryDetail>;

export const BeneficiaryWrite = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(40, '姓名不能超过 40 个字'),
  idNumber: z.string().trim().min(1, '请输入身份证号').max(24),
  gender: z.enum(['male', 'female']).optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  altPhone: z.string().trim().max(24).nullable().optional(),
  neighborhoodId: Id,
  road: optText('路名', 40),
  lane: optText('弄', 10),
  building: optText('号', 10),
  room: optText('室', 10),
  categoryId: Id,
  disabilityGrade: optText('伤残等级', 10),
  livingSituation: LivingSituation.nullable().optional(),
  healthNotes: optText('健康状况', 500),
  priorityReasons: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  emergencyName: optText('紧急联系人', 40),
  emergencyPhone: z.string().trim().max(20).nullable().optional(),
  note: optText('备注', 500),
  staffAccountId: Id.nullable().optional(),
  volunteerAccountId: Id.nullable().optional(),
});
export type BeneficiaryWrite = z.infer<typeof BeneficiaryWrite>;
export const BeneficiaryPatch = BeneficiaryWrite.partial();

export const CareRevealBody = z.object({ field: z.enum(['idNumber', 'phone', 'altPhone', 'emergencyPhone']) });
export const Revealed = z.object({ field: z.string(), value: z.string().nullable() });

// ---- campaigns ------------------------------------------------------------------------------

export const CampaignFilter = z.object({
  neighborhoodIds: z.array(Id).max(50).optional(),
  categoryIds: z.array(Id).max(50).optional(),
  flags: z.array(z.string().max(20)).max(10).optional(),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const CreateCampaignBody = z
  .object({
    title: z.string().trim().min(1, '请输入活动名称').max(60, '活动名称不能超过 60 个字'),
    startsOn: day,
    endsOn: day,
    talkingPoints: z.string().trim().min(1, '请输入慰问要点').max(2000, '慰问要点不能超过 2000 个字'),
    filter: CampaignFilter,
    splitMode: z.enum(['evenly', 'neighborhood']),
    callerIds: z.array(Id).min(1, '请至少选择一位话务员').max(100),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .refine((b) => b.endsOn >= b.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });

export const ProgressRow = z.object({
  key: z.string(),
  label: z.string(),
  reached: z.number().int(),
  /** tried and not reached, including those back in the queue for another try */
  unreached: z.number().int(),
  /** of unreached: back in the queue, waiting for another attempt (待重拨) */
  retry: z.number().int(),
  /** never tried (待拨打) */
  pending: z.number().int(),
  /** calls made over all attempts */
  attempts: z.number().int(),
  total: z.number().int(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

export const CampaignItem = z.object({
  id: Id,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['active', 'closed']),
  /** when it was closed; its figures are then those stored at close */
  closedAt: z.string().nullable(),
  total: z.number().int(),
  reached: z.number().int(),
  unreached: z.number().int(),
  retry: z.number().int(),
  pending: z.number().int(),
  attempts: z.number().int(),
  createdAt: z.string(),
});
export const CampaignList = z.object({ campaigns: z.array(CampaignItem) });

export const CampaignDetail = CampaignItem.extend({
  talkingPoints: z.string(),
  splitMode: z.enum(['evenly', 'neighborhood']),
  maxAttempts: z.number().int(),
  byNeighborhood: z.array(ProgressRow),
  byCaller: z.array(ProgressRow),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;
/** polling fallback of the live progress: the viewer's current view and the event id it stands at */
export const CampaignLive = z.object({ lastEventId: z.string(), view: CampaignDetail });
export type CampaignLive = z.infer<typeof CampaignLive>;

export const Caller = z.object({ id: Id, name: z.string(), roles: z.array(z.string()), neighborhoodNames: z.array(z.string()) });
export const CallerList = z.object({ callers: z.array(Caller) });

export const QueueItem = z.object({
  taskId: Id,
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodName: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  flags: z.array(z.string()),
  attempts: z.number().int(),
  lastOutcome: CallOutcome.nullable(),
  status: z.enum(['pending', 'reached', 'unreached']),
});
export const Queue = z.object({ campaignId: Id, title: z.string(), items: z.array(QueueItem), done: z.number().int() });

export const CallScreen = z.object({
  taskId: Id,
  campaignId: Id,
  campaignTitle: z.string(),
  talkingPoints: z.string(),
  status: z.enum(['pending', 'reached', 'unreached']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  beneficiary: z.object({
    id: Id,
    name: z.string(),
    gender: z.enum(['male', 'female']).nullable(),
    age: z.number().int().nullable(),
    neighborhoodName: z.string(),
    address: z.string(),
    category: z.string(),
    livingSituation: LivingSituation.nullable(),
    flags: z.array(z.string()),
    phoneMasked: z.string().nullable(),
    altPhoneMasked: z.string().nullable(),
    emergencyName: z.string().nullable(),
  }),
  recentCalls: z.array(CallSummary),
  openNeeds: z.array(NeedItemRow),
});
export type CallScreen = z.infer<typeof CallScreen>;

export const CallPhones = z.object({
  phone: z.string().nullable(),
  altPhone: z.string().nullable(),
  emergencyPhone: z.string().nullable(),
});

export const NeedInput = z.object({
  item: NeedItem,
  quantity: z.number().int().min(1, '数量至少为 1').max(9999, '数量过大'),
  urgency: Urgency.default('normal'),
  note: optText('说明', 200),
});

export const RecordCallBody = z
  .object({
    /** made by the client once per submission, so a retry or double tap counts once */
    clientKey: z.string().min(8).max(64),
    outcome: CallOutcome,
    healthStatus: HealthStatus.nullable().optional(),
    livingStatus: LivingStatus.nullable().optional(),
    mood: Mood.nullable().optional(),
    adviceGiven: z.boolean().default(false),
    followUp: z.boolean().default(false),
    note: optText('备注', 500),
    needs: z.array(NeedInput).max(20).default([]),
  })
  .refine((b) => b.outcome === 'reached' || b.needs.length === 0, { message: '未接通时不能登记需求', path: ['needs'] });

export const RecordCallResult = z.object({
  callId: Id,
  taskStatus: z.enum(['pending', 'reached', 'unreached']),
  requeued: z.boolean(),
  needIds: z.array(Id),
  duplicate: z.boolean(),
});

// ---- needs ------------------------------------------------------------------------------------

export const NeedQuery = PageQuery.extend({
  /** a person's name, pinyin initials or phone tail */
  q: z.string().trim().max(40).optional(),
  status: NeedStatus.optional(),
  open: z.enum(['true', 'false']).optional(),
  item: NeedItem.optional(),
  neighborhoodId: Id.optional(),
});
export const NeedExportQuery = NeedQuery.omit({ page: true, pageSize: true });
export const NeedPage = pageOf(NeedItemRow);

export const NeedsSummaryCell = z.object({
  item: NeedItem,
  label: z.string(),
  unit: z.string(),
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  quantity: z.number().int(),
  people: z.number().int(),
  urgent: z.number().int(),
});
export const NeedsSummary = z.object({ cells: z.array(NeedsSummaryCell) });

export const CreateNeedBody = NeedInput.extend({ beneficiaryId: Id });
export const MoveNeedBody = z.object({ to: NeedStatus, note: optText('说明', 200) });
