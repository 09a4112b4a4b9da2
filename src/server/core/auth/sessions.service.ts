import type { SecuritySettings } from '../../../contracts/accounts';
import type { Me, PendingStep } from '../../../contracts/auth';
import type { Executor } from '../../db/index';
import { type Actor, permissionsOf } from '../access/actor';
import { auditActor, type Core, type RequestContext } from '../context';
import { resourceKind } from '../modules/install';
import { pendingStep } from './auth.domain';
import * as repo from './auth.repository';
import { newToken, sessionIdOf } from './tokens';

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
  pending: PendingStep | null;
}

const LAST_SEEN_EVERY_MS = 60_000;
const minutes = (n: number) => n * 60_000;

interface CachedSession {
  loaded: LoadedSession;
  lastSeen: number;
  lastSeenWritten: number;
  expiresAt: number;
  fetchedAt: number;
}

// Sessions are read on every request; held here briefly and dropped at once when anything about
// them changes (see sessionsChanged), so sign-out and disabling still take effect immediately.
const SESSION_CACHE_MS = 10_000;
const SESSION_CACHE_SIZE = 20_000;
/** published when anything about an account's sessions changes; the session cache and the live hub listen */
export const SESSIONS_CHANGED = 'auth.sessions_changed';

/** Sessions: created at sign-in, read on every request (cached), ended at sign-out or by a change. */
export class SessionsService {
  private readonly cache = new Map<string, CachedSession>();

  constructor(private readonly core: Core) {
    core.events.subscribe(SESSIONS_CHANGED, (e) => this.forget((e.data.accountId as string | null) ?? null));
  }

  private get db() {
    return this.core.db;
  }

  async create(
    exec: Executor,
    accountId: string,
    subdistrictId: string,
    ctx: Pick<RequestContext, 'ip' | 'userAgent'>,
    settings?: SecuritySettings,
    opts: { secondFactorPassed?: boolean; via?: 'password' | 'sms' } = {},
  ): Promise<string> {
    const s = settings ?? (await this.core.settings.security());
    const token = newToken();
    const now = new Date();
    await repo.insertSession(exec, {
      id: sessionIdOf(token),
      subdistrictId,
      accountId,
      csrf: newToken(),
      mfaOk: opts.secondFactorPassed ?? false,
      via: opts.via,
      at: now,
      expiresAt: new Date(now.getTime() + s.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    return token;
  }

  /** The session behind a cookie, or null when it is unknown, expired, idle too long or its account is disabled. */
  async load(token: string, opts: { touch?: boolean } = {}): Promise<LoadedSession | null> {
    const sid = sessionIdOf(token);
    const now = Date.now();
    const settings = await this.core.settings.security();
    let entry = this.cache.get(sid);
    if (!entry || now - entry.fetchedAt > SESSION_CACHE_MS) {
      const fetched = await this.fetch(sid, settings, now);
      if (!fetched) {
        this.cache.delete(sid);
        return null;
      }
      entry = fetched;
      this.remember(sid, entry);
    }
    if (now - entry.lastSeen > minutes(settings.idleMinutes) || entry.expiresAt <= now) {
      this.cache.delete(sid);
      await repo.deleteSession(this.db, sid);
      return null;
    }
    // an open live stream checking on its session is not the person at work: it must not keep it alive
    if (opts.touch === false) return entry.loaded;
    entry.lastSeen = now;
    if (now - entry.lastSeenWritten > LAST_SEEN_EVERY_MS) {
      entry.lastSeenWritten = now;
      await repo.touchSession(this.db, sid, new Date(now).toISOString());
    }
    return entry.loaded;
  }

  private async fetch(sid: string, settings: SecuritySettings, now: number): Promise<CachedSession | null> {
    const row = await repo.sessionWithAccount(this.db, sid);
    if (!row) return null;
    if (row.disabled) {
      await repo.deleteSession(this.db, sid);
      return null;
    }
    const grants = await repo.grantsOf(this.db, row.account_id);
    const actor: Actor = {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      kind: row.kind === 'resident' ? 'resident' : 'staff',
      subdistrictId: row.subdistrict_id,
      sessionId: sid,
      personId: row.person_id,
      grants,
      permissions: permissionsOf(grants),
    };
    const lastSeen = Date.parse(row.last_seen_at);
    return {
      loaded: { actor, csrfToken: row.csrf_token, pending: pendingStep(row, grants, settings) },
      lastSeen,
      lastSeenWritten: lastSeen,
      expiresAt: Date.parse(row.expires_at),
      fetchedAt: now,
    };
  }

  private remember(sid: string, entry: CachedSession): void {
    if (this.cache.size >= SESSION_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(sid, entry);
  }

  /** Drops cached sessions of an account (or all), here and, through the bus, in every process. */
  async changed(accountId: string | null): Promise<void> {
    await this.core.events.publish(SESSIONS_CHANGED, { accountId });
  }

  private forget(accountId: string | null): void {
    for (const [sid, e] of this.cache) if (accountId === null || e.loaded.actor.accountId === accountId) this.cache.delete(sid);
  }

  async me(s: LoadedSession): Promise<Me> {
    const settings = await this.core.settings.security();
    const a = s.actor;
    const account = await repo.findAccount(this.db, a.accountId);
    const subdistrict = await repo.orgUnitName(this.db, a.subdistrictId);
    return {
      account: {
        id: a.accountId,
        username: a.username,
        displayName: a.displayName,
        kind: a.kind,
        totpEnabled: account?.totp_enabled === 1,
      },
      subdistrict,
      pending: s.pending,
      permissions: s.pending ? [] : [...a.permissions],
      roles: await Promise.all(
        a.grants.map(async (g) => ({
          role: g.role,
          orgId: g.orgId,
          orgName: g.orgName,
          resource: g.resource
            ? {
                ...g.resource,
                name:
                  (await resourceKind(g.resource.kind)?.options(this.db, a.subdistrictId))?.find((o) => o.id === g.resource?.id)?.name ??
                  g.resource.id,
              }
            : null,
        })),
      ),
      csrfToken: s.csrfToken,
      passwordPolicy: { minLength: settings.passwordMinLength, minClasses: settings.passwordMinClasses },
    };
  }

  async logout(ctx: RequestContext): Promise<void> {
    const actor = ctx.actor;
    if (!actor) return;
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteSession(trx, actor.sessionId);
      await this.core.audit.record(trx, auditActor(ctx), { action: 'auth.logout', targetType: 'account', targetId: actor.accountId });
    });
    await this.changed(actor.accountId);
  }
}
