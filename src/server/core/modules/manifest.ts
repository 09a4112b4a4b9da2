import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { FigureRecord } from '../../../contracts/figures';
import type { HomeCard, PhoneEntry } from '../../../contracts/home';
import type { Permission } from '../../../contracts/permissions';
import type { Executor } from '../../db/index';
import type { SeededOrg } from '../../seed/org';
import type { Scope } from '../access/actor';
import type { RoleDef } from '../access/roles';
import type { AuditTargetNamer } from '../audit/audit.targets';
import type { Core, RequestContext } from '../context';
import type { ImportRegistry } from '../excel/import-kind';
import type { FiguresService } from '../figures/figures.service';
import type { PeopleService } from '../people/people.service';

/**
 * A module's services by key, as `buildApp` returns them. Each module adds its entry through
 * declaration merging (see modules/care/care.module.ts), so core names none of them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules through declaration merging
export interface ModuleServices {}

/** What a module gets to build its services and routes. */
export interface ModuleContext {
  app: FastifyInstance;
  core: Core;
  people: PeopleService;
  imports: ImportRegistry;
  /** every module's figures for a month and a place, as the actor may read them (for the bulletin) */
  figures: FiguresService;
}

export interface Labels {
  'zh-CN': string;
  en: string;
}

/**
 * A kind of resource a role can be granted on instead of a place in the org tree: an employer for a
 * recruiting partner's account, a branch for its secretary, a training session for its lecturer.
 */
export interface ResourceKind {
  /** `<module>.<thing>`, e.g. `jobs.employer` */
  kind: string;
  label: Labels;
  /** the resources of a subdistrict the accounts page may grant, by name */
  options(db: Executor, subdistrictId: string): Promise<{ id: string; name: string }[]>;
}

/** What a figure is computed for: one month, one place the actor may read. */
export interface FigureContext {
  ctx: RequestContext;
  /** the place asked for: the subdistrict, or one neighborhood of it (never wider than the actor's reach) */
  scope: Scope;
  subdistrictId: string;
  neighborhoodId: string | null;
  month: string;
  /** [from, to): the month's bounds, ISO UTC */
  from: string;
  to: string;
}

/**
 * A figure a module reports for a month and a place (统计口径): the overview page and the monthly
 * bulletin are written from these. It counts records, never invents; `how` says what it counts.
 */
export interface FigureDef<S = unknown> {
  /** `<module>.<name>` */
  key: string;
  label: Labels;
  unit: Labels;
  how: Labels;
  /** the permission that reads the records it counts (a holder of overview:read sees every figure of its places) */
  permission: Permission;
  /** the number; or the number with a word beside it (`detail`, e.g. the weakest topic's name) */
  compute(services: S, q: FigureContext): Promise<number | null | FigureValue>;
  /**
   * The records it counts (a rate: its numerator's), at most `limit`, from the same query as the
   * count, so the drill-down shows exactly what the number is made of.
   */
  records?(services: S, q: FigureContext, limit: number): Promise<FigureRecord[]>;
  /** what is late (see Figure.overdue) */
  overdue?: boolean;
}

export interface FigureValue {
  value: number | null;
  detail?: string;
}

/** A photo a module may offer the bulletin (see PhotoSourceDef); `caption` names no resident. */
export interface PhotoCandidate {
  fileId: string;
  caption: string;
  /** YYYY-MM-DD, Beijing time */
  date: string;
  place: string;
}

/**
 * Photos a module offers the monthly bulletin (§ photos): those of the month and the place that
 * staff marked publishable — for a photo showing a resident, only with the consent recorded.
 * Listed only to actors who may read `permission` there (or hold overview:read), like figures.
 */
export interface PhotoSourceDef<S = unknown> {
  /** `<module>.<what>` */
  key: string;
  /** the kind of occasion, e.g. 上门走访 */
  label: Labels;
  permission: Permission;
  /** the month's publishable photos in `q.scope` (use scopeWhere), oldest first */
  list(services: S, q: FigureContext): Promise<PhotoCandidate[]>;
}

/** A command of `npm run linli -- <name> …`; it gets the arguments after its name. */
export interface ModuleCommand {
  name: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/**
 * Everything a module plugs into the platform, in one place: adding a module is adding its folder
 * and one line in modules/index.ts; no core file changes.
 */
export interface ModuleManifest<S = unknown> {
  /** the module's key: its permissions are `<key>:<verb>`, its tables `<key>_…`, its audit actions `<key>.…` */
  key: string;
  label: Labels;
  /** every permission the module's routes ask for */
  permissions: readonly Permission[];
  /** roles the module adds */
  roles?: RoleDef[];
  /** resources its roles can be granted on (see ResourceKind) */
  resourceKinds?: ResourceKind[];
  /** permissions the module adds to roles that exist already (core's or another module's by code) */
  extendRoles?: Record<string, readonly Permission[]>;
  /** the module's migrations; names sort after core's (`<yyyymmdd>_<key>_…`) or were frozen before modules existed */
  migrations?: Record<string, Migration>;
  /** names of the module's audit actions, for the audit page */
  auditLabels?: Record<string, Labels>;
  /** names of the module's records for the audit page (masked where they name a resident), by target type */
  auditTargets?: Record<string, AuditTargetNamer>;
  /** builds the module's services, registers its import kinds and routes */
  register(ctx: ModuleContext): Promise<S>;
  /** demo data for `npm start` on an empty database, through the module's own services */
  seedDemo?(services: S, org: SeededOrg, core: Core): Promise<void>;
  /** the accounts its seedDemo makes, for the banner of `npm start` (demo password) */
  demoAccounts?: { username: string; displayName: string; role: string; scope: string }[];
  /** cards on the signed-in person's home page (工作台): their to-dos, what is urgent, a figure or two */
  homeCards?(services: S, ctx: RequestContext): Promise<HomeCard[]>;
  /** what this person can do on the phone pages */
  phoneHome?(services: S, ctx: RequestContext): Promise<PhoneEntry[]>;
  /** figures for the overview and the bulletin (see FigureDef) */
  figures?: FigureDef<S>[];
  /** photos the bulletin may print (see PhotoSourceDef) */
  bulletinPhotos?: PhotoSourceDef<S>[];
  commands?: ModuleCommand[];
}

export function defineModule<S>(m: ModuleManifest<S>): ModuleManifest<S> {
  return m;
}
