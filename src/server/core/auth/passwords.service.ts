import { uuidv7 } from 'uuidv7';
import type { PendingStep } from '../../../contracts/auth';
import type { Executor } from '../../db/index';
import { auditActor, type Core, nowIso, type RequestContext } from '../context';
import { AppError, invalid, invalidField, unauthorized } from '../errors';
import { locksAt, PENDING_STEP_MESSAGE, SIGN_IN_DENIED, stepAllows } from './auth.domain';
import * as repo from './auth.repository';
import { checkPassword, placeWords } from './password-policy';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import type { SessionsService } from './sessions.service';

/** how many of an account's latest passwords may not be used again */
export const PASSWORD_HISTORY = 5;

const minutes = (n: number) => n * 60_000;

/** An argon2 check whatever the account: against its hash, or a stand-in when it has none. */
async function passwordMatches(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await burnPasswordCheck(password);
    return false;
  }
  return verifyPassword(stored, password);
}

/** Staff sign-in with account and password, the password rules, password changes and their history. */
export class PasswordsService {
  constructor(
    private readonly core: Core,
    private readonly sessions: SessionsService,
  ) {}

  private get db() {
    return this.core.db;
  }

  /**
   * Every failure (unknown account, wrong password, locked or disabled account) takes the same
   * path (one argon2 check, one audited write) and gets the same answer, so none can be told apart.
   * Failures are counted in one statement each: concurrent wrong passwords all count.
   */
  async login(ctx: RequestContext, username: string, password: string): Promise<{ token: string }> {
    const settings = await this.core.settings.security();
    const found = await repo.findAccountByUsername(this.db, username);
    const account = found?.kind === 'staff' ? found : undefined;
    const ok = await passwordMatches(account?.password_hash, password);
    const now = Date.now();
    const who = { ...auditActor(ctx), actorId: account?.id ?? null, actorName: username };
    const locked = !!account?.locked_until && Date.parse(account.locked_until) > now;
    if (!account || !ok || locked || account.disabled) {
      const reason = !account ? 'unknown_account' : locked ? 'locked' : !ok ? 'bad_password' : 'disabled';
      await this.db.transaction().execute(async (trx) => {
        let failures: number | undefined;
        let lock = false;
        if (account && reason === 'bad_password') {
          failures = await repo.countFailure(trx, account.id);
          lock = locksAt(failures, settings.lockoutThreshold);
          if (lock) await repo.lockAccount(trx, account.id, new Date(now + minutes(settings.lockoutMinutes)).toISOString());
        }
        await this.core.audit.record(trx, who, {
          action: lock ? 'auth.lockout' : 'auth.login',
          targetType: account ? 'account' : undefined,
          targetId: account?.id,
          result: reason === 'locked' || reason === 'disabled' ? 'denied' : 'failed',
          detail: failures === undefined ? { reason } : { reason, failures },
        });
      });
      throw new AppError(401, 'BAD_CREDENTIALS', SIGN_IN_DENIED);
    }
    return this.db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, account.id, { failed_count: 0, locked_until: null, last_login_at: nowIso() });
      const token = await this.sessions.create(trx, account.id, account.subdistrict_id, ctx, settings);
      await this.core.audit.record(trx, who, { action: 'auth.login', targetType: 'account', targetId: account.id });
      return { token };
    });
  }

  /** The password rules of the settings, plus no account name and no names of the product or the place. */
  async validateNewPassword(password: string, username: string, field = 'newPassword', subdistrictId?: string): Promise<void> {
    const s = await this.core.settings.security();
    const places = placeWords(subdistrictId ? await repo.placeNames(this.db, subdistrictId) : []);
    const problems = checkPassword(password, { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses }, { username, places });
    if (problems.length > 0)
      throw invalid(
        problems.join('；'),
        problems.map((message) => ({ path: field, message })),
      );
  }

  /** Refuses the account's current password and its last PASSWORD_HISTORY ones. */
  async refuseReuse(accountId: string, password: string, field = 'newPassword'): Promise<void> {
    const account = await repo.findAccount(this.db, accountId);
    const hashes = new Set(await repo.recentPasswordHashes(this.db, accountId, PASSWORD_HISTORY));
    if (account?.password_hash) hashes.add(account.password_hash);
    for (const h of hashes) {
      if (await verifyPassword(h, password)) throw invalidField(field, `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`);
    }
  }

  /** Records a password just set (inside the transaction that sets it). */
  async remember(exec: Executor, accountId: string, hash: string): Promise<void> {
    await repo.rememberPassword(exec, { id: uuidv7(), accountId, hash, at: nowIso() }, PASSWORD_HISTORY);
  }

  async changePassword(ctx: RequestContext, pending: PendingStep | null, current: string, next: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    if (!stepAllows(pending, 'password_change')) throw new AppError(403, 'PENDING_STEP', PENDING_STEP_MESSAGE[pending ?? 'mfa']);
    const account = await repo.findAccount(this.db, actor.accountId);
    if (!account || !(await verifyPassword(account.password_hash, current))) {
      throw invalidField('currentPassword', '当前密码不正确');
    }
    if (current === next) throw invalidField('newPassword', '新密码不能与当前密码相同');
    await this.validateNewPassword(next, account.username, 'newPassword', account.subdistrict_id);
    await this.refuseReuse(account.id, next);
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      const at = nowIso();
      await repo.updateAccount(trx, actor.accountId, {
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: at,
        updated_at: at,
      });
      await this.remember(trx, actor.accountId, hash);
      // other sign-ins of this account end with the old password
      await repo.deleteOtherSessions(trx, actor.accountId, actor.sessionId);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'auth.password_change',
        targetType: 'account',
        targetId: actor.accountId,
      });
    });
    await this.sessions.changed(actor.accountId);
  }
}
