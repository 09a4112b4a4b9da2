import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { DbDialect } from '../db/dialect/index';
import type { Db } from '../db/index';
import type { Actor } from './access/actor';
import type { AuditActor, AuditLog } from './audit/audit.service';
import type { Keys } from './crypto/keys';
import type { EventBus } from './events/bus';
import type { LiveHub } from './events/live-hub';
import type { FilesService } from './files/files.service';
import type { Foreground } from './foreground';
import type { Outbox } from './notify/outbox';
import type { SmsProvider } from './notify/sms';
import type { Scheduler } from './schedule/scheduler';
import type { SettingsService } from './settings/settings.service';

/** What every service stands on; built once at boot and handed to the route plugins. */
export interface Core {
  config: Config;
  db: Db;
  dialect: DbDialect;
  keys: Keys;
  audit: AuditLog;
  sms: SmsProvider;
  /** enqueue messages inside your transaction; `wake()` after it commits */
  notify: Outbox;
  files: FilesService;
  settings: SettingsService;
  events: EventBus;
  /** live pages: one state per topic per event, each subscriber's view derived in memory */
  live: LiveHub;
  /** periodic jobs run by one process at a time (clean-ups, sweeps, reminders) */
  schedule: Scheduler;
  /** the requests being answered: long work on the main thread gives way to them (`giveWay`) */
  foreground: Foreground;
  log: FastifyBaseLogger;
}

/** Who is asking and from where; services take it with every call. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

export function auditActor(ctx: RequestContext): AuditActor {
  const a = ctx.actor;
  return {
    actorId: a?.accountId ?? null,
    actorName: a ? actorLabel(a) : null,
    role: a ? [...new Set(a.grants.map((g) => g.role))].join(',') || null : null,
    subdistrictId: a?.subdistrictId ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** how a person is named in audit entries and on exports: 「周敏（care）」 */
export function actorLabel(a: Pick<Actor, 'displayName' | 'username'>): string {
  return `${a.displayName}（${a.username}）`;
}

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('route reached a service without an actor');
  return ctx.actor;
}

export const nowIso = () => new Date().toISOString();
