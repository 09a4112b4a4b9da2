import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword, verifyPassword } from '../src/server/core/auth/passwords';
import { RateLimiter } from '../src/server/core/auth/rate-limit';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { startCluster } from '../test/pg-cluster';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

// What a rate-limit hit costs now that the counters live in the database (one upsert … returning
// per hit, so every app process shares them), beside the in-process Map the old limiter kept,
// measured in the same run. Per hit, median over batches; a sign-in's argon2id check, measured
// too, is the scale it is paid against. BENCH_BATCHES (15) × BENCH_BATCH (200) hits per target;
// BENCH_PG=0 skips PostgreSQL.
const BATCHES = Number(process.env.BENCH_BATCHES ?? 15);
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const WINDOW = { max: 1_000_000, windowMs: 60_000 };

/** the old way: a counter per key in process memory, with its window */
function memoryHit(store: Map<string, { count: number; ends: number }>, key: string) {
  const now = Date.now();
  const e = store.get(key);
  if (!e || e.ends <= now) store.set(key, { count: 1, ends: now + WINDOW.windowMs });
  else e.count++;
}

async function perHitMicros(hit: (i: number) => Promise<void> | void): Promise<number> {
  const samples: number[] = [];
  for (let b = 0; b < BATCHES + 1; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) await hit(b * BATCH + i);
    const us = Number(process.hrtime.bigint() - t0) / 1000 / BATCH;
    if (b > 0) samples.push(us); // the first batch warms up
  }
  return median(samples);
}

export default async function run(): Promise<BenchResult> {
  const rows: (string | number)[][] = [];
  const store = new Map<string, { count: number; ends: number }>();
  // 50 addresses hitting in turn: some keys new, most counted again
  const key = (i: number) => `login:ip:10.0.0.${i % 50}`;
  const baseline = await perHitMicros((i) => memoryHit(store, key(i)));
  rows.push(['in-process Map (old, not shared)', round(baseline, 2), '1']);

  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-limits-'));
  const sqlite = openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'linli.db') } });
  try {
    await migrateToLatest(sqlite.db, allMigrations());
    const limiter = new RateLimiter(sqlite.db);
    const us = await perHitMicros(async (i) => {
      await limiter.hit(key(i), WINDOW);
    });
    rows.push(['SQLite file (WAL, synchronous=FULL)', round(us, 1), round(us / baseline, 0)]);
    // a flood from one address: once over its limit it is refused in memory until its window ends
    const flood = await perHitMicros(async () => {
      await limiter.hit('login:ip:192.0.2.1', { max: 10, windowMs: 60_000 });
    });
    rows.push(['SQLite, address already over its limit', round(flood, 2), round(flood / baseline, 0)]);
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.BENCH_PG !== '0') {
    const cluster = await startCluster();
    try {
      const admin = new pg.Client(cluster.url);
      await admin.connect();
      await admin.query('create database linli_bench_limits');
      await admin.end();
      const database = openDatabase({ database: { kind: 'postgres', url: cluster.url.replace(/\/postgres$/, '/linli_bench_limits') } });
      try {
        await migrateToLatest(database.db, allMigrations());
        const limiter = new RateLimiter(database.db);
        const us = await perHitMicros(async (i) => {
          await limiter.hit(key(i), WINDOW);
        });
        rows.push(['PostgreSQL (local socket)', round(us, 1), round(us / baseline, 0)]);
      } finally {
        await database.close();
      }
    } finally {
      await cluster.stop();
    }
  }

  // the scale: one argon2id check, which every sign-in attempt pays (median of 10)
  const stored = await hashPassword('Bench-Password-2468');
  const argon: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = process.hrtime.bigint();
    await verifyPassword(stored, 'Wrong-Password-1357');
    if (i > 0) argon.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const a = median(argon);
  rows.push(['(scale) one argon2id check', round(a, 0), round(a / baseline, 0)]);

  return {
    title: `Rate-limit hit: database counter vs in-process Map (median µs per hit, ${BATCHES} batches of ${BATCH})`,
    columns: ['store', 'µs per hit', '× baseline'],
    rows,
    notes: ['a sign-in pays one address hit, one argon2id check and, when wrong, one failure-count update'],
  };
}
