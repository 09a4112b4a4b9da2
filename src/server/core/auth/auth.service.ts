import { generateSecret, generateURI, verify as verifyTotpCode } from 'otplib';
import { uuidv7 } from 'uuidv7';
import type { SecuritySettings } from '../../../contracts/accounts';
import type { Me, PendingStep } from '../../../contracts/auth';
import type { Executor } from '../../db/index';
import { type Actor, type Grant, permissionsOf } from '../access/actor';
import { roleDef } from '../access/roles';
import { auditActor, type Core, nowIso, type RequestContext } from '../context';
import { decryptField, encryptField, lookupHash, maskPhone } from '../crypto/fields';
import { AppError, invalid, invalidField, unauthorized } from '../errors';
import { findAccount, findAccountByUsername, grantsOf, type SessionRow, sessionWithAccount } from './auth.repository';
import { checkPassword } from './password-policy';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { codeHash, newSmsCode, newToken, safeEqual, sessionIdOf } from './tokens';

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
  pending: PendingStep | null;
}

const SMS_TTL_MS = 5 * 60_000;
export const SMS_LOGIN_TEMPLATE = '【邻里】您的登录验证码是 {code}，5 分钟内有效。如非本人操作，请忽略。';
const SMS_MAX_TRIES = 5;
const SMS_RESEND_MS = 60_000;
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
export const SESSIONS_CHANGED = 'auth.sessions_changed';

export class AuthService {
  private readonly cache = new Map<string, CachedSession>();

  constructor(private readonly core: Core) {
    core.events.subscribe(SESSIONS_CHANGED, (e) => this.forget((e.data.accountId as string | null) ?? null));
  }

  private get db() {
    return this.core.db;
  }

  // ---- staff sign-in ---------------------------------------------------------------------

