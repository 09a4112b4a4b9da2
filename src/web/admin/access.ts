import type { Me } from '../../contracts/auth';
import { PERMISSIONS, type Permission } from '../../contracts/permissions';

/**
 * The current user turned into flags, as Ant Design Pro's access.ts does: one flag per permission
 * of contracts/permissions.ts. Route entries name the flag they need; the menu and the page guard
 * read it. The server checks again on every request — this only decides what to show.
 */
export type Access = Record<Permission, boolean> & { signedIn: boolean };

export function accessOf(me: Me | null | undefined): Access {
  const granted = new Set(me && !me.pending ? me.permissions : []);
  const flags = Object.fromEntries(PERMISSIONS.map((p) => [p, granted.has(p)])) as Record<Permission, boolean>;
  return { ...flags, signedIn: !!me && !me.pending };
}

/** Whether a route entry's access flag lets the user in; no flag means any signed-in user. */
export function allows(access: Access, flag: Permission | undefined): boolean {
  return flag === undefined ? access.signedIn : access[flag];
}
