import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/index';
import type { AccountsTable } from '../../db/schema';
import { roleDef } from '../access/roles';
import { auditActor, type Core, nowIso, type RequestContext } from '../context';
import { lookupHash, maskPhone } from '../crypto/fields';
import { AppError, invalidField } from '../errors';
import * as repo from './auth.repository';
import type { RateLimiter } from './rate-limit';
import type { SessionsService } from './sessions.service';
import { codeHash, newSmsCode, safeEqual } from './tokens';

export const SMS_LOGIN_TEMPLATE = '【邻里】您的登录验证码是 {code}，5 分钟内有效。如非本人操作，请忽略。';
const SMS_TTL_MS = 5 * 60_000;
const SMS_MAX_TRIES = 5;
const HOUR = 3_600_000;

/**
 * Limits on sign-in codes, kept apart from the notification cap (LINLI_SMS_DAILY_CAP) and
 * counted per requester, so that a flood from one address neither stops the owner signing in
 * from another nor uses up the phone's notifications.
 */
export const SMS_LIMITS = {
  /** codes one address may ask for, whatever the phones */
  perAddress: { max: 10, windowMs: HOUR },
  /** one code a minute for one phone from one address */
  resend: { max: 1, windowMs: 60_000 },
  /** codes for one phone from one address in a day */
  perPhoneAndAddress: { max: 5, windowMs: 24 * HOUR },
  /** codes for one phone from all addresses in an hour */
  perPhone: { max: 10, windowMs: HOUR },
} as const;

/** Residents sign in with their phone and a code sent by SMS; the first sign-in makes their account. */
export class SmsCodesService {
  constructor(
    private readonly core: Core,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
  ) {}

  private get db() {
    return this.core.db;
  }

  async request(ctx: RequestContext, phone: string): Promise<void> {
    const phoneHash = lookupHash(this.core.keys.lookup, phone);
    // the address first: a flood from it stops there and touches none of the phone's counters
    await this.limiter.take(
      `sms:ip:${ctx.ip}`,
      SMS_LIMITS.perAddress,
      (s) => `此网络获取验证码过于频繁，请 ${Math.ceil(s / 60)} 分钟后再试`,
    );
    await this.limiter.take(`sms:resend:${phoneHash}:${ctx.ip}`, SMS_LIMITS.resend, () => '验证码已发送，请 1 分钟后再试');
    await this.limiter.take(
      `sms:phone-ip:${phoneHash}:${ctx.ip}`,
      SMS_LIMITS.perPhoneAndAddress,
      () => '今天获取验证码次数已达上限，请明天再试',
    );
    await this.limiter.take(
      `sms:phone:${phoneHash}`,
      SMS_LIMITS.perPhone,
      (s) => `该手机号获取验证码过于频繁，请 ${Math.ceil(s / 60)} 分钟后再试`,
    );
    const code = newSmsCode();
    const now = new Date();
    const account = await repo.findAccountByPhone(this.db, phoneHash);
    await this.db.transaction().execute(async (trx) => {
      const id = uuidv7();
      await repo.insertSmsCode(trx, {
        id,
        phoneHash,
        codeHash: codeHash(this.core.keys.lookup, phone, code),
        ip: ctx.ip,
        at: now,
        expiresAt: new Date(now.getTime() + SMS_TTL_MS),
      });
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

  /**
   * Any live code of the phone signs in (a code asked for later, by anyone, does not void the
   * owner's); a wrong one counts against all of them.
   */
  async verify(ctx: RequestContext, phone: string, code: string): Promise<{ token: string }> {
    const phoneHash = lookupHash(this.core.keys.lookup, phone);
    const bad = (message: string) => invalidField('code', message);
    const live = await repo.liveSmsCodes(this.db, phoneHash, new Date(), SMS_LIMITS.perPhone.max);
    if (live.length === 0) throw bad('验证码已过期或已使用，请重新获取');
    const usable = live.filter((r) => r.attempts < SMS_MAX_TRIES);
    if (usable.length === 0) throw bad('验证码错误次数过多，请重新获取');
    const want = codeHash(this.core.keys.lookup, phone, code);
    const match = usable.find((r) => safeEqual(r.code_hash, want));
    if (!match) {
      await repo.countSmsFailure(
        this.db,
        usable.map((r) => r.id),
      );
      const left = SMS_MAX_TRIES - (usable[0]?.attempts ?? 0) - 1;
      throw bad(left > 0 ? `验证码不正确，还可尝试 ${left} 次` : '验证码错误次数过多，请重新获取');
    }
    // read before the transaction: on SQLite its one connection is held until commit, so a read
    // through this.db inside it (a settings cache miss in createSession) would wait forever
    const settings = await this.core.settings.security();
    return this.db.transaction().execute(async (trx) => {
      if (!(await repo.consumeSmsCode(trx, match.id, nowIso()))) throw bad('验证码已使用，请重新获取');
      const account = await this.residentAccount(trx, phoneHash, phone);
      if (account.disabled) throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系居委会');
      // a staff account signs in by SMS only when every role it holds is made for the phone (a volunteer):
      // an office account keeps its password and second factor
      if (account.kind === 'staff') {
        const grants = await repo.grantsOf(trx, account.id);
        if (grants.length === 0 || !grants.every((g) => roleDef(g.role)?.phoneSignIn)) {
          throw new AppError(403, 'PASSWORD_SIGN_IN', '该手机号绑定的是工作人员账号，请在电脑上用账号和密码登录');
        }
      }
      const token = await this.sessions.create(trx, account.id, account.subdistrict_id, ctx, settings, {
        secondFactorPassed: true,
        via: 'sms',
      });
      await this.core.audit.record(
        trx,
        { ...auditActor(ctx), actorId: account.id, actorName: maskPhone(phone), subdistrictId: account.subdistrict_id },
        { action: 'auth.sms_login', targetType: 'account', targetId: account.id },
      );
      return { token };
    });
  }

  private async residentAccount(trx: Executor, phoneHash: string, phone: string): Promise<AccountsTable> {
    const existing = await repo.findAccountByPhone(trx, phoneHash);
    if (existing) return existing;
    const subdistrict = await repo.firstSubdistrict(trx);
    if (!subdistrict) throw new AppError(503, 'NOT_READY', '系统尚未初始化');
    const now = nowIso();
    const account: AccountsTable = {
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
    await repo.insertAccount(trx, account);
    await repo.addGrant(trx, {
      id: uuidv7(),
      subdistrictId: subdistrict.id,
      accountId: account.id,
      role: 'resident',
      orgId: subdistrict.id,
      at: now,
    });
    return account;
  }
}
