/** The training module's vocabularies, zod-free for the phone pages (业委会培训). */

export const TRAINING_PERMISSIONS = ['training:read', 'training:manage'] as const;
export type TrainingPermission = (typeof TRAINING_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<TrainingPermission, true> {}
}
