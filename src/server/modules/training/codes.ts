import { randomInt } from 'node:crypto';
import type { Limit, RateLimiter } from '../../core/auth/rate-limit';
import type { Executor } from '../../db/index';
import { codeTaken } from './training.repository';

/** A 6-digit code (join a live quiz, check in to a session): easy to read aloud and type. */
export function randomCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** a code no session (or quiz) uses yet; the unique index refuses the rare race */
export async function freeCode(db: Executor, table: 'training_sessions' | 'training_quizzes'): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const code = randomCode();
    if (!(await codeTaken(db, table, code))) return code;
  }
  throw new Error(`no free 6-digit code in ${table}`);
}

/**
 * Wrong codes per client address: 20 a minute. Only misses count, so a class of 500 on one venue's
 * Wi-Fi (one address) joins freely while guessing a 6-digit code stays out of reach.
 */
export const CODE_MISSES: Limit = { max: 20, windowMs: 60_000 };

/** counts one wrong code from `ip`; past the limit the answer is 429 with the wait in words */
export function countMiss(limiter: RateLimiter, what: 'join' | 'checkin', ip: string): Promise<void> {
  return limiter.take(`training.${what}-miss:ip:${ip}`, CODE_MISSES, (s) => `输错次数过多，请 ${s} 秒后再试`);
}
