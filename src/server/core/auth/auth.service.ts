import type { SecuritySettings } from '../../../contracts/accounts';
import type { Me, PendingStep } from '../../../contracts/auth';
import type { Executor } from '../../db/index';
import type { Core, RequestContext } from '../context';
import { PasswordsService } from './passwords.service';
import { RateLimiter } from './rate-limit';
import { SecondFactorService } from './second-factor.service';
import { type LoadedSession, SessionsService } from './sessions.service';
import { SmsCodesService } from './sms-codes.service';

export { pendingStep } from './auth.domain';
export type { LoadedSession } from './sessions.service';
export { SESSIONS_CHANGED } from './sessions.service';
export { SMS_LOGIN_TEMPLATE } from './sms-codes.service';

/**
 * Sign-in, as the routes and the other core services see it. The work is done by its parts:
 * sessions, passwords (staff sign-in, rules, history), the second factor (TOTP) and residents'
 * SMS codes, with every query in auth.repository.ts and every limit in the database.
 */
export class AuthService {
  readonly limiter: RateLimiter;
  readonly sessions: SessionsService;
  readonly passwords: PasswordsService;
  readonly secondFactor: SecondFactorService;
  readonly smsCodes: SmsCodesService;

  constructor(core: Core) {
    this.limiter = new RateLimiter(core.db);
    this.sessions = new SessionsService(core);
    this.passwords = new PasswordsService(core, this.sessions);
    this.secondFactor = new SecondFactorService(core, this.sessions);
    this.smsCodes = new SmsCodesService(core, this.sessions, this.limiter);
  }

  login(ctx: RequestContext, username: string, password: string): Promise<{ token: string }> {
    return this.passwords.login(ctx, username, password);
  }

  createSession(
    exec: Executor,
    accountId: string,
    subdistrictId: string,
    ctx: Pick<RequestContext, 'ip' | 'userAgent'>,
    settings?: SecuritySettings,
  ): Promise<string> {
    return this.sessions.create(exec, accountId, subdistrictId, ctx, settings);
  }

  load(token: string, opts?: { touch?: boolean }): Promise<LoadedSession | null> {
    return this.sessions.load(token, opts);
  }

  sessionsChanged(accountId: string | null): Promise<void> {
    return this.sessions.changed(accountId);
  }

  me(s: LoadedSession): Promise<Me> {
    return this.sessions.me(s);
  }

  logout(ctx: RequestContext): Promise<void> {
    return this.sessions.logout(ctx);
  }

  validateNewPassword(password: string, username: string, field = 'newPassword', subdistrictId?: string): Promise<void> {
    return this.passwords.validateNewPassword(password, username, field, subdistrictId);
  }

  changePassword(ctx: RequestContext, pending: PendingStep | null, current: string, next: string): Promise<void> {
    return this.passwords.changePassword(ctx, pending, current, next);
  }

  beginTotp(ctx: RequestContext, pending: PendingStep | null): Promise<{ secret: string; otpauthUrl: string }> {
    return this.secondFactor.begin(ctx, pending);
  }

  enableTotp(ctx: RequestContext, pending: PendingStep | null, code: string): Promise<void> {
    return this.secondFactor.enable(ctx, pending, code);
  }

  verifyTotp(ctx: RequestContext, pending: PendingStep | null, code: string): Promise<void> {
    return this.secondFactor.verify(ctx, pending, code);
  }

  requestSmsCode(ctx: RequestContext, phone: string): Promise<void> {
    return this.smsCodes.request(ctx, phone);
  }

  verifySmsCode(ctx: RequestContext, phone: string, code: string): Promise<{ token: string }> {
    return this.smsCodes.verify(ctx, phone, code);
  }
}
