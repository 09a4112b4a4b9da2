import type { AccountItem } from '../../../contracts/accounts';
import type { AccountsTable } from '../../db/schema';

export type ListedAccount = Pick<
  AccountsTable,
  | 'id'
  | 'username'
  | 'display_name'
  | 'kind'
  | 'disabled'
  | 'locked_until'
  | 'totp_enabled'
  | 'must_change_password'
  | 'last_login_at'
  | 'created_at'
>;

type GrantRow = { role: string; org_id: string; org_name: string; resource_kind: string | null; resource_id: string | null };

/** `resourceNames`: `kind:id` → name, for grants on a module's resources */
export function presentAccount(a: ListedAccount, grants: GrantRow[], resourceNames: Map<string, string>): AccountItem {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    kind: a.kind === 'resident' ? 'resident' : 'staff',
    disabled: a.disabled === 1,
    locked: !!a.locked_until && Date.parse(a.locked_until) > Date.now(),
    totpEnabled: a.totp_enabled === 1,
    mustChangePassword: a.must_change_password === 1,
    roles: grants.map((g) => ({
      role: g.role,
      orgId: g.org_id,
      orgName: g.org_name,
      resource:
        g.resource_kind && g.resource_id
          ? { kind: g.resource_kind, id: g.resource_id, name: resourceNames.get(`${g.resource_kind}:${g.resource_id}`) ?? '（已删除）' }
          : null,
    })),
    lastLoginAt: a.last_login_at,
    createdAt: a.created_at,
  };
}
