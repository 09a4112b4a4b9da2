import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { cpuSeconds } from './support/cpu';
import { median, round } from './support/stats';

// An authenticated, scoped list endpoint (GET /api/accounts, 20 of 310 staff accounts) under
// load, beside two baselines measured in the same run, runs interleaved:
//   hello-world  a bare Fastify hello-world. Goal: ≥ 0.4× its requests/s, p99 ≤ 2.5× its p99.
//   same SQL     a bare Fastify route running the same SQL on the same database (bench/support/bare-sql.ts):
//                the gap to it is linli's own overhead (session, scope, schemas, hooks, logging). Goal ≤ 1.25×.
// Where the time goes: BENCH_PROFILE=<file> on bench/support/serve-linli.ts profiles the serving only.
// bench/support/profile-summary.ts groups it by area; the figures before and after the fast
// serializer and prepared queries are in docs/testing.md. The server's CPU µs per request (from
// /proc) is the steadiest figure on a shared machine.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;

type Run = { rps: number; p99: number; cpuUs: number };

/** one run; `cpuUs`: the server's CPU microseconds per answered request */
async function load(server: ChildProcess, port: number, path: string, cookie?: string): Promise<Run> {
  const cpu0 = cpuSeconds(server.pid);
  const r = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: cookie ? { cookie } : {},
  });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, cpuUs: ((cpuSeconds(server.pid) - cpu0) * 1e6) / r.requests.total };
}

export default async function run(): Promise<BenchResult> {
  const cluster = await startCluster();
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query('create database linli_bench');
  await admin.end();
  // BENCH_DB=sqlite or =postgres measures one of them
  const all: { name: string; env: Record<string, string> }[] = [
    { name: 'SQLite', env: {} },
    { name: 'PostgreSQL', env: { BENCH_DATABASE_URL: cluster.url.replace(/\/postgres$/, '/linli_bench') } },
  ];
  const targets = all.filter((t) => !process.env.BENCH_DB || t.name.toLowerCase().startsWith(process.env.BENCH_DB as string));
  const rows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  // stopped however the run ends: a failed check must not leave servers behind
  const children: ChildProcess[] = [];
  const start = async <T>(script: string, env?: Record<string, string>) => {
    const started = await startChild<T>(script, env);
    children.push(started.child);
    return started;
  };
  try {
    for (const target of targets) {
      const hello = await start<{ port: number }>('bench/support/hello.ts');
      const linli = await start<{ port: number; cookie: string; url: string; subdistrictId: string }>(
        'bench/support/serve-linli.ts',
        target.env,
      );
      const bare = await start<{ port: number }>('bench/support/bare-sql.ts', {
        BENCH_DATABASE_URL: linli.info.url,
        BENCH_SUBDISTRICT: linli.info.subdistrictId,
      });
      const PATH = '/api/accounts?page=1&pageSize=20';
      const base: Run[] = [];
      const sameSql: Run[] = [];
      const list: Run[] = [];
      // the baseline answers what linli answers
      const answer = async (port: number, cookie?: string) =>
        (await fetch(`http://127.0.0.1:${port}${PATH}`, { headers: cookie ? { cookie } : {} })).json() as Promise<{
          total: number;
          items: unknown[];
        }>;
      const [fromBare, fromLinli] = [await answer(bare.info.port), await answer(linli.info.port, linli.info.cookie)];
      if (JSON.stringify(fromBare) !== JSON.stringify(fromLinli))
        throw new Error('the same-SQL baseline does not answer what linli answers');
      // warm-up
      await load(hello.child, hello.info.port, '/');
      await load(bare.child, bare.info.port, PATH);
      await load(linli.child, linli.info.port, PATH, linli.info.cookie);
      for (let i = 0; i < RUNS; i++) {
        base.push(await load(hello.child, hello.info.port, '/'));
        sameSql.push(await load(bare.child, bare.info.port, PATH));
        list.push(await load(linli.child, linli.info.port, PATH, linli.info.cookie));
      }
      await stopChild(hello.child);
      await stopChild(bare.child);
      await stopChild(linli.child);
      const med = (xs: Run[]) => ({
        rps: median(xs.map((x) => x.rps)),
        p99: median(xs.map((x) => x.p99)),
        cpuUs: median(xs.map((x) => x.cpuUs)),
      });
      const b = med(base);
      const s = med(sameSql);
      const l = med(list);
      const ratio = (x: number, y: number) => round(x / y).toFixed(2);
      const us = (x: number) => round(x, 0);
      rows.push([target.name, 'hello-world', round(b.rps, 0), b.p99, us(b.cpuUs), '1.00', '1.00', '', '', '']);
      rows.push([
        target.name,
        'same SQL, bare Fastify',
        round(s.rps, 0),
        s.p99,
        us(s.cpuUs),
        ratio(s.rps, b.rps),
        ratio(s.p99, b.p99),
        '1.00',
        '1.00',
        '1.00',
      ]);
      rows.push([
        target.name,
        'GET /api/accounts',
        round(l.rps, 0),
        l.p99,
        us(l.cpuUs),
        ratio(l.rps, b.rps),
        ratio(l.p99, b.p99),
        ratio(s.rps, l.rps),
        ratio(l.p99, s.p99),
        ratio(l.cpuUs, s.cpuUs),
      ]);
      data[target.name] = { baseline: base, sameSql, list };
    }
  } finally {
    await Promise.all(children.map(stopChild));
    cluster.stop();
  }
  return {
    title: `API under load: ${CONNECTIONS} connections, ${DURATION} s × ${RUNS} runs (medians), server and load generator in separate processes`,
    columns: [
      'database',
      'endpoint',
      'req/s',
      'p99 ms',
      'server CPU µs/req',
      '× hello req/s (goal ≥ 0.4)',
      '× hello p99 (goal ≤ 2.5)',
      'same-SQL req/s ÷ linli (goal ≤ 1.25)',
      '× same-SQL p99',
      '× same-SQL CPU/req',
    ],
    rows,
    notes: [
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    ],
    data,
  };
}
