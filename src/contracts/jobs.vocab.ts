/** The job fair module's vocabularies, zod-free for the phone pages (云招聘). */

export const JOBS_PERMISSIONS = ['jobs:read', 'jobs:manage'] as const;
export type JobsPermission = (typeof JOBS_PERMISSIONS)[number];
declare module './permissions' {
  interface ModulePermissions extends Record<JobsPermission, true> {}
}
