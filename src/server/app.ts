import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import type { Config } from './config';
import { accountRoutes } from './core/accounts/accounts.routes';
import { AccountsService } from './core/accounts/accounts.service';
import { auditRoutes } from './core/audit/audit.routes';
import { AuditLog } from './core/audit/audit.service';
import { authRoutes } from './core/auth/auth.routes';
import { AuthService, SESSIONS_CHANGED } from './core/auth/auth.service';
import type { Core } from './core/context';
import type { Keys } from './core/crypto/keys';
import { EventBus } from './core/events/bus';
import { LiveHub } from './core/events/live-hub';
import { type AnyImportKind, ImportRegistry } from './core/excel/import-kind';
import { importRoutes } from './core/excel/imports.routes';
import { ImportService } from './core/excel/imports.service';
import { figuresRoutes } from './core/figures/figures.routes';
import { FiguresService } from './core/figures/figures.service';
import { filesRoutes } from './core/files/files.routes';
import { FilesService } from './core/files/files.service';
import { Foreground } from './core/foreground';
import { homeRoutes, type InstalledModule } from './core/modules/home.routes';
import { installModules } from './core/modules/install';
import type { ModuleManifest, ModuleServices } from './core/modules/manifest';
import { defaultChannels } from './core/notify/channels';
import { notifyRoutes } from './core/notify/notify.routes';
import { NotifyService } from './core/notify/notify.service';
import { Outbox } from './core/notify/outbox';
import { NotifySender } from './core/notify/sender';
import { ConsoleSmsProvider, type SmsProvider } from './core/notify/sms';
import { orgRoutes } from './core/org/org.routes';
import { OrgService } from './core/org/org.service';
import { peopleImportKind } from './core/people/people.import';
import { peopleRoutes } from './core/people/people.routes';
import { PeopleService } from './core/people/people.service';
import { Scheduler } from './core/schedule/scheduler';
import { SettingsService } from './core/settings/settings.service';
import { retentionCutoff } from './core/time';
import type { Database } from './db/index';
import { installErrorHandler } from './http/errors';
import { guard } from './http/guard';
import { responseSerializerCompiler } from './http/serializer';
import { installPlainMessages } from './http/zod-messages';
import { MODULES } from './modules/index';
import { PAGE_SECURITY_HEADERS, webCacheHeaders } from './web-static';

installPlainMessages();

export interface AppOptions {
  config: Config;
  database: Database;
  keys: Keys;
  sms?: SmsProvider;
  /** deliver the outbox in the background (default); tests turn it off and call `sender.drain()` */
  backgroundSender?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web app; served when present */
  webDir?: string;
  /** extra import kinds (tests; modules register theirs on `imports.registry` while the app is built) */
  importKinds?: AnyImportKind[];
  /** the modules to plug in (default: every module of this build, modules/index.ts) */
  modules?: readonly ModuleManifest<unknown>[];
}

export interface CoreServices {
  core: Core;
  auth: AuthService;
  org: OrgService;
  accounts: AccountsService;
  people: PeopleService;
  imports: ImportService;
  notify: NotifyService;
  sender: NotifySender;
  files: FilesService;
  /** the plugged-in modules with their services, in the order of the list */
  modules: InstalledModule[];
}

/** core's services and each module's by its key (`services.care`) */
export type Services = CoreServices & ModuleServices;

