/** The job fair module's vocabularies, zod-free for the phone pages (云招聘). */

export const JOBS_PERMISSIONS = ['jobs:read', 'jobs:manage'] as const;
export type JobsPermission = (typeof JOBS_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<JobsPermission, true> {}
}

/** the resource kind a recruiting partner's account is granted on */
export const JOBS_EMPLOYER_RESOURCE = 'jobs.employer';

export const FAIR_STATUSES = ['draft', 'published', 'closed'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];
export const FAIR_STATUS_LABEL: Record<FairStatus, string> = { draft: '草稿', published: '已发布', closed: '已结束' };

export const SEEKER_STATUSES = ['graduate', 'unemployed', 'jobless', 'employed'] as const;
export type SeekerStatus = (typeof SEEKER_STATUSES)[number];
export const SEEKER_STATUS_LABEL: Record<SeekerStatus, string> = {
  graduate: '应届毕业生',
  unemployed: '失业',
  jobless: '无业',
  employed: '在职求职',
};

export const EDUCATIONS = ['初中及以下', '高中', '中专', '大专', '本科', '硕士', '博士'] as const;
export type Education = (typeof EDUCATIONS)[number];

export const GENDERS = ['male', 'female'] as const;
export const GENDER_LABEL: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

/** 上海 16 区 + 不限 (the matcher also takes any other text) */
export const JOB_DISTRICTS = [
  '不限',
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
] as const;

/**
 * Application statuses (投递状态). Part 1 uses the first five; part 2 (interviews) adds its own
 * after them, so the column is free text and screens label unknown codes by this map only.
 */
export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'unsuitable', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  submitted: '已投递',
  viewed: '已查看',
  interview: '邀约面试',
  unsuitable: '不合适',
  withdrawn: '已撤回',
};
/** what an employer or staff may set (withdrawing is the seeker's own act) */
export const EMPLOYER_STATUSES = ['viewed', 'interview', 'unsuitable'] as const;

/** The consent wording a seeker agrees to (stored with each consent, word for word). */
export const CONSENT_WORDING =
  '我同意将本人的求职信息（姓名、性别、出生年份、学历、学校、专业、择业意向、薪酬期望、工作经历、技能证书及简历）提供给本街道招聘会的用人单位，用于岗位推荐和招聘联系。我可以随时撤回同意，撤回后用人单位将立即无法查看我的信息。';
