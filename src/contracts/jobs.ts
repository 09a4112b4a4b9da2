import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common';
import { FileInfo } from './files';
import { APPLICATION_STATUSES, EDUCATIONS, EMPLOYER_STATUSES, FAIR_STATUSES, GENDERS, SEEKER_STATUSES } from './jobs.vocab';

/** Online job fairs (云招聘), part 1: fairs, employers, positions, seekers, consent, applications, matching. */

export const FairStatus = z.enum(FAIR_STATUSES);
export const SeekerStatus = z.enum(SEEKER_STATUSES, { error: '请选择求职状态' });
export const Education = z.enum(EDUCATIONS, { error: '请选择学历' });

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);
const optText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullable().optional();
const yuan = (label: string) =>
  z
    .number({ error: `${label}须为数字（元/月）` })
    .int(`${label}须为整数（元/月）`)
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`);
const list = (label: string, n: number) =>
  z.array(z.string().trim().min(1).max(40, `${label}每项不能超过 40 个字`)).max(n, `${label}最多 ${n} 项`);
const iso = (label: string) => z.iso.datetime({ error: `${label}格式不正确` });
const MOBILE = /^1[3-9]\d{9}$/;
const phone = (label: string) => z.string().trim().regex(MOBILE, `${label}须为 11 位手机号码`);

function salaryOrder<T extends { salaryMin?: number | null; salaryMax?: number | null }>(v: T, ctx: z.RefinementCtx) {
  if (v.salaryMin != null && v.salaryMax != null && v.salaryMin > v.salaryMax) {
    ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: '薪资上限不能低于下限' });
  }
}

// ---- fairs
export const FairWrite = z.object({
  title: text('招聘会名称', 60),
  startsAt: iso('开始时间'),
  organiser: text('主办单位', 60),
  partners: list('合作方', 10).default([]),
  description: optText('介绍', 2000),
  contactPhone: optText('联系电话', 30),
  contactEmail: z.email({ error: '联系邮箱格式不正确' }).nullable().optional(),
  registrationDeadline: iso('报名截止时间').nullable().optional(),
});
export type FairWrite = z.infer<typeof FairWrite>;
export const FairPatch = FairWrite.partial();
export const Fair = z.object({
  id: Id,
  title: z.string(),
  startsAt: z.string(),
  organiser: z.string(),
  partners: z.array(z.string()),
  description: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  registrationDeadline: z.string().nullable(),
  status: FairStatus,
  publishedAt: z.string().nullable(),
  positions: z.number().int(),
  seekers: z.number().int(),
});
export type Fair = z.infer<typeof Fair>;
export const FairList = z.object({ fairs: z.array(Fair) });
export const PublishBody = z.object({
  /** group robots to post the announcement to (WeCom / DingTalk) */
  robots: z
    .array(z.object({ channel: z.enum(['wecom', 'dingtalk']), webhook: z.url({ error: '机器人地址格式不正确' }) }))
    .max(10)
    .default([]),
});
export const PublishResult = z.object({ fair: Fair, announced: z.object({ sms: z.number().int(), robots: z.number().int() }) });

/** the fair-level view (人岗对接 without flooding): recommendations within interview capacity, and coverage */
export const FairCoverage = z.object({
  seekers: z.number().int(),
  positions: z.number().int(),
  /** share of seekers with ≥ goodCount recommendations scoring ≥ threshold, within capacity */
  coverage: z.number(),
  coverageUnconstrained: z.number(),
  threshold: z.number(),
  goodCount: z.number().int(),
  maxLoadRatio: z.number(),
  maxLoadRatioUnconstrained: z.number(),
  overCapacityUnconstrained: z.number().int(),
  byPosition: z.array(
    z.object({ positionId: Id, title: z.string(), employerName: z.string(), load: z.number().int(), capacity: z.number().int() }),
  ),
});
export type FairCoverage = z.infer<typeof FairCoverage>;

// ---- employers
export const EmployerWrite = z.object({
  name: text('单位名称', 80),
  industry: optText('行业', 40),
  contactName: optText('联系人', 30),
  contactPhone: optText('联系电话', 30),
  description: optText('单位介绍', 2000),
});
export const EmployerPatch = EmployerWrite.partial();
export const Employer = z.object({
  id: Id,
  name: z.string(),
  industry: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  description: z.string().nullable(),
  positions: z.number().int(),
});
export type Employer = z.infer<typeof Employer>;
export const EmployerList = z.object({ employers: z.array(Employer) });

// ---- positions
const PositionFields = z.object({
  employerId: Id,
  fairId: Id.nullable().optional(),
  title: text('岗位名称', 60),
  category: optText('岗位类别', 40),
  industry: optText('行业', 40),
  district: optText('工作地点', 20),
  salaryMin: yuan('最低月薪').nullable().optional(),
  salaryMax: yuan('最高月薪').nullable().optional(),
  education: optText('学历要求', 20),
  majors: list('专业', 20).default([]),
  experienceYears: z
    .number({ error: '工作年限须为数字' })
    .int('工作年限须为整数')
    .min(0, '工作年限不能为负数')
    .max(50, '工作年限不能超过 50 年')
    .nullable()
    .optional(),
  headcount: z
    .number({ error: '招聘人数须为数字' })
    .int('招聘人数须为整数')
    .min(1, '招聘人数至少 1 人')
    .max(10_000, '招聘人数过大')
    .default(1),
  description: optText('岗位描述', 4000),
  skills: optText('技能要求', 1000),
});
export const PositionWrite = PositionFields.superRefine(salaryOrder);
export type PositionWrite = z.infer<typeof PositionWrite>;
export const PositionPatch = PositionFields.partial().extend({ open: z.boolean().optional() }).superRefine(salaryOrder);
export const PositionQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  employerId: Id.optional(),
  fairId: Id.optional(),
  category: z.string().trim().max(40).optional(),
});
export const Position = z.object({
  id: Id,
  employerId: Id,
  employerName: z.string(),
  fairId: Id.nullable(),
  title: z.string(),
  category: z.string().nullable(),
  industry: z.string().nullable(),
  district: z.string().nullable(),
  salaryMin: z.number().int().nullable(),
  salaryMax: z.number().int().nullable(),
  education: z.string().nullable(),
  majors: z.array(z.string()),
  experienceYears: z.number().int().nullable(),
  headcount: z.number().int(),
  description: z.string().nullable(),
  skills: z.string().nullable(),
  open: z.boolean(),
  applicants: z.number().int(),
});
export type Position = z.infer<typeof Position>;
export const PositionPage = pageOf(Position);

// ---- seekers
const HHMM = /^([01]?\d|2[0-3]):[0-5]\d$/;
const clock = (label: string) => z.string({ error: `请填写${label}` }).regex(HHMM, `${label}须为 时:分，如 13:00`);
/** windows of a fair day, [from, to] in local "HH:mm" */
export const fairDayWindows = z
  .array(z.tuple([clock('可参加时段的开始时间'), clock('可参加时段的结束时间')]))
  .max(5, '可参加时段最多 5 段')
  .refine((ws) => ws.every(([a, b]) => a.padStart(5, '0') < b.padStart(5, '0')), '可参加时段的结束须晚于开始');
export const SeekerProfile = z
  .object({
    name: text('姓名', 40),
    gender: z.enum(GENDERS, { error: '请选择性别' }).nullable().optional(),
    birthYear: z.number({ error: '出生年份须为数字' }).int().min(1940, '出生年份不正确').max(2015, '出生年份不正确').nullable().optional(),
    status: SeekerStatus,
    education: Education,
    school: optText('学校', 60),
    major: optText('专业', 40),
    graduationYear: z
      .number({ error: '毕业年份须为数字' })
      .int()
      .min(1960, '毕业年份不正确')
      .max(2035, '毕业年份不正确')
      .nullable()
      .optional(),
    categories: list('意向岗位类别', 5).default([]),
    industries: list('意向行业', 5).default([]),
    districts: list('意向区域', 5).default([]),
    salaryMin: yuan('期望月薪下限').nullable().optional(),
    salaryMax: yuan('期望月薪上限').nullable().optional(),
    experienceYears: z
      .number({ error: '工作年限须为数字' })
      .int()
      .min(0, '工作年限不能为负数')
      .max(50, '工作年限不能超过 50 年')
      .nullable()
      .optional(),
    skills: optText('技能和证书', 1000),
    smsOptIn: z.boolean().default(false),
    /** the times the seeker can attend on the fair day (optional; none: any time) */
    available: fairDayWindows.nullable().optional(),
  })
  .superRefine(salaryOrder);
export type SeekerProfile = z.infer<typeof SeekerProfile>;
/** a seeker who phoned in, registered by staff: found again by ID number (core people) */
export const SeekerRegister = z
  .object({
    idNumber: z.string({ error: '请填写身份证号' }).trim().min(1, '请填写身份证号'),
    phone: phone('手机号码'),
    consent: z.boolean().default(false),
  })
  .and(SeekerProfile);
export const SeekerQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  status: SeekerStatus.optional(),
  consented: z.enum(['true', 'false']).optional(),
});
export const SeekerExportQuery = SeekerQuery.omit({ page: true, pageSize: true });
export const Seeker = z.object({
  id: Id,
  name: z.string(),
  gender: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  phoneMasked: z.string().nullable(),
  status: SeekerStatus,
  education: z.string(),
  school: z.string().nullable(),
  major: z.string().nullable(),
  graduationYear: z.number().int().nullable(),
  categories: z.array(z.string()),
  industries: z.array(z.string()),
  districts: z.array(z.string()),
  salaryMin: z.number().int().nullable(),
  salaryMax: z.number().int().nullable(),
  experienceYears: z.number().int().nullable(),
  skills: z.string().nullable(),
  smsOptIn: z.boolean(),
  available: z.array(z.tuple([z.string(), z.string()])).nullable(),
  consented: z.boolean(),
  consentedAt: z.string().nullable(),
  registeredBy: z.enum(['self', 'staff']),
  createdAt: z.string(),
  /** the latest resume (PDF), on a seeker's own page and a single seeker's detail; not in lists */
  resume: FileInfo.nullable().optional(),
});
export type Seeker = z.infer<typeof Seeker>;
export const SeekerPage = pageOf(Seeker);
export const RevealedPhone = z.object({ field: z.literal('phone'), value: z.string().nullable() });
export const MySeeker = z.object({ seeker: Seeker.nullable(), consentWording: z.string() });
export const ConsentBody = z.object({ wording: z.string().max(2000), fairId: Id.nullable().optional() });

// ---- matching
export const PositionMatch = z.object({ position: Position, score: z.number(), reasons: z.array(z.string()), applied: z.boolean() });
export const PositionMatches = z.object({ matches: z.array(PositionMatch) });
export const SeekerMatch = z.object({ seeker: Seeker, score: z.number(), reasons: z.array(z.string()) });
export const SeekerMatches = z.object({ matches: z.array(SeekerMatch) });
export const MatchQuery = z.object({ top: z.coerce.number().int().min(1).max(50).default(10) });

// ---- applications
export const ApplyBody = z.object({ positionId: Id, clientKey: z.string().trim().min(8, '请求标识无效').max(64) });
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export const Application = z.object({
  id: Id,
  positionId: Id,
  positionTitle: z.string(),
  employerName: z.string(),
  seekerId: Id,
  seekerName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  createdBy: z.enum(['self', 'staff']),
  createdAt: z.string(),
  score: z.number().nullable(),
  reasons: z.array(z.string()),
  seeker: Seeker.nullable(),
});
export type Application = z.infer<typeof Application>;
export const ApplicationList = z.object({ applications: z.array(Application) });
export const ApplicationQuery = z.object({ positionId: Id.optional(), employerId: Id.optional(), status: z.string().max(20).optional() });
export const MoveApplicationBody = z.object({ status: z.enum(EMPLOYER_STATUSES, { error: '请选择投递状态' }) });

// ---- statistics
const Count = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const JobsStats = z.object({
  seekers: z.number().int(),
  consenting: z.number().int(),
  positions: z.number().int(),
  applications: z.number().int(),
  byStatus: z.array(Count),
  byEducation: z.array(Count),
  byIntention: z.array(Count),
  positionsByCategory: z.array(Count),
  salaryGap: z.array(
    z.object({
      category: z.string(),
      seekers: z.number().int(),
      positions: z.number().int(),
      expected: z.number().nullable(),
      offered: z.number().nullable(),
      gap: z.number().nullable(),
    }),
  ),
});
export type JobsStats = z.infer<typeof JobsStats>;

// ---- public fair page
export const PublicFair = z.object({
  fair: Fair.omit({ seekers: true }),
  positions: z.array(Position.omit({ applicants: true })),
});
export const PublicFairList = z.object({ fairs: z.array(Fair.omit({ seekers: true })) });
