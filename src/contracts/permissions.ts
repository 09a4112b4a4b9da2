/**
 * The one permission vocabulary. Core's permissions are listed here; each module adds its own by
 * augmenting `ModulePermissions` in its contracts file (see contracts/care.ts), so the type knows
 * every permission while core names none of a module's. Roles (server/core/access/roles.ts and
 * the modules' manifests) grant them over an org subtree or a module's resource; the admin app
 * turns them into menu flags.
 */
export const CORE_PERMISSIONS = [
  'org:read',
  'org:manage',
  'account:read',
  'account:manage',
  'security:manage',
  'audit:read',
  'people:read',
  'people:manage',
  'people:reveal',
  'notify:read',
  'notify:manage',
  'resident:self',
  /** every module's figures (not records) of the places granted: subdistrict leaders */
  'overview:read',
] as const;

/** Modules add `'<module>:<verb>': true` members through declaration merging. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' contracts through declaration merging
export interface ModulePermissions {}

export type CorePermission = (typeof CORE_PERMISSIONS)[number];
export type Permission = CorePermission | (keyof ModulePermissions & string);
