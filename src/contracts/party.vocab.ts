/** The party module's vocabularies (组织生活), zod-free so the phone pages can take them. */

export const PARTY_PERMISSIONS = ['party:read', 'party:manage'] as const;
export type PartyPermission = (typeof PARTY_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<PartyPermission, true> {}
}

export const MEMBER_STATUSES = ['full', 'probationary', 'activist'] as const;
export type MemberStatusCode = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatusCode, string> = {
  full: '正式党员',
  probationary: '预备党员',
  activist: '入党积极分子',
};

export const BRANCH_ROLES = ['secretary', 'committee'] as const;
export type BranchRole = (typeof BRANCH_ROLES)[number];
export const BRANCH_ROLE_LABELS: Record<BranchRole, string> = { secretary: '支部书记', committee: '支委委员' };

export const ORG_LEVELS = ['committee', 'general_branch', 'branch'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = { committee: '党工委', general_branch: '党总支', branch: '党支部' };

export const ACTIVITY_KINDS = ['themed_day', 'org_life_meeting', 'party_lecture', 'volunteer'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  themed_day: '主题党日',
  org_life_meeting: '组织生活会',
  party_lecture: '党课',
  volunteer: '志愿服务',
};

export const ACTIVITY_MODES = ['online', 'onsite'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];
export const ACTIVITY_MODE_LABELS: Record<ActivityMode, string> = { online: '线上', onsite: '现场' };

export const REPORT_KINDS = ['thought_report', 'reflection'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { thought_report: '思想汇报', reflection: '心得体会' };

export const REPORT_STATUSES = ['submitted', 'reviewed', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { submitted: '待审阅', reviewed: '已审阅', returned: '退回修改' };

export const DONATION_KINDS = ['donation', 'special_dues'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const DONATION_KIND_LABELS: Record<DonationKind, string> = { donation: '捐款', special_dues: '特殊党费' };

export const PAY_METHODS = ['现金', '微信', '支付宝', '银行转账', '其他'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];
