import { z } from 'zod';
import { LIVING_SITUATIONS, NEED_ITEM_CODES } from './care.vocab';
import { Id } from './common';
import { FileInfo } from './files';

/** 上门走访 (home visits) and 关爱看板 (the care dashboard): care part 2, §2 and §5. */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullable().optional();

export const VISIT_STATES = ['overdue', 'due', 'ok'] as const;
export const VisitState = z.enum(VISIT_STATES);
export const VISIT_STATUSES = ['scheduled', 'done', 'cancelled'] as const;
export const VisitStatus = z.enum(VISIT_STATUSES);

export const VisitRuleItem = z.object({
  id: Id,
  name: z.string(),
  anyFlag: z.boolean(),
  flag: z.string().nullable(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  minAge: z.number().int().nullable(),
  livingSituation: z.string().nullable(),
  intervalDays: z.number().int(),
  active: z.boolean(),
  description: z.string(),
});
export type VisitRuleItem = z.infer<typeof VisitRuleItem>;
export const VisitRuleList = z.object({ rules: z.array(VisitRuleItem) });

export const VisitRuleWrite = z.object({
  name: z.string().trim().min(1, '请输入规则名称').max(40, '规则名称不能超过 40 个字'),
  anyFlag: z.boolean().default(false),
  flag: z.string().trim().max(20, '重点关注原因不能超过 20 个字').nullable().optional(),
  categoryId: Id.nullable().optional(),
  minAge: z.number().int().min(0, '年龄不能小于 0').max(120, '年龄不能大于 120').nullable().optional(),
  livingSituation: z.enum(LIVING_SITUATIONS).nullable().optional(),
  intervalDays: z
    .number({ message: '请输入走访间隔天数' })
    .int('走访间隔应为整数天')
    .min(1, '走访间隔至少 1 天')
    .max(365, '走访间隔不能超过 365 天'),
  active: z.boolean().default(true),
});
export type VisitRuleWrite = z.infer<typeof VisitRuleWrite>;

export const VisitDueQuery = z.object({
  neighborhoodId: Id.optional(),
  state: z.enum(['overdue', 'due', 'ok', 'attention']).optional(),
});

export const ScheduledVisit = z.object({ id: Id, scheduledOn: z.string().nullable(), visitorNames: z.array(z.string()) });

export const VisitDueItem = z.object({
  beneficiaryId: Id,
  name: z.string(),
  age: z.number().int().nullable(),
  neighborhoodId: Id,
  neighborhoodName: z.string(),
  address: z.string(),
  category: z.string(),
  flags: z.array(z.string()),
  ruleName: z.string(),
  intervalDays: z.number().int(),
  lastVisitOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  state: VisitState,
  daysOverdue: z.number().int(),
  staffName: z.string().nullable(),
  scheduled: ScheduledVisit.nullable(),
});
export type VisitDueItem = z.infer<typeof VisitDueItem>;
export const VisitDueList = z.object({
  today: z.string(),
  items: z.array(VisitDueItem),
  counts: z.object({ overdue: z.number().int(), due: z.number().int(), ok: z.number().int() }),
});
export type VisitDueList = z.infer<typeof VisitDueList>;

export const ScheduleVisitBody = z.object({
  clientKey: z.string().min(8).max(64),
  beneficiaryId: Id,
  scheduledOn: Day,
  visitorAccountIds: z.array(Id).max(5, '一次走访最多指派 5 人').default([]),
});
export const PatchVisitBody = z.object({
  scheduledOn: Day.optional(),
  visitorAccountIds: z.array(Id).max(5, '一次走访最多指派 5 人').optional(),
});

export const RecordVisitBody = z.object({
  clientKey: z.string().min(8).max(64),
  doneOn: Day,
  visitors: z.string().trim().min(1, '请填写走访人').max(60, '走访人不能超过 60 个字'),
  conditionSeen: z.string().trim().min(1, '请填写走访所见情况').max(500, '走访所见情况不能超过 500 个字'),
  supplies: optText('送去物资', 200),
  concerns: optText('问题与诉求', 500),
  nextVisitOn: Day.nullable().optional(),
});
export type RecordVisitBody = z.infer<typeof RecordVisitBody>;
/** an unscheduled visit recorded straight away */
export const RecordNewVisitBody = RecordVisitBody.extend({ beneficiaryId: Id });

export const VisitItem = z.object({
  id: Id,
  beneficiaryId: Id,
  name: z.string(),
  neighborhoodName: z.string(),
  status: VisitStatus,
  scheduledOn: z.string().nullable(),
  visitorAccountIds: z.array(Id),
  visitorNames: z.array(z.string()),
  doneOn: z.string().nullable(),
  visitors: z.string().nullable(),
  conditionSeen: z.string().nullable(),
  supplies: z.string().nullable(),
  concerns: z.string().nullable(),
  nextVisitOn: z.string().nullable(),
  photos: z.array(FileInfo),
  /** the photos marked 可公开 (for the bulletin) because the person visited agreed: who recorded it, when */
  photoConsents: z.array(z.object({ fileId: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type VisitItem = z.infer<typeof VisitItem>;
export const VisitQuery = z.object({ beneficiaryId: Id.optional(), status: VisitStatus.optional() });
export const VisitList = z.object({ visits: z.array(VisitItem) });

export const VisitRobot = z.object({ orgId: Id, orgName: z.string(), webhookMasked: z.string().nullable() });
export const VisitRobotList = z.object({ robots: z.array(VisitRobot) });
export const VisitRobotBody = z.object({
  orgId: Id,
  webhook: z.union([z.literal(''), z.string().trim().url('机器人地址应为 http(s) 网址').max(500)]),
});

// ---- 关爱看板

export const DashboardQuery = z.object({ neighborhoodId: Id.optional() });
export const NEED_AGE_BUCKETS = ['le3', 'le7', 'le30', 'gt30'] as const;
export const NeedAgeBucket = z.enum(NEED_AGE_BUCKETS);
export const Count = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const Dashboard = z.object({
  today: z.string(),
  neighborhoodId: Id.nullable(),
  beneficiaries: z.number().int(),
  byCategory: z.array(Count.extend({ categoryId: Id })),
  byFlag: z.array(Count),
  contacted: z.object({ d7: z.number().int(), d30: z.number().int(), never: z.number().int() }),
  needsOpen: z.object({
    total: z.number().int(),
    byItem: z.array(Count.extend({ item: z.enum(NEED_ITEM_CODES), quantity: z.number().int() })),
    byAge: z.array(Count.extend({ bucket: NeedAgeBucket })),
  }),
  deliveries: z.object({ done: z.number().int(), pending: z.number().int(), wired: z.boolean() }),
  visits: z.object({ overdue: z.number().int(), due: z.number().int(), ok: z.number().int(), covered: z.number().int() }),
  neighborhoods: z.array(
    z.object({
      neighborhoodId: Id,
      name: z.string(),
      beneficiaries: z.number().int(),
      contacted7: z.number().int(),
      contacted30: z.number().int(),
      needsOpen: z.number().int(),
      visitsOverdue: z.number().int(),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DASHBOARD_FIGURES = ['neighborhoods', 'category', 'flag', 'contacted', 'needs', 'visits'] as const;
export const DashboardExportQuery = DashboardQuery.extend({ figure: z.enum(DASHBOARD_FIGURES) });

/** marks a visit photo 可公开 or takes the mark back; marking needs the visited person's consent ticked */
export const PhotoConsentBody = z.object({
  publishable: z.boolean({ error: '请指定是否可公开' }),
  /** 受访者同意公开: staff confirm the person visited agreed to the photo being published */
  consent: z.boolean().default(false),
});
