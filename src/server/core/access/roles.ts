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
  /** an account holding only such roles may sign in on the phone pages by SMS code (a volunteer) */
  phoneSignIn?: boolean;
}

/**
 * An office's staff over the whole subdistrict; the office's module adds its own permissions. The
 * people registry as a whole is not theirs by default (least privilege): a module shows the people
 * who have a role in it; the registry is granted through `registry_officer`.
 */
const staff = (code: string, registry: readonly Permission[] = []): RoleDef => ({
  code,
  admin: false,
  assignable: true,
  scopeKinds: ['subdistrict'],
  permissions: [...registry, 'notify:read', 'notify:manage', 'org:read'],
  totpRequired: false,
});

const REGISTRY: readonly Permission[] = ['people:read', 'people:manage', 'people:reveal'];

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
  // module offices see the people of their own module through it (care:read, …); the registry as a whole is the 居民信息管理员's
  staff('care_staff'),
  staff('jobs_staff'),
  staff('training_staff'),
  staff('party_staff'),
  // 居民信息管理员: the people registry of the whole subdistrict, with the audited reveal
  { ...staff('registry_officer', REGISTRY), permissions: [...REGISTRY, 'org:read'] },
  // 街道领导 / 居委书记: every module's figures of the places granted, no records of people
  {
    code: 'leader',
    admin: false,
    assignable: true,
    scopeKinds: ['subdistrict', 'neighborhood'],
    permissions: ['org:read', 'overview:read', 'notify:read'],
    totpRequired: false,
  },
  {
    code: 'neighborhood_staff',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood'],
    // their neighborhood's people, masked: revealing a full ID number or phone is not theirs
    permissions: ['org:read', 'people:read', 'people:manage', 'notify:read'],
    totpRequired: false,
  },
  {
    code: 'volunteer',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood', 'subdistrict'],
    permissions: [],
    totpRequired: false,
    phoneSignIn: true,
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
