import type { Me } from '../../contracts/auth';
import type { Permission } from '../../contracts/permissions';

/**
 * The current user turned into flags, as Ant Design Pro's access.ts does: one flag per permission
 * the user holds (a permission not held reads as false). Route entries name the flag they need; the menu and the page guard
 * read it. The server checks again on every request — this only decides what to show.
 */
export type Access = Record<Permission, boolean> & { signedIn: boolean };

export function accessOf(me: Me | null | undefined): Access {
  const granted = new Set(me && !me.pending ? me.permissions : []);
  const flags = Object.fromEntries([...granted].map((p) => [p, true])) as Record<Permission, boolean>;
  return { ...flags, signedIn: !!me && !me.pending };
}

/** Whether a route entry's access flag lets the user in; no flag means any signed-in user. */
export function allows(access: Access, flag: Permission | undefined): boolean {
  return flag === undefined ? access.signedIn : access[flag] === true;
}
