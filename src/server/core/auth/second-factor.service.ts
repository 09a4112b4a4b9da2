import { generateSecret, generateURI, verify as verifyTotpCode } from 'otplib';
import type { PendingStep } from '../../../contracts/auth';
import { auditActor, type Core, nowIso, type RequestContext } from '../context';
import { decryptField, encryptField } from '../crypto/fields';
import { AppError, invalidField, unauthorized } from '../errors';
import { locksAt, PENDING_STEP_MESSAGE, type StepAction, stepAllows } from './auth.domain';
import * as repo from './auth.repository';
import type { SessionsService } from './sessions.service';

const minutes = (n: number) => n * 60_000;

/**
 * TOTP: enrolment and the second step of sign-in. A code works once (the last time-step taken is
 * kept per account, so neither this session nor another can use it or an earlier one again), and
 * wrong codes are counted per account and lock it like wrong passwords.
 */
export class SecondFactorService {
  constructor(
    private readonly core: Core,
    private readonly sessions: SessionsService,
  ) {}

  private get db() {
    return this.core.db;
  }

  private allow(pending: PendingStep | null, action: StepAction): void {
    if (stepAllows(pending, action)) return;
    if (pending) throw new AppError(403, 'PENDING_STEP', PENDING_STEP_MESSAGE[pending]);
    throw new AppError(409, 'CONFLICT', '当前登录已完成两步验证');
  }

  async begin(ctx: RequestContext, pending: PendingStep | null): Promise<{ secret: string; otpauthUrl: string }> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    this.allow(pending, 'totp_setup');
    const account = await repo.findAccount(this.db, actor.accountId);
    if (!account) throw unauthorized();
    if (account.totp_enabled) throw new AppError(409, 'CONFLICT', '已启用两步验证');
    const secret = generateSecret();
    await repo.updateAccount(this.db, actor.accountId, { totp_secret: encryptField(this.core.keys.field, secret), updated_at: nowIso() });
    return { secret, otpauthUrl: generateURI({ issuer: 'linli 邻里', label: account.username, secret }) };
  }

  async enable(ctx: RequestContext, pending: PendingStep | null, code: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    this.allow(pending, 'totp_setup');
    const account = await repo.findAccount(this.db, actor.accountId);
    if (!account?.totp_secret) throw invalidField('code', '请先获取两步验证密钥');
    if (account.totp_enabled) throw new AppError(409, 'CONFLICT', '已启用两步验证');
    const step = await this.stepOf(account.totp_secret, code);
    const at = nowIso();
    if (step === null || !(await repo.takeTotpStep(this.db, actor.accountId, step, at))) {
      throw invalidField('code', '验证码不正确，请核对手机时间后重试');
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAccount(trx, actor.accountId, { totp_enabled: 1, updated_at: at });
      await repo.markSecondFactorPassed(trx, actor.sessionId);
      await this.core.audit.record(trx, auditActor(ctx), { action: 'auth.totp_enable', targetType: 'account', targetId: actor.accountId });
    });
    await this.sessions.changed(actor.accountId);
  }

  async verify(ctx: RequestContext, pending: PendingStep | null, code: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw unauthorized();
    this.allow(pending, 'totp_verify');
    const settings = await this.core.settings.security();
    const account = await repo.findAccount(this.db, actor.accountId);
    const at = nowIso();
    const step = account?.totp_secret && account.totp_enabled === 1 ? await this.stepOf(account.totp_secret, code) : null;
    // taking the step is the check against replay: atomic, so two sessions racing with one code get one success
    const ok = step !== null && (await repo.takeTotpStep(this.db, actor.accountId, step, at));
    let locked = false;
    await this.db.transaction().execute(async (trx) => {
      let failures: number | undefined;
      if (ok) {
        await repo.markSecondFactorPassed(trx, actor.sessionId);
      } else {
        failures = await repo.countTotpFailure(trx, actor.accountId, at);
        locked = locksAt(failures, settings.lockoutThreshold);
        if (locked) {
          await repo.lockAccount(trx, actor.accountId, new Date(Date.now() + minutes(settings.lockoutMinutes)).toISOString());
          await repo.resetTotpFailures(trx, actor.accountId, at);
          // whoever has the password but not the phone is signed out
          await repo.deletePendingSessions(trx, actor.accountId);
        }
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: locked ? 'auth.lockout' : 'auth.totp_verify',
        targetType: 'account',
        targetId: actor.accountId,
        result: ok ? 'ok' : 'failed',
        detail: failures === undefined ? undefined : { reason: 'bad_totp', failures },
      });
    });
    if (locked) {
      await this.sessions.changed(actor.accountId);
      throw invalidField('code', `验证码错误次数过多，账号已锁定 ${settings.lockoutMinutes} 分钟`);
    }
    if (!ok) throw invalidField('code', '验证码不正确或已使用');
    await this.sessions.changed(actor.accountId);
  }

  /** the time-step a code belongs to (now, or one step either side for a phone's clock), or null */
  private async stepOf(encryptedSecret: string, code: string): Promise<number | null> {
    const secret = decryptField(this.core.keys.field, encryptedSecret);
    const result = await verifyTotpCode({ secret, token: code, epochTolerance: 30 });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
