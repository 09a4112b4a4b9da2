import type { Migration } from 'kysely';
import { CORE_PERMISSIONS, type Permission } from '../../../contracts/permissions';
import { addRole, extendRole } from '../access/roles';
import type { AuditTargetNamer } from '../audit/audit.targets';
import type { Labels, ModuleManifest, ResourceKind } from './manifest';

/**
 * The process-wide catalogue of what the modules add: permissions, roles, audit labels. Modules
 * are static code, so installing them is done once per process (a second app built in the same
 * process, as tests do, installs nothing again).
 */
const installed = new Map<string, ModuleManifest<unknown>>();
const permissions = new Set<string>(CORE_PERMISSIONS);

export function installModules(modules: readonly ModuleManifest<unknown>[]): void {
  const fresh = modules.filter((m) => !installed.has(m.key));
  for (const m of fresh) {
    if (!/^[a-z][a-z0-9]*$/.test(m.key)) throw new Error(`module key ${m.key} must be lower-case letters and digits`);
    installed.set(m.key, m);
    for (const p of m.permissions) {
      if (!/^[a-z]+:[a-z_]+$/.test(p)) throw new Error(`module ${m.key}: permission ${p} is not <area>:<verb>`);
      permissions.add(p);
    }
    for (const r of m.roles ?? []) addRole(r);
    for (const r of m.resourceKinds ?? []) {
      if (!r.kind.startsWith(`${m.key}.`)) throw new Error(`module ${m.key}: resource kind ${r.kind} must start with ${m.key}.`);
    }
  }
  // extensions after every new role exists, so a module may extend another module's role
  for (const m of fresh) for (const [code, perms] of Object.entries(m.extendRoles ?? {})) extendRole(code, perms);
}

export function isPermission(value: string): value is Permission {
  return permissions.has(value);
}

/** every permission of this process (the command line acts with all of them) */
export function allPermissions(): Permission[] {
  return [...permissions] as Permission[];
}

export function installedModules(): ModuleManifest<unknown>[] {
  return [...installed.values()];
}

export function resourceKind(kind: string): ResourceKind | undefined {
  for (const m of installed.values()) {
    const found = m.resourceKinds?.find((r) => r.kind === kind);
    if (found) return found;
  }
  return undefined;
}

export function auditTargetNamer(type: string): AuditTargetNamer | undefined {
  for (const m of installed.values()) {
    const namer = m.auditTargets?.[type];
    if (namer) return namer;
  }
  return undefined;
}

export function auditLabel(action: string): Labels | undefined {
  for (const m of installed.values()) {
    const label = m.auditLabels?.[action];
    if (label) return label;
  }
  return undefined;
}

/** the modules' migrations, keyed by name; a name two modules use is an error */
export function moduleMigrations(modules: readonly ModuleManifest<unknown>[]): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (out[name]) throw new Error(`migration ${name} is declared twice`);
      out[name] = migration;
    }
  }
  return out;
}
