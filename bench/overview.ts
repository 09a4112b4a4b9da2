import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { replaceGrants } from '../src/server/core/accounts/accounts.repository';
import { insertStaffAccount } from '../src/server/core/accounts/accounts.service';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import { deriveKeys } from '../src/server/core/crypto/keys';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

// The overview page (工作概览) as a leader opens it: the month's figures for the subdistrict and
// each of its neighborhoods, and the 12-month trend of four figures — the requests the page makes,
// timed end to end through Fastify (inject), on the demo data and on the demo data scaled ×100
// (every row the figures count copied 99 times), in the same run. SQLite; goal: p95 under 1 s.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const MONTH = '2026-11';

/** tables the figures count; columns that must stay unique get the copy's suffix, so do the ids the copies point to among themselves */
const COPIED: { table: string; suffix: string[] }[] = [
  { table: 'care_calls', suffix: ['id', 'client_key'] },
  { table: 'care_needs', suffix: ['id'] },
  { table: 'care_need_events', suffix: ['id', 'need_id'] },
  { table: 'jobs_fairs', suffix: ['id'] },
  { table: 'jobs_seekers', suffix: ['id', 'phone_hash', 'account_id', 'person_id'] },
  { table: 'jobs_positions', suffix: ['id'] },
  { table: 'jobs_applications', suffix: ['id', 'client_key', 'seeker_id'] },
  { table: 'training_sessions', suffix: ['id', 'checkin_code'] },
  { table: 'training_checkins', suffix: ['id', 'session_id'] },
  { table: 'training_attempts', suffix: ['id', 'participant_id'] },
  { table: 'training_responses', suffix: ['id', 'attempt_id'] },
  { table: 'party_activities', suffix: ['id'] },
  { table: 'party_activity_branches', suffix: ['activity_id'] },
  { table: 'party_checkins', suffix: ['id', 'activity_id'] },
  { table: 'party_study_checkins', suffix: ['id'] },
  { table: 'party_reports', suffix: ['id', 'client_key'] },
  { table: 'party_donations', suffix: ['id', 'client_key', 'receipt_no'] },
];

async function scale(database: Database, times: number) {
  const db = database.db;
  const counts: string[] = [];
  await sql`pragma foreign_keys = off`.execute(db);
  for (const { table, suffix } of COPIED) {
    // biome-ignore lint/suspicious/noExplicitAny: copying rows of any of the tables as they are
    const rows = (await sql<any>`select * from ${sql.table(table)}`.execute(db)).rows as Record<string, unknown>[];
    if (!rows.length) continue;
    const copies: Record<string, unknown>[] = [];
    for (let k = 1; k < times; k++) {
      for (const r of rows) {
        const c = { ...r };
        for (const col of suffix) if (c[col] !== null && c[col] !== undefined) c[col] = `${c[col]}~${k}`;
        copies.push(c);
      }
    }
    await db.transaction().execute(async (trx) => {
      const per = Math.max(1, Math.floor(900 / Object.keys(rows[0] as object).length));
      for (let i = 0; i < copies.length; i += per) {
        await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto(table)
          .values(copies.slice(i, i + per))
          .execute();
      }
    });
    counts.push(`${table} ${rows.length}→${rows.length * times}`);
  }
  await sql`pragma foreign_keys = on`.execute(db);
  return counts;
}

async function openPage(app: Awaited<ReturnType<typeof buildApp>>['app'], cookie: string, places: string[]) {
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  };
  const t0 = performance.now();
  // the page asks for these at once
  await Promise.all([
    ...places.map((id) => get(`/api/figures?month=${MONTH}&orgId=${id}`)),
    get(`/api/figures/trend?month=${MONTH}&keys=party.activities_held,care.calls_reached,training.sessions_held,jobs.fairs_held&months=12`),
  ]);
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

export default async function run(): Promise<BenchResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-overview-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LINLI_DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${dataDir}/linli.db`,
    LINLI_LOG_LEVEL: 'warn',
  });
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db, allMigrations());
    const { org } = await seedDemo(database.db);
    const { app, services } = await buildApp({
      config,
      database,
      keys: deriveKeys(randomBytes(32)),
      backgroundSender: false,
      logger: false,
    });
    await app.ready();
    for (const m of services.modules) await m.manifest.seedDemo?.(m.services, org, services.core);
    const id = uuidv7();
    await insertStaffAccount(database.db, {
      id,
      subdistrictId: org.subdistrictId,
      username: 'leader',
      displayName: '街道领导',
      passwordHash: 'x',
      mustChange: false,
    });
    await replaceGrants(database.db, id, org.subdistrictId, [{ role: 'leader', orgId: org.subdistrictId }], null, uuidv7);
    await database.db.updateTable('accounts').set({ totp_enabled: 1 }).where('id', '=', id).execute();
    const token = await services.auth.createSession(database.db, id, org.subdistrictId, { ip: '127.0.0.1', userAgent: 'bench' });
    await database.db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
    const cookie = `linli_sid=${token}`;
    const places = [org.subdistrictId, ...Object.values(org.neighborhoods)] as string[];

    const measure = async () => {
      for (let i = 0; i < 3; i++) await openPage(app, cookie, places); // warm
      const xs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) xs.push(await openPage(app, cookie, places));
      return xs;
    };
    const base = await measure();
    const scaled = await scale(database, SCALE);
    const big = await measure();
    await app.close();
    const row = (name: string, xs: number[]) => [name, round(median(xs), 1), round(pct(xs, 95), 1), round(Math.max(...xs), 1)];
    return {
      title: `overview page load (${places.length} figure sets + 12-month trend, month ${MONTH}, SQLite, ${ROUNDS} rounds)`,
      columns: ['data', 'p50 ms', 'p95 ms', 'max ms'],
      rows: [row('demo ×1 (baseline)', base), row(`demo ×${SCALE}`, big)],
      notes: [`rows copied: ${scaled.join(', ')}`],
    };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
