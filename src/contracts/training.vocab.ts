/** The training module's vocabularies, zod-free for the phone pages (业委会培训). */

export const TRAINING_PERMISSIONS = ['training:read', 'training:manage'] as const;
export type TrainingPermission = (typeof TRAINING_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<TrainingPermission, true> {}
}

/** Question kinds of the bank, with their Chinese names. */
export const QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuestionKindCode = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_NAMES: Record<QuestionKindCode, string> = { single: '单选题', multiple: '多选题', true_false: '判断题' };

/** The bank's usual tags (the office may use others). */
export const TRAINING_TAGS = ['业主大会', '业委会组建', '换届改选', '物业管理', '维修资金', '财务公开'] as const;

export const MEMBER_ROLES = ['director', 'deputy', 'member', 'secretary'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_NAMES: Record<MemberRole, string> = { director: '主任', deputy: '副主任', member: '委员', secretary: '执行秘书' };

export const QUIZ_MODES = ['live', 'self_paced'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];
export const QUIZ_MODE_NAMES: Record<QuizMode, string> = { live: '随堂测试', self_paced: '自主测验' };

/** A live quiz: waiting for the first question, a question open for answers, closed (answer shown), finished. */
export const LIVE_STATES = ['waiting', 'open', 'closed', 'finished'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

/** True/false options: 对 (T) and 错 (F). */
export const TRUE_FALSE_LABELS: Record<string, string> = { T: '对', F: '错' };