export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; services: Services }> {
  const manifests = opts.modules ?? MODULES;
  installModules(manifests);
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: opts.config.trustProxy,
    genReqId: () => uuidv7(),
    // one JSON line per request floods a terminal: requests are logged at debug (below), warnings and errors as ever
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  const webDir = opts.webDir && existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : undefined;
  // the admin app and the phone pages route on the client: an unknown page gets its app's HTML
  installErrorHandler(app, {
    pageFallback: webDir
      ? (request, reply) => {
          const page =
            request.url.startsWith('/m/') || request.url === '/m' || request.url.startsWith('/m?') ? 'mobile.html' : 'index.html';
          return reply.type('text/html').sendFile(page);
        }
      : undefined,
  });

  const { db, dialect } = opts.database;
  const { config, keys } = opts;
  const sms = opts.sms ?? new ConsoleSmsProvider(app.log);
  const events = new EventBus(dialect, app.log);
  const core: Core = {
    config,
    db,
    dialect,
    keys,
    audit: new AuditLog(db, dialect, keys.audit),
    sms,
    notify: new Outbox(keys, { maxAttempts: config.notify.maxAttempts }),
    files: new FilesService(db, config.dataDir, config.uploadMaxBytes, dialect.blobStore),
    settings: new SettingsService(db),
    events,
    live: new LiveHub(events, app.log),
    schedule: new Scheduler(db, app.log),
    foreground: new Foreground(),
    log: app.log,
  };
  core.foreground.track(app.server);
  core.schedule.every('files.cleanup', 3600_000, () => core.files.cleanup());
  // the audit log keeps LINLI_AUDIT_RETENTION_MONTHS (≥ 6) and no more; the chain stays checkable
  core.schedule.every('audit.prune', 24 * 3600_000, async () => {
    await core.audit.prune(retentionCutoff(config.auditRetentionMonths));
  });
  await core.audit.signHead();
  await core.events.start();
  app.addHook('onClose', () => core.events.stop());
  const auth = new AuthService(core);
  // live streams end when their session does, and follow its grants
  core.live.watchSessions(SESSIONS_CHANGED, async (token) => {
    const s = await auth.load(token, { touch: false });
    return s && !s.pending ? s.actor : null;
  });
  // open streams would keep the server from closing
  app.addHook('preClose', async () => core.live.stop());
  const org = new OrgService(core);
  const accounts = new AccountsService(core, auth, org);
  const people = new PeopleService(core);
  // every import kind, core's and the modules', is registered before importRoutes builds their routes
  const imports = new ImportService(core, new ImportRegistry());
  imports.registry.register(peopleImportKind(people));
  for (const kind of opts.importKinds ?? []) imports.registry.register(kind);
  const notify = new NotifyService(core);
  const sender = new NotifySender(db, keys, defaultChannels(db, keys, config, sms), app.log, {
    backoffMs: config.notify.backoffMs,
    pollMs: config.notify.pollMs,
    dialect,
  });
  core.notify.onWake(() => sender.wake());
  if (opts.backgroundSender !== false) app.addHook('onReady', async () => sender.start());
  // background work runs where the sender does (not in tests, which call `runIfDue` themselves)
  if (opts.backgroundSender !== false) app.addHook('onReady', async () => core.schedule.start());
  app.addHook('onClose', async () => core.schedule.stop());
  // stop before the caller closes the database: the sender finishes the message in hand
  app.addHook('onClose', async () => sender.stop());

  await app.register(swagger, {
    openapi: { info: { title: 'linli 邻里 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  // the API's own documentation page: on in development, off in production unless LINLI_API_DOCS=true
  if (config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  // uploads (imports, resumes, photos, materials); each route checks type by content and its own limit
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(guard, { auth });
  app.addHook('onSend', async (req, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !req.url.startsWith('/api/docs')) {
      reply.headers(PAGE_SECURITY_HEADERS);
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.get('/api/health', { config: { access: 'public' } }, async () => ({ ok: true }));
  await app.register(authRoutes, { auth });
  await app.register(orgRoutes, { org });
  await app.register(accountRoutes, { accounts, core });
  await app.register(auditRoutes, { core });
  await app.register(peopleRoutes, { people });
  // modules register their import kinds before the import routes are built
  const modules: InstalledModule[] = [];
  // the figures read every installed module's figures when asked, so a module (the bulletin) may use them too
  const figures = new FiguresService(core, modules);
  for (const manifest of manifests) {
    modules.push({ manifest, services: await manifest.register({ app, core, people, imports: imports.registry, figures }) });
  }
  await app.register(homeRoutes, { modules });
  await app.register(figuresRoutes, { figures });
  await app.register(importRoutes, { imports });
  await app.register(notifyRoutes, { notify });
  await app.register(filesRoutes, { files: core.files });

  // the build writes .br/.gz beside each asset (vite.config.ts): sent as they are, never compressed per request
  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: webCacheHeaders,
    });
  }

  const byKey = Object.fromEntries(modules.map((m) => [m.manifest.key, m.services])) as unknown as ModuleServices;
  const services: Services = { ...byKey, core, auth, org, accounts, people, imports, notify, sender, files: core.files, modules };
  return { app, services };
}
