import type { SecuritySettings } from '../../../contracts/accounts';
import type { PendingStep } from '../../../contracts/auth';
import type { Grant } from '../access/actor';
import { roleDef } from '../access/roles';

// Pure rules of sign-in: no I/O.

/** One answer for every failed sign-in (wrong password, unknown, locked or disabled account); 账号 as the sign-in form calls it. */
export const SIGN_IN_DENIED = '账号或密码错误，或账号已被锁定';

/** What a session still has to do before it is complete, or null. */
export function pendingStep(
  row: { totp_enabled: number; mfa_ok: number; must_change_password: number; kind: string; via?: string },
  grants: Grant[],
  settings: Pick<SecuritySettings, 'staffTotpRequired'>,
): PendingStep | null {
  if (row.totp_enabled && !row.mfa_ok) return 'mfa';
  // a session signed in by SMS code used no password: the change it owes waits for a password sign-in
  if (row.must_change_password && row.via !== 'sms') return 'password_change';
  const totpRequired = grants.some((g) => roleDef(g.role)?.totpRequired) || (row.kind === 'staff' && settings.staffTotpRequired);
  if (totpRequired && !row.totp_enabled) return 'mfa_setup';
  return null;
}

/** The sign-in steps a session may take. */
export type StepAction = 'password_change' | 'totp_setup' | 'totp_verify';

const STEP_OF: Record<StepAction, PendingStep> = {
  password_change: 'password_change',
  totp_setup: 'mfa_setup',
  totp_verify: 'mfa',
};

/**
 * A session that has not finished signing in may take only its own pending step (and sign out);
 * a complete one may change its password or enrol TOTP, but has no second factor left to verify.
 */
export function stepAllows(pending: PendingStep | null, action: StepAction): boolean {
  if (pending === null) return action !== 'totp_verify';
  return STEP_OF[action] === pending;
}

export const PENDING_STEP_MESSAGE: Record<PendingStep, string> = {
  mfa: '请先完成两步验证',
  password_change: '请先修改初始密码',
  mfa_setup: '请先启用两步验证',
};

/** whether the failure just counted locks the account */
export const locksAt = (failures: number, threshold: number) => failures >= threshold;
