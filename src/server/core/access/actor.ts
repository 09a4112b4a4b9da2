import { sql } from 'kysely';
import type { Permission } from '../../../contracts/permissions';
import { roleDef } from './roles';

export interface Grant {
  role: string;
  orgId: string;
  orgKind: string;
  orgName: string;
  /** the org unit's subdistrict (itself when the grant is on a subdistrict) */
  subdistrictId: string;
  /** a grant on one of a module's resources (an employer, a branch …) rather than on orgId's subtree */
  resource?: { kind: string; id: string } | null;
}

/** The signed-in account behind a request, with what it may do and where. */
export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'resident';
  subdistrictId: string;
  sessionId: string;
  personId: string | null;
  grants: Grant[];
  permissions: Set<Permission>;
  /** the command line acting for a whole subdistrict (e.g. `linli import`); never a signed-in account */
  system?: boolean;
}

/** Where an actor may use one permission: whole subdistricts, single neighborhoods, single resources by kind. */
export interface Scope {
  subdistrictIds: string[];
  neighborhoodIds: string[];
  /** `jobs.employer` → the employers granted */
  resources?: Record<string, string[]>;
}

export function permissionsOf(grants: Grant[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of grants) for (const p of roleDef(g.role)?.permissions ?? []) out.add(p);
  return out;
}

export function scopeFor(actor: Actor, permission: Permission): Scope {
  if (actor.system) return { subdistrictIds: [actor.subdistrictId], neighborhoodIds: [] };
  const scope: Scope = { subdistrictIds: [], neighborhoodIds: [] };
  for (const g of actor.grants) {
    if (!roleDef(g.role)?.permissions.includes(permission)) continue;
    if (g.resource) {
      const resources = scope.resources ?? {};
      resources[g.resource.kind] = [...(resources[g.resource.kind] ?? []), g.resource.id];
      scope.resources = resources;
    } else if (g.orgKind === 'subdistrict') scope.subdistrictIds.push(g.orgId);
    else if (g.orgKind === 'neighborhood') scope.neighborhoodIds.push(g.orgId);
  }
  return scope;
}

export function scopeCovers(scope: Scope, subdistrictId: string | null, neighborhoodId: string | null): boolean {
  return (
    (subdistrictId !== null && scope.subdistrictIds.includes(subdistrictId)) ||
    (neighborhoodId !== null && scope.neighborhoodIds.includes(neighborhoodId))
  );
}

/**
 * A WHERE condition keeping rows inside the scope. Every repository query on tenant data
 * goes through this, so a row outside the actor's org subtree is simply not found. A module whose
 * rows belong to a resource (a position to its employer) names the column per resource kind, so a
 * grant on that resource reaches those rows and no others.
 */
export function scopeWhere(
  scope: Scope,
  subdistrictColumn: string,
  neighborhoodColumn: string | null,
  resourceColumns: Record<string, string> = {},
) {
  const parts = [];
  for (const [kind, column] of Object.entries(resourceColumns)) {
    const ids = scope.resources?.[kind] ?? [];
    if (ids.length > 0) parts.push(sql`${sql.ref(column)} in (${sql.join(ids)})`);
  }
  if (scope.subdistrictIds.length > 0) {
    parts.push(sql`${sql.ref(subdistrictColumn)} in (${sql.join(scope.subdistrictIds)})`);
  }
  if (neighborhoodColumn && scope.neighborhoodIds.length > 0) {
    parts.push(sql`${sql.ref(neighborhoodColumn)} in (${sql.join(scope.neighborhoodIds)})`);
  }
  if (parts.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The command line working on one subdistrict: every permission, over the whole subdistrict, audited as 「命令行」. */
export function systemActor(subdistrictId: string, permissions: readonly Permission[]): Actor {
  return {
    accountId: 'cli',
    username: 'cli',
    displayName: '命令行',
    kind: 'staff',
    subdistrictId,
    sessionId: '',
    personId: null,
    grants: [],
    permissions: new Set(permissions),
    system: true,
  };
}
