import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../../db/index';
import { AppError } from '../errors';
import { deleteExpiredCounters, hitCounter } from './auth.repository';

export interface Limit {
  /** hits allowed in one window */
  max: number;
  windowMs: number;
}

export interface Hit {
  allowed: boolean;
  count: number;
  /** until the window ends */
  retryAfterMs: number;
}

/** now and then a hit also clears ended windows, so the table stays small without a job */
const SWEEP_EVERY = 500;
const OVER_SIZE = 10_000;

/**
 * Rate limits and attempt windows kept in the database (table rate_counters), so every app
 * process behind a load balancer counts the same hits. One statement per hit, atomic.
 */
export class RateLimiter {
  private hits = 0;
  /**
   * Keys found over their limit, until their window ends: a flood is then refused here without
   * a database write per request (the window in the database ends no earlier, so this only
   * answers sooner what the database would answer).
   */
  private readonly over = new Map<string, { count: number; until: number }>();

  constructor(private readonly db: Db) {}

  async hit(key: string, limit: Limit, now = new Date()): Promise<Hit> {
    const t = now.getTime();
    const known = this.over.get(key);
    if (known && known.until > t) return { allowed: false, count: known.count, retryAfterMs: known.until - t };
    if (known) this.over.delete(key);
    if (++this.hits % SWEEP_EVERY === 0) await deleteExpiredCounters(this.db, now);
    const { count, expiresAt } = await hitCounter(this.db, key, now, limit.windowMs);
    const until = Date.parse(expiresAt);
    const allowed = count <= limit.max;
    if (!allowed) {
      if (this.over.size >= OVER_SIZE) this.over.clear();
      this.over.set(key, { count, until });
    }
    return { allowed, count, retryAfterMs: Math.max(0, until - t) };
  }

  /** like `hit`, but throws the 429 answer when the limit is passed */
  async take(key: string, limit: Limit, message?: (seconds: number) => string): Promise<void> {
    const h = await this.hit(key, limit);
    if (!h.allowed) throw tooMany(h.retryAfterMs, message);
  }
}

export function tooMany(retryAfterMs: number, message?: (seconds: number) => string): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(429, 'RATE_LIMITED', message ? message(seconds) : `操作过于频繁，请 ${seconds} 秒后再试`);
}

/**
 * A route hook limiting calls per client address (`name` keeps routes apart). It runs before
 * the body is read, so a flood costs one statement per request and nothing more.
 */
export function limitPerAddress(limiter: RateLimiter, name: string, limit: Limit): onRequestAsyncHookHandler & preHandlerAsyncHookHandler {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const h = await limiter.hit(`${name}:ip:${req.ip}`, limit);
    if (h.allowed) return;
    const err = tooMany(h.retryAfterMs);
    reply.header('retry-after', String(Math.max(1, Math.ceil(h.retryAfterMs / 1000))));
    throw err;
  };
}
