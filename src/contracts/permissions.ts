/**
 * The one permission vocabulary. Roles (server/core/access/roles.ts) grant these over an org
 * subtree; the admin app turns them into menu flags.
 */
export const PERMISSIONS = [
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
  'care:read',
  'care:manage',
  'care:call',
  'jobs:read',
  'jobs:manage',
  'training:read',
  'training:manage',
  'party:read',
  'party:manage',
  'volunteer:tasks',
  'resident:self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