  async login(ctx: RequestContext, username: string, password: string): Promise<{ token: string }> {
    const settings = await this.core.settings.security();
    const account = await findAccountByUsername(this.db, username);
    const denied = () => new AppError(401, 'BAD_CREDENTIALS', '账号或密码错误');
    const who = { ...auditActor(ctx), actorId: account?.id ?? null, actorName: username };
    if (account?.kind !== 'staff') {
      await burnPasswordCheck(password);
      await this.core.audit.record(this.db, who, { action: 'auth.login', result: 'failed', detail: { reason: 'unknown_account' } });
      throw denied();
    }
    const now = Date.now();
    if (account.locked_until && Date.parse(account.locked_until) > now) {
      await this.core.audit.record(this.db, who, {
        action: 'auth.login',
        targetType: 'account',
        targetId: account.id,
        result: 'denied',
        detail: { reason: 'locked' },
      });
      const left = Math.ceil((Date.parse(account.locked_until) - now) / 60_000);
      throw new AppError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请 ${left} 分钟后再试或联系安全管理员`);
    }
    const ok = await verifyPassword(account.password_hash, password);
    if (!ok || account.disabled) {
      const failed = account.failed_count + 1;
      const lock = failed >= settings.lockoutThreshold;
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({
            failed_count: lock ? 0 : failed,
            locked_until: lock ? new Date(now + minutes(settings.lockoutMinutes)).toISOString() : account.locked_until,
          })
          .where('id', '=', account.id)
          .execute();
        await this.core.audit.record(trx, who, {
          action: lock ? 'auth.lockout' : 'auth.login',
          targetType: 'account',
          targetId: account.id,
          result: 'failed',
          detail: { reason: account.disabled ? 'disabled' : 'bad_password', failures: failed },
        });
      });
      if (ok && account.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
      if (lock) {
        throw new AppError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定 ${settings.lockoutMinutes} 分钟`);
      }
      throw denied();
    }
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ failed_count: 0, locked_until: null, last_login_at: nowIso() })
        .where('id', '=', account.id)
        .execute();
      const token = await this.createSession(trx, account.id, account.subdistrict_id, ctx, settings);
      await this.core.audit.record(trx, who, { action: 'auth.login', targetType: 'account', targetId: account.id });
      return { token };
    });
  }

  async createSession(
    exec: Executor,
    accountId: string,
    subdistrictId: string,
    ctx: Pick<RequestContext, 'ip' | 'userAgent'>,
    settings?: SecuritySettings,
  ): Promise<string> {
    const s = settings ?? (await this.core.settings.security());
    const token = newToken();
    const now = new Date();
    await exec
      .insertInto('sessions')
      .values({
        id: sessionIdOf(token),
        subdistrict_id: subdistrictId,
        account_id: accountId,
        csrf_token: newToken(),
        mfa_ok: 0,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + s.absoluteHours * 3_600_000).toISOString(),
        ip: ctx.ip,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return token;
  }

  /** The session behind a cookie, or null when it is unknown, expired, idle too long or its account is disabled. */
  async load(token: string): Promise<LoadedSession | null> {
    const sid = sessionIdOf(token);
    const now = Date.now();
    const settings = await this.core.settings.security();
    let entry = this.cache.get(sid);
    if (!entry || now - entry.fetchedAt > SESSION_CACHE_MS) {
      const fetched = await this.fetchSession(sid, settings, now);
      if (!fetched) {
        this.cache.delete(sid);
        return null;
      }
      entry = fetched;
      this.remember(sid, entry);
    }
    if (now - entry.lastSeen > minutes(settings.idleMinutes) || entry.expiresAt <= now) {
      this.cache.delete(sid);
      await this.db.deleteFrom('sessions').where('id', '=', sid).execute();
      return null;
    }
    entry.lastSeen = now;
    if (now - entry.lastSeenWritten > LAST_SEEN_EVERY_MS) {
      entry.lastSeenWritten = now;
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now).toISOString() })
        .where('id', '=', sid)
        .execute();
    }
    return entry.loaded;
  }

  private async fetchSession(sid: string, settings: SecuritySettings, now: number): Promise<CachedSession | null> {
    const row = await sessionWithAccount(this.db, sid);
    if (!row) return null;
    if (row.disabled) {
      await this.db.deleteFrom('sessions').where('id', '=', sid).execute();
      return null;
    }
    const grants = await grantsOf(this.db, row.account_id);
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
  async sessionsChanged(accountId: string | null): Promise<void> {
    await this.core.events.publish(SESSIONS_CHANGED, { accountId });
  }

  private forget(accountId: string | null): void {
    for (const [sid, e] of this.cache) if (accountId === null || e.loaded.actor.accountId === accountId) this.cache.delete(sid);
  }

  async me(s: LoadedSession): Promise<Me> {
    const settings = await this.core.settings.security();
    const a = s.actor;
    const account = await findAccount(this.db, a.accountId);
    const subdistrict = await this.db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('id', '=', a.subdistrictId)
      .executeTakeFirstOrThrow();
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
      roles: a.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName })),
      csrfToken: s.csrfToken,
      passwordPolicy: { minLength: settings.passwordMinLength, minClasses: settings.passwordMinClasses },
    };
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (!ctx.actor) return;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('sessions')
        .where('id', '=', ctx.actor?.sessionId ?? '')
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), { action: 'auth.logout', targetType: 'account', targetId: ctx.actor?.accountId });
    });
    await this.sessionsChanged(ctx.actor.accountId);
  }

  // ---- password ----------------------------------------------------------------------------

  async validateNewPassword(password: string, username: string, field = 'newPassword'): Promise<void> {
    const s = await this.core.settings.security();
    const problems = checkPassword(password, { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses }, { username });
    if (problems.length > 0)
      throw invalid(
        problems.join('；'),
        problems.map((message) => ({ path: field, message })),
      );
  }

  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    const account = await findAccount(this.db, actor.accountId);
    if (!account || !(await verifyPassword(account.password_hash, current))) {
      throw invalidField('currentPassword', '当前密码不正确');
    }
    if (current === next) throw invalidField('newPassword', '新密码不能与当前密码相同');
    await this.validateNewPassword(next, account.username);
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ password_hash: hash, must_change_password: 0, password_changed_at: nowIso(), updated_at: nowIso() })
        .where('id', '=', actor.accountId)
        .execute();
      // other sign-ins of this account end with the old password
      await trx.deleteFrom('sessions').where('account_id', '=', actor.accountId).where('id', '!=', actor.sessionId).execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'auth.password_change',
        targetType: 'account',
        targetId: actor.accountId,
      });
    });
    await this.sessionsChanged(actor.accountId);
  }

  // ---- TOTP ----------------------------------------------------------------------------------

  async beginTotp(ctx: RequestContext): Promise<{ secret: string; otpauthUrl: string }> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    const account = await findAccount(this.db, actor.accountId);
    if (!account) throw unauthorized();
    if (account.totp_enabled) throw new AppError(409, 'CONFLICT', '已启用两步验证');
    const secret = generateSecret();
    await this.db
      .updateTable('accounts')
      .set({ totp_secret: encryptField(this.core.keys.field, secret), updated_at: nowIso() })
      .where('id', '=', actor.accountId)
      .execute();
    return { secret, otpauthUrl: generateURI({ issuer: 'linli 邻里', label: account.username, secret }) };
  }

  async enableTotp(ctx: RequestContext, code: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    const account = await findAccount(this.db, actor.accountId);
    if (!account?.totp_secret) throw invalidField('code', '请先获取两步验证密钥');
    if (!(await this.totpValid(account.totp_secret, code))) throw invalidField('code', '验证码不正确，请核对手机时间后重试');
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ totp_enabled: 1, updated_at: nowIso() }).where('id', '=', actor.accountId).execute();
      await trx.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', actor.sessionId).execute();
      await this.core.audit.record(trx, auditActor(ctx), { action: 'auth.totp_enable', targetType: 'account', targetId: actor.accountId });
    });
    await this.sessionsChanged(actor.accountId);
  }

  async verifyTotp(ctx: RequestContext, code: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    const account = await findAccount(this.db, actor.accountId);
    const ok = !!account?.totp_secret && account.totp_enabled === 1 && (await this.totpValid(account.totp_secret, code));
    await this.db.transaction().execute(async (trx) => {
      if (ok) await trx.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', actor.sessionId).execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'auth.totp_verify',
        targetType: 'account',
        targetId: actor.accountId,
        result: ok ? 'ok' : 'failed',
      });
    });
    if (!ok) throw invalidField('code', '验证码不正确');
    await this.sessionsChanged(actor.accountId);
  }

  private async totpValid(encryptedSecret: string, code: string): Promise<boolean> {
    const secret = decryptField(this.core.keys.field, encryptedSecret);
    const result = await verifyTotpCode({ secret, token: code, epochTolerance: 30 });
    return result.valid;
  }

  // ---- residents: phone + SMS code ------------------------------------------------------------

  async requestSmsCode(ctx: RequestContext, phone: string): Promise<void> {
    const phoneHash = lookupHash(this.core.keys.lookup, phone);
    const now = Date.now();
    const dayAgo = new Date(now - 86_400_000).toISOString();
    const recent = await this.db
      .selectFrom('sms_codes')
      .select(['created_at'])
      .where('phone_hash', '=', phoneHash)
      .where('created_at', '>', dayAgo)
      .orderBy('created_at', 'desc')
      .execute();
    if (recent[0] && now - Date.parse(recent[0].created_at) < SMS_RESEND_MS) {
      throw new AppError(429, 'RATE_LIMITED', '验证码已发送，请 1 分钟后再试');
    }
    if (recent.length >= this.core.config.sms.dailyCap) {
      throw new AppError(429, 'RATE_LIMITED', '今天获取验证码次数已达上限，请明天再试');
    }
    const code = newSmsCode();
    const account = await this.db.selectFrom('accounts').select('subdistrict_id').where('phone_hash', '=', phoneHash).executeTakeFirst();
    await this.db.transaction().execute(async (trx) => {
      const id = uuidv7();
      await trx
        .insertInto('sms_codes')
        .values({
          id,
          phone_hash: phoneHash,
          code_hash: codeHash(this.core.keys.lookup, phone, code),
          ip: ctx.ip,
          attempts: 0,
          created_at: new Date(now).toISOString(),
          expires_at: new Date(now + SMS_TTL_MS).toISOString(),
          consumed_at: null,
        })
        .execute();
      // through the outbox: the request never waits on the SMS gateway
      await this.core.notify.enqueue(trx, {
        subdistrictId: account?.subdistrict_id ?? null,
        to: { channel: 'sms', phone },
        template: SMS_LOGIN_TEMPLATE,
        variables: { code },
        secret: true,
        // a code is useless after its 5 minutes: do not keep retrying past them
        maxAttempts: 3,
        source: { module: 'auth', type: 'sms_code', id },
      });
    });
    this.core.notify.wake();
  }

  async verifySmsCode(ctx: RequestContext, phone: string, code: string): Promise<{ token: string }> {
    const phoneHash = lookupHash(this.core.keys.lookup, phone);
    const bad = (message: string) => invalidField('code', message);
    const row = await this.db
      .selectFrom('sms_codes')
      .selectAll()
      .where('phone_hash', '=', phoneHash)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!row || Date.parse(row.expires_at) <= Date.now()) throw bad('验证码已过期，请重新获取');
    if (row.attempts >= SMS_MAX_TRIES) throw bad('验证码错误次数过多，请重新获取');
    if (!safeEqual(row.code_hash, codeHash(this.core.keys.lookup, phone, code))) {
      await this.db
        .updateTable('sms_codes')
        .set({ attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute();
      const left = SMS_MAX_TRIES - row.attempts - 1;
      throw bad(left > 0 ? `验证码不正确，还可尝试 ${left} 次` : '验证码错误次数过多，请重新获取');
    }
    // read before the transaction: on SQLite its one connection is held until commit, so a read
    // through this.db inside it (a settings cache miss in createSession) would wait forever
    const settings = await this.core.settings.security();
    return this.db.transaction().execute(async (trx) => {
      const consumed = await trx
        .updateTable('sms_codes')
        .set({ consumed_at: nowIso() })
        .where('id', '=', row.id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      if (Number(consumed.numUpdatedRows) !== 1) throw bad('验证码已使用，请重新获取');
      const account = await this.residentAccount(trx, phoneHash, phone);
      if (account.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系居委会');
      const token = await this.createSession(trx, account.id, account.subdistrict_id, ctx, settings);
      await trx.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
      await this.core.audit.record(
        trx,
        { ...auditActor(ctx), actorId: account.id, actorName: maskPhone(phone), subdistrictId: account.subdistrict_id },
        { action: 'auth.sms_login', targetType: 'account', targetId: account.id },
      );
      return { token };
    });
  }

  private async residentAccount(trx: Executor, phoneHash: string, phone: string) {
    const existing = await trx.selectFrom('accounts').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst();
    if (existing) return existing;
    const subdistrict = await trx
      .selectFrom('org_units')
      .select('id')
      .where('kind', '=', 'subdistrict')
      .orderBy('created_at')
      .executeTakeFirst();
    if (!subdistrict) throw new AppError(503, 'NOT_READY', '系统尚未初始化');
    const now = nowIso();
    const account = {
      id: uuidv7(),
      subdistrict_id: subdistrict.id,
      username: `resident-${uuidv7()}`,
      display_name: maskPhone(phone),
      kind: 'resident',
      phone_hash: phoneHash,
      person_id: null,
      password_hash: null,
      must_change_password: 0,
      password_changed_at: null,
      totp_secret: null,
      totp_enabled: 0,
      failed_count: 0,
      locked_until: null,
      disabled: 0,
      last_login_at: now,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('accounts').values(account).execute();
    await trx
      .insertInto('account_roles')
      .values({
        id: uuidv7(),
        subdistrict_id: subdistrict.id,
        account_id: account.id,
        role: 'resident',
        org_id: subdistrict.id,
        created_at: now,
        created_by: null,
      })
      .execute();
    return account;
  }
}

export function pendingStep(
  row: Pick<SessionRow, 'totp_enabled' | 'mfa_ok' | 'must_change_password' | 'kind'>,
  grants: Grant[],
  settings: SecuritySettings,
): PendingStep | null {
  if (row.totp_enabled && !row.mfa_ok) return 'mfa';
  if (row.must_change_password) return 'password_change';
  const totpRequired = grants.some((g) => roleDef(g.role)?.totpRequired) || (row.kind === 'staff' && settings.staffTotpRequired);
  if (totpRequired && !row.totp_enabled) return 'mfa_setup';
  return null;
}
