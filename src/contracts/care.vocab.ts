/**
 * The care module's vocabularies, zod-free so the phone pages can take them: contracts/care.ts
 * builds its schemas from these arrays, the server's domain uses them, and both apps label them
 * (web/locales/care.ts). Chinese labels are what staff see and what imports carry.
 */

export const CARE_PERMISSIONS = ['care:read', 'care:manage', 'care:call', 'care:reveal', 'volunteer:tasks'] as const;
export type CarePermission = (typeof CARE_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<CarePermission, true> {}
}

export const DEFAULT_CATEGORIES = [
  '残疾军人',
  '烈士遗属',
  '因公牺牲军人遗属',
  '病故军人遗属',
  '复员军人',
  '带病回乡退伍军人',
  '参战参试退役军人',
  '现役军人家属',
  '其他退役军人',
] as const;

export const LIVING_SITUATIONS = ['独居', '空巢', '与子女同住', '养老机构', '其他'] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

export const PRIORITY_REASONS = ['独居', '80岁以上', '慢性病', '行动不便', '失能', '近期住院', '空巢', '残疾'] as const;

export const DISABILITY_GRADES = ['一级', '二级', '三级', '四级', '五级', '六级', '七级', '八级', '九级', '十级'] as const;

export const NEED_ITEMS = [
  { code: 'masks', label: '口罩', unit: '个' },
  { code: 'thermometer', label: '体温计', unit: '支' },
  { code: 'disinfectant', label: '消毒液', unit: '瓶' },
  { code: 'staples', label: '米面油', unit: '份' },
  { code: 'vegetables', label: '蔬菜', unit: '份' },
  { code: 'medicine', label: '药品代配', unit: '次' },
  { code: 'escort', label: '就医陪同', unit: '次' },
  { code: 'counselling', label: '心理疏导', unit: '次' },
  { code: 'other', label: '其他', unit: '项' },
] as const;
export type NeedItem = (typeof NEED_ITEMS)[number]['code'];
export const NEED_ITEM_CODES = NEED_ITEMS.map((i) => i.code) as [NeedItem, ...NeedItem[]];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CALL_OUTCOMES = ['reached', 'busy', 'no_answer', 'wrong_number', 'refused'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const HEALTH_STATUSES = ['good', 'fair', 'poor', 'hospitalised'] as const;
export const LIVING_STATUSES = ['normal', 'difficult', 'urgent'] as const;
export const MOODS = ['good', 'fair', 'low'] as const;
export const NEED_STATUSES = ['registered', 'verified', 'arranged', 'delivered', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
