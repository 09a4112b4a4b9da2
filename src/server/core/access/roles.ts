import type { Permission } from '../../../contracts/permissions';

/** an org-tree level, or a resource kind a module declares (e.g. `jobs.employer`) */
export type ScopeKind = 'subdistrict' | 'neighborhood' | `${string}.${string}`;

export interface RoleDef {
  code: string;
  /** one of the three separated administrator duties (三员分立) */
  admin: boolean;
  /** may be granted from the accounts page; admin roles only through `linli create-admin` */
  assignable: boolean;
  scopeKinds: ScopeKind[];
  permissions: Permission[];
  totpRequired: boolean;
}

/** an office's staff over the whole subdistrict; the office's module adds its own permissions */
const staff = (code: string): RoleDef => ({
  code,
  admin: false,
  assignable: true,
  scopeKinds: ['subdistrict'],
  permissions: ['people:read', 'people:manage', 'people:reveal', 'notify:read', 'notify:manage', 'org:read'],
  totpRequired: false,
});

const CORE_ROLES: RoleDef[] = [
  {
    code: 'sysadmin',
    admin: true,
    assignable: false,
    scopeKinds: ['subdistrict'],
    permissions: ['org:read', 'org:manage', 'account:read', 'account:manage'],
    totpRequired: true,
  },
  {
    code: 'secadmin',
    admin: true,
    assignable: false,
    scopeKinds: ['subdistrict'],
    permissions: ['security:manage', 'account:read', 'org:read'],
    totpRequired: true,
  },
  {
    code: 'auditadmin',
    admin: true,
    assignable: false,
    scopeKinds: ['subdistrict'],
    permissions: ['audit:read', 'org:read'],
    totpRequired: true,
  },
  staff('care_staff'),
  staff('jobs_staff'),
  staff('training_staff'),
  staff('party_staff'),
  {
    code: 'neighborhood_staff',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood'],
    permissions: ['org:read', 'people:read', 'people:manage', 'people:reveal', 'notify:read'],
    totpRequired: false,
  },
  {
    code: 'volunteer',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood', 'subdistrict'],
    permissions: [],
    totpRequired: false,
  },
  {
    code: 'resident',
    admin: false,
    assignable: false,
    scopeKinds: ['neighborhood', 'subdistrict'],
    permissions: ['resident:self'],
    totpRequired: false,
  },
];

/**
 * Every role of this process: core's, then what the installed modules add or extend
 * (core/modules/install.ts). A copy per role, so a module's extension never changes CORE_ROLES.
 */
const byCode = new Map(CORE_ROLES.map((r) => [r.code, { ...r, permissions: [...r.permissions] }]));

export function roleDef(code: string): RoleDef | undefined {
  return byCode.get(code);
}

export function allRoles(): RoleDef[] {
  return [...byCode.values()];
}

export function addRole(role: RoleDef): void {
  if (byCode.has(role.code)) throw new Error(`role ${role.code} is defined twice`);
  byCode.set(role.code, { ...role, permissions: [...role.permissions] });
}

export function extendRole(code: string, permissions: readonly Permission[]): void {
  const role = byCode.get(code);
  if (!role) throw new Error(`a module extends role ${code}, which no one defines`);
  for (const p of permissions) if (!role.permissions.includes(p)) role.permissions.push(p);
}
