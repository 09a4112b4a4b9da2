import autocannon from 'autocannon';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { median, round } from './support/stats';

// An authenticated, scoped list endpoint (GET /api/accounts, 20 of 310 staff accounts, session
// looked up in the database on every request) under load, beside a bare Fastify hello-world
// measured in the same run. Goal: ≥ 0.4× its requests/s, p99 ≤ 2.5× its p99.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;

async function load(port: number, path: string, cookie?: string) {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: cookie ? { cookie } : {},
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export default async function run(): Promise<BenchResult> {
  const cluster = await startCluster();
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query('create database linli_bench');
  await admin.end();
  const targets: { name: string; env: Record<string, string> }[] = [
    { name: 'SQLite', env: {} },
    { name: 'PostgreSQL', env: { BENCH_DATABASE_URL: cluster.url.replace(/\/postgres$/, '/linli_bench') } },
  ];
  const rows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  try {
    for (const target of targets) {
      const hello = await startChild<{ port: number }>('bench/support/hello.ts');
      const linli = await startChild<{ port: number; cookie: string }>('bench/support/serve-linli.ts', target.env);
      const base: { rps: number; p99: number }[] = [];
      const list: { rps: number; p99: number }[] = [];
      await load(hello.info.port, '/'); // warm-up
      await load(linli.info.port, '/api/accounts?page=1&pageSize=20', linli.info.cookie);
      for (let i = 0; i < RUNS; i++) {
        base.push(await load(hello.info.port, '/'));
        list.push(await load(linli.info.port, '/api/accounts?page=1&pageSize=20', linli.info.cookie));
      }
      await stopChild(hello.child);
      await stopChild(linli.child);
      const b = { rps: median(base.map((x) => x.rps)), p99: median(base.map((x) => x.p99)) };
      const l = { rps: median(list.map((x) => x.rps)), p99: median(list.map((x) => x.p99)) };
      rows.push([target.name, 'hello-world', round(b.rps, 0), b.p99, '1.00', '1.00']);
      rows.push([
        target.name,
        'GET /api/accounts',
        round(l.rps, 0),
        l.p99,
        round(l.rps / b.rps).toFixed(2),
        round(l.p99 / b.p99).toFixed(2),
      ]);
      data[target.name] = { baseline: base, list };
    }
  } finally {
    cluster.stop();
  }
  return {
    title: `API under load: ${CONNECTIONS} connections, ${DURATION} s × ${RUNS} runs (medians), server and load generator in separate processes`,
    columns: ['database', 'endpoint', 'req/s', 'p99 ms', 'req/s ratio (goal ≥ 0.4)', 'p99 ratio (goal ≤ 2.5)'],
    rows,
    data,
  };
}
