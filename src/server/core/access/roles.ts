import type { Permission } from '../../../contracts/permissions';

export type ScopeKind = 'subdistrict' | 'neighborhood';

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

const staff = (code: string, module: 'care' | 'jobs' | 'training' | 'party'): RoleDef => ({
  code,
  admin: false,
  assignable: true,
  scopeKinds: ['subdistrict'],
  permissions: [
    `${module}:read`,
    `${module}:manage`,
    ...(module === 'care' ? (['care:call'] as const) : []),
    'people:read',
    'people:manage',
    'people:reveal',
    'notify:read',
    'notify:manage',
    'org:read',
  ] as Permission[],
  totpRequired: false,
});

export const ROLES: RoleDef[] = [
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
  staff('care_staff', 'care'),
  staff('jobs_staff', 'jobs'),
  staff('training_staff', 'training'),
  staff('party_staff', 'party'),
  {
    code: 'neighborhood_staff',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood'],
    permissions: [
      'org:read',
      'people:read',
      'people:manage',
      'people:reveal',
      'care:read',
      'care:manage',
      'care:call',
      'jobs:read',
      'training:read',
      'party:read',
      'notify:read',
    ],
    totpRequired: false,
  },
  {
    code: 'volunteer',
    admin: false,
    assignable: true,
    scopeKinds: ['neighborhood', 'subdistrict'],
    permissions: ['volunteer:tasks', 'care:call'],
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

const byCode = new Map(ROLES.map((r) => [r.code, r]));

export function roleDef(code: string): RoleDef | undefined {
  return byCode.get(code);
}
