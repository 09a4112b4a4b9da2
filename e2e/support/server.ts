import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The real server as a child process, on a fresh data folder and a free port, with a fresh database
 * (the server seeds the demo subdistrict into it): a SQLite file in the data folder, or with
 * LINLI_TEST_DB=postgres a new database on the run's throwaway cluster (e2e/support/global-setup.ts).
 * It serves the built web app from dist/web: build first (`node scripts/test.mjs build e2e`).
 */
export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** the server's DATABASE_URL: '' (SQLite in dataDir) or postgres://… of its own database */
  databaseUrl: string;
  /** every stdout line so far (pino JSON lines, plus the start banner) */
  lines: string[];
  /** resolves with the first line (already seen or still to come) that matches */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** the newest SMS code the console SMS provider logged for a phone, waiting for it if need be */
  smsCode(phone: string, after?: number): Promise<string>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

export const E2E_DB = (process.env.LINLI_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  await query(inject('pgAdminUrl'), sql);
}

/** The server really keeps its data where this run meant it to: the demo org tree is in that database. */
async function checkDatabase(dataDir: string, url: string): Promise<void> {
  if (!url) {
    if (!existsSync(path.join(dataDir, 'linli.db'))) throw new Error(`the server made no SQLite database in ${dataDir}`);
    return;
  }
  const [row] = await query(url, 'select count(*)::int as n from org_units');
  if (!row || !(Number(row.n) > 0)) throw new Error(`the server seeded nothing into ${url}`);
}

/** '' for SQLite (the server's default file in its data folder), or the URL of a new empty PostgreSQL database. */
async function freshDatabase(): Promise<{ url: string; name: string }> {
  if (E2E_DB !== 'postgres') return { url: '', name: '' };
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('LINLI_TEST_DB=postgres but no cluster: run the e2e project through vitest (its globalSetup)');
  const name = `e2e_${randomBytes(8).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return { url: adminUrl.replace(/\/postgres$/, `/${name}`), name };
}

async function dropDatabase(name: string): Promise<void> {
  if (name) await adminQuery(`drop database if exists ${name} with (force)`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  if (!existsSync(path.join(root, 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: build the web app first (node scripts/test.mjs build e2e)');
  }
  const database = await freshDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LINLI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LINLI_LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters) {
      const m = line.match(w.pattern);
      if (m) {
        waiters.delete(w);
        w.resolve(m);
      }
    }
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => stderr.push(line));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitForLine = (pattern: RegExp, timeoutMs = 10_000, from = 0) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      for (const line of lines.slice(from)) {
        const m = line.match(pattern);
        if (m) return resolve(m);
      }
      const w = {
        pattern,
        resolve: (m: RegExpMatchArray) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`no server output line matched ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(w);
    });

  try {
    // the start banner is printed once the server listens; an early exit fails at once
    let listening = false;
    const exitedEarly = new Promise<never>((_, reject) =>
      child.once('exit', (code) => !listening && reject(new Error(`server exited with ${code} before listening`))),
    );
    exitedEarly.catch(() => undefined);
    await Promise.race([waitForLine(/已启动/, 60_000), exitedEarly]);
    listening = true;
    const health = await fetch(`${url}/api/health`);
    if (!health.ok) throw new Error(`/api/health answered ${health.status}`);
    await checkDatabase(dataDir, database.url);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(database.name);
    throw new Error(`${(err as Error).message}\n${[...lines, ...stderr].slice(-30).join('\n')}`);
  }

  return {
    url,
    port,
    dataDir,
    databaseUrl: database.url,
    lines,
    waitForLine: (pattern, timeoutMs) => waitForLine(pattern, timeoutMs),
    async smsCode(phone, after = 0) {
      // the console SMS provider logs `[SMS] <phone>: 【邻里】您的登录验证码是 123456，…`
      const m = await waitForLine(new RegExp(`\\[SMS\\] ${phone}: [^"]*?(\\d{6})`), 10_000, after);
      return m[1] as string;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase(database.name);
    },
  };
}
