import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common';
import {
  ACTIVITY_KINDS,
  ACTIVITY_MODES,
  BRANCH_ROLES,
  DONATION_KINDS,
  MEMBER_STATUSES,
  ORG_LEVELS,
  REPORT_KINDS,
  REPORT_STATUSES,
} from './party.vocab';

/** Organisation life (组织生活, issue 13): the API's shapes, shared by server and admin pages. */

export const MemberStatus = z.enum(MEMBER_STATUSES, { error: '类别只能是正式党员、预备党员或入党积极分子' });
export const BranchRoleCode = z.enum(BRANCH_ROLES, { error: '支部职务只能是支部书记或支委委员' });
export const ActivityKindCode = z.enum(ACTIVITY_KINDS, { error: '活动类型只能是主题党日、组织生活会、党课或志愿服务' });
export const ReportKindCode = z.enum(REPORT_KINDS, { error: '只能提交思想汇报或心得体会' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);
const optText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullable().optional();
const ClientKey = z.string().min(8, '提交标识无效').max(64, '提交标识无效');

export const Rate = z.number().nullable();

// ---- organisations and members
export const PartyOrg = z.object({
  id: Id,
  level: z.enum(ORG_LEVELS),
  name: z.string(),
  fullName: z.string(),
  parentId: Id.nullable(),
  neighborhoodId: Id.nullable(),
  members: z.number().int(),
  activists: z.number().int(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;
export const OrgList = z.object({ orgs: z.array(PartyOrg) });
export const CreateBranchBody = z.object({ generalBranchId: Id, name: text('支部名称', 20) });

export const MemberQuery = PageQuery.extend({
  branchId: Id.optional(),
  status: MemberStatus.optional(),
  q: z.string().trim().max(40).optional(),
});
export type MemberQuery = z.infer<typeof MemberQuery>;
export const MemberExportQuery = MemberQuery.omit({ page: true, pageSize: true });

export const MemberItem = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  phoneMasked: z.string().nullable(),
  branchId: Id,
  branch: z.string(),
  generalBranch: z.string(),
  status: MemberStatus,
  joinedOn: z.string().nullable(),
  statusSince: z.string().nullable(),
  branchRole: BranchRoleCode.nullable(),
  note: z.string().nullable(),
});
export type MemberItem = z.infer<typeof MemberItem>;
export const MemberPage = pageOf(MemberItem);
export const Transfer = z.object({ from: z.string().nullable(), to: z.string(), at: z.string() });
export const MemberDetail = MemberItem.extend({ transfers: z.array(Transfer) });
export type MemberDetail = z.infer<typeof MemberDetail>;

export const CreateMemberBody = z.object({
  name: text('姓名', 40),
  idNumber: text('身份证号', 30),
  phone: z.string().trim().max(20).nullable().optional(),
  branchId: Id,
  status: MemberStatus,
  joinedOn: Day.nullable().optional(),
  branchRole: BranchRoleCode.nullable().optional(),
  note: optText('备注', 200),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;
export const MemberPatch = z.object({
  branchId: Id.optional(),
  status: MemberStatus.optional(),
  joinedOn: Day.nullable().optional(),
  branchRole: BranchRoleCode.nullable().optional(),
  note: optText('备注', 200),
});
export type MemberPatch = z.infer<typeof MemberPatch>;

// ---- activities
export const BranchAttendance = z.object({
  generalBranch: z.string(),
  branch: z.string(),
  members: z.number().int(),
  attended: z.number().int(),
  onBehalf: z.number().int(),
  rate: Rate,
});
export const ActivityItem = z.object({
  id: Id,
  kind: ActivityKindCode,
  title: z.string(),
  theme: z.string().nullable(),
  startsAt: z.string(),
  mode: z.enum(ACTIVITY_MODES),
  location: z.string().nullable(),
  branches: z.array(z.object({ id: Id, name: z.string() })),
  members: z.number().int(),
  attended: z.number().int(),
  rate: Rate,
});
export type ActivityItem = z.infer<typeof ActivityItem>;
export const ActivityList = z.object({ activities: z.array(ActivityItem) });
export const CreateActivityBody = z.object({
  kind: ActivityKindCode,
  title: text('活动标题', 60),
  theme: optText('主题', 200),
  startsAt: z.iso.datetime({ offset: true, error: '请选择活动时间' }),
  mode: z.enum(ACTIVITY_MODES, { error: '请选择线上或现场' }),
  location: optText('会议链接或地点', 300),
  agenda: optText('议程', 2000),
  materials: optText('学习材料', 2000),
  branchIds: z.array(Id).min(1, '请至少选择一个支部').max(200),
});
export type CreateActivityBody = z.infer<typeof CreateActivityBody>;
export const Thought = z.object({
  id: Id,
  author: z.string(),
  mine: z.boolean(),
  text: z.string(),
  createdAt: z.string(),
  comments: z.array(z.object({ id: Id, author: z.string(), text: z.string(), createdAt: z.string() })),
  photos: z.array(z.object({ fileId: Id, url: z.string(), publishable: z.boolean() })),
});
export const PhotoPublishableBody = z.object({ publishable: z.boolean({ error: '请选择是否可公开' }) });
export type PhotoPublishableBody = z.infer<typeof PhotoPublishableBody>;
export const CheckinRow = z.object({
  memberId: Id,
  name: z.string(),
  branch: z.string(),
  status: MemberStatus,
  checkedInAt: z.string().nullable(),
  onBehalf: z.boolean(),
});
export const ActivityDetail = ActivityItem.extend({
  agenda: z.string().nullable(),
  materials: z.string().nullable(),
  minutes: z.string().nullable(),
  attendance: z.array(BranchAttendance),
  roll: z.array(CheckinRow),
  thoughts: z.array(Thought),
  checkInLink: z.string(),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;
export const OnBehalfBody = z.object({ memberId: Id });
export const MinutesBody = z.object({ minutes: z.string().trim().max(20000, '会议记录不能超过 20000 字') });
export const NotifyBody = z.object({ wecomWebhook: z.url('群机器人地址不是有效的网址').max(500).nullable().optional() });
export const NotifyResult = z.object({ sms: z.number().int(), robot: z.boolean() });

// ---- study materials
export const MaterialInput = z.object({
  title: text('资料标题', 100),
  url: z.url('链接不是有效的网址').max(500).nullable().optional(),
  body: optText('内容', 20000),
});
export const CreatePackageBody = z.object({
  title: text('学习包标题', 60),
  branchIds: z.array(Id).min(1, '请至少选择一个支部').max(200),
  materials: z.array(MaterialInput).min(1, '请至少添加一份资料').max(50),
});
export type CreatePackageBody = z.infer<typeof CreatePackageBody>;
export const PackageItem = z.object({
  id: Id,
  title: z.string(),
  createdAt: z.string(),
  branches: z.array(z.object({ id: Id, name: z.string() })),
  materials: z.number().int(),
  members: z.number().int(),
  readAll: z.number().int(),
});
export const PackageList = z.object({ packages: z.array(PackageItem) });
export const PackageDetail = PackageItem.extend({
  items: z.array(z.object({ id: Id, title: z.string(), url: z.string().nullable(), fileId: Id.nullable(), reads: z.number().int() })),
  readers: z.array(z.object({ memberId: Id, name: z.string(), branch: z.string(), read: z.number().int(), unread: z.array(z.string()) })),
});

// ---- study check-ins
export const StudyBranch = z.object({
  generalBranch: z.string(),
  branch: z.string(),
  members: z.number().int(),
  activeWeek: z.number().int(),
  activeMonth: z.number().int(),
  weekRate: Rate,
  monthRate: Rate,
});
export const StudyMember = z.object({
  memberId: Id,
  name: z.string(),
  branch: z.string(),
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
  lastDate: z.string().nullable(),
  daysSince: z.number().int().nullable(),
  remind: z.boolean(),
});
export const StudyOverview = z.object({
  today: z.string(),
  remindAfterDays: z.number().int(),
  branches: z.array(StudyBranch),
  members: z.array(StudyMember),
});
export const StudyQuery = z.object({ remindAfterDays: z.coerce.number().int().min(1).max(60).default(3) });
export const RemindBody = z.object({ remindAfterDays: z.number().int().min(1).max(60).default(3) });
export const RemindResult = z.object({ reminded: z.number().int() });

// ---- written reports
export const ReportItem = z.object({
  id: Id,
  name: z.string(),
  branch: z.string(),
  kind: ReportKindCode,
  quarter: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  submittedAt: z.string(),
  status: z.enum(REPORT_STATUSES),
  reviewComment: z.string().nullable(),
});
export const Owed = z.object({
  memberId: Id,
  name: z.string(),
  branch: z.string(),
  quarter: z.string(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
});
export const ReportOverview = z.object({ reports: z.array(ReportItem), due: z.array(Owed), overdue: z.array(Owed) });
export const ReviewBody = z.object({
  status: z.enum(['reviewed', 'returned'], { error: '审阅结果只能是已审阅或退回修改' }),
  comment: optText('审阅意见', 1000),
});

// ---- donations
export const CampaignRates = z.object({
  campaign: z.string(),
  branches: z.array(
    z.object({
      generalBranch: z.string(),
      branch: z.string(),
      members: z.number().int(),
      donors: z.number().int(),
      rate: Rate,
      totalFen: z.number().int(),
    }),
  ),
  generalBranches: z.array(
    z.object({ name: z.string(), members: z.number().int(), donors: z.number().int(), rate: Rate, totalFen: z.number().int() }),
  ),
});
export type CampaignRates = z.infer<typeof CampaignRates>;
export const CampaignItem = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(DONATION_KINDS),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  branches: z.array(z.object({ id: Id, name: z.string() })),
  members: z.number().int(),
  donors: z.number().int(),
  rate: Rate,
  totalFen: z.number().int(),
});
export const CampaignList = z.object({ campaigns: z.array(CampaignItem) });
export const CreateCampaignBody = z.object({
  name: text('活动名称', 60),
  kind: z.enum(DONATION_KINDS, { error: '类型只能是捐款或特殊党费' }),
  startsOn: Day,
  endsOn: Day.nullable().optional(),
  branchIds: z.array(Id).min(1, '请至少选择一个支部').max(500),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;
export const DonationItem = z.object({
  id: Id,
  memberId: Id.nullable(),
  name: z.string(),
  branch: z.string(),
  amountFen: z.number().int(),
  kind: z.enum(DONATION_KINDS),
  givenOn: z.string(),
  method: z.string().nullable(),
  receiptNo: z.string().nullable(),
  note: z.string().nullable(),
});
export const CampaignDetail = CampaignItem.extend({ rates: CampaignRates, donations: z.array(DonationItem) });
export const RecordDonationBody = z.object({
  clientKey: ClientKey,
  memberId: Id,
  /** yuan, as typed: 50, "50.5", "￥1,000" */
  amount: z.union([z.string().max(30), z.number()], { error: '请填写金额' }),
  kind: z.enum(DONATION_KINDS).optional(),
  givenOn: Day,
  method: optText('方式', 20),
  receiptNo: optText('收据号', 40),
  note: optText('备注', 200),
});
export type RecordDonationBody = z.infer<typeof RecordDonationBody>;

// ---- branch page and monthly report
export const BranchSummary = z.object({
  id: Id,
  name: z.string(),
  generalBranch: z.string(),
  members: z.number().int(),
  activists: z.number().int(),
  activities: z.array(
    z.object({ id: Id, title: z.string(), startsAt: z.string(), members: z.number().int(), attended: z.number().int(), rate: Rate }),
  ),
  campaigns: z.array(
    z.object({ id: Id, name: z.string(), members: z.number().int(), donors: z.number().int(), rate: Rate, totalFen: z.number().int() }),
  ),
});
export const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM') });
export const MonthlyRow = z.object({
  generalBranch: z.string(),
  members: z.number().int(),
  activities: z.number().int(),
  attendanceRate: Rate,
  studyActiveRate: Rate,
  reportsSubmitted: z.number().int(),
  reportsReviewed: z.number().int(),
  donationRate: Rate,
});
export const MonthlyReport = z.object({ month: z.string(), rows: z.array(MonthlyRow) });

// ---- a member's own pages (phone)
export const MyActivity = z.object({
  id: Id,
  kind: ActivityKindCode,
  title: z.string(),
  theme: z.string().nullable(),
  startsAt: z.string(),
  mode: z.enum(ACTIVITY_MODES),
  location: z.string().nullable(),
  agenda: z.string().nullable(),
  checkedIn: z.boolean(),
});
export const Me = z.object({
  member: z.object({ name: z.string(), branch: z.string(), generalBranch: z.string(), status: MemberStatus }).nullable(),
  activities: z.array(MyActivity),
});
export const MyActivityDetail = MyActivity.extend({ thoughts: z.array(Thought) });
export const PostTextBody = z.object({ clientKey: ClientKey, text: text('内容', 2000) });
export const MyMaterials = z.object({
  packages: z.array(z.object({ id: Id, title: z.string(), items: z.array(z.object({ id: Id, title: z.string(), read: z.boolean() })) })),
});
export const MaterialView = z.object({
  id: Id,
  title: z.string(),
  url: z.string().nullable(),
  body: z.string().nullable(),
  fileId: Id.nullable(),
});
export const StudyCheckinBody = z.object({
  what: text('学习内容', 200),
  minutes: z.number().int('学习时长须为整数分钟').min(1, '学习时长至少 1 分钟').max(1440, '学习时长不能超过 24 小时'),
});
export const MyStudy = z.object({
  today: z.string(),
  checkedInToday: z.boolean(),
  currentStreak: z.number().int(),
  longestStreak: z.number().int(),
  recent: z.array(z.object({ day: z.string(), what: z.string(), minutes: z.number().int() })),
});
export const WriteReportBody = z.object({
  clientKey: ClientKey,
  kind: ReportKindCode,
  quarter: z
    .string()
    .regex(/^\d{4}Q[1-4]$/, '季度格式应为如 2026Q4')
    .nullable()
    .optional(),
  title: text('标题', 60),
  body: text('正文', 20000),
});
export const MyReports = z.object({ reports: z.array(ReportItem) });
export const MyDonations = z.object({ donations: z.array(DonationItem.extend({ campaign: z.string() })), totalFen: z.number().int() });

export const RemindUnreadBody = z.object({ branchId: Id.optional() });
export type RemindUnreadBody = z.infer<typeof RemindUnreadBody>;
export const RemindUnreadResult = z.object({ reminded: z.number().int(), alreadyToday: z.boolean(), message: z.string() });
