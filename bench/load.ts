import os from 'node:os';
import autocannon from 'autocannon';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { type Probe, percentile, probed } from './support/probe-client';
import { median, round } from './support/stats';

/**
 * The server under load stays responsive: 100 connections on the heaviest list (GET /api/people
 * over 62,000 people, cycling through every page, deep ones included) for 20 s, while another
 * process probes GET /api/health one request at a time. The same probe with no load, in the same
 * run, is the baseline. Goal: 0 timeouts, health p99 ≤ 50 ms. SQLite (the embedded default).
 * BENCH_SECONDS (20), BENCH_RUNS (3), BENCH_PEOPLE (62000) override.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 62_000);
const CONNECTIONS = 100;
const PAGE_SIZE = 20;

export default async function run(): Promise<BenchResult> {
  const linli = await startChild<{ port: number; cookie: string }>('bench/support/serve-linli.ts', {
    BENCH_PEOPLE: String(PEOPLE),
    BENCH_ACCOUNT: 'registry',
    // the server's V8 flags, e.g. BENCH_NODE_OPTIONS=--max-semi-space-size=64 (young generation, MiB)
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  });
  const pages = Math.ceil(PEOPLE / PAGE_SIZE);
  let next = 0;
  const load = () =>
    autocannon({
      url: `http://127.0.0.1:${linli.info.port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { cookie: linli.info.cookie },
      // every page in turn, the deepest included (deterministic: a counter, not chance)
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/api/people?page=${1 + (next++ % pages)}&pageSize=${PAGE_SIZE}` }),
        },
      ],
    });
  const idle: Probe[] = [];
  const busy: { probe: Probe; timeouts: number; errors: number; non2xx: number; rps: number; p99: number; requests: number }[] = [];
  try {
    await load(); // warm-up
    for (let i = 0; i < RUNS; i++) {
      idle.push(
        (
          await probed(`http://127.0.0.1:${linli.info.port}/api/health`, async () => {
            await new Promise((r) => setTimeout(r, Math.min(SECONDS, 5) * 1000));
          })
        ).probe,
      );
      const { probe, result: r } = await probed(`http://127.0.0.1:${linli.info.port}/api/health`, load);
      busy.push({
        probe,
        timeouts: r.timeouts,
        errors: r.errors,
        non2xx: r.non2xx,
        rps: r.requests.average,
        p99: r.latency.p99,
        requests: r.requests.total,
      });
      console.log(
        `run ${i + 1}: ${r.requests.total} list requests, ${r.timeouts} timeouts, ${r.non2xx} non-2xx; health p99 ${round(percentile(probe.latencies, 99), 1)} ms (${probe.latencies.length} probes, ${probe.failures} failed)`,
      );
    }
  } finally {
    await stopChild(linli.child);
  }
  const idleP50 = median(idle.map((p) => percentile(p.latencies, 50)));
  const idleP99 = median(idle.map((p) => percentile(p.latencies, 99)));
  const busyP50 = median(busy.map((b) => percentile(b.probe.latencies, 50)));
  const busyP99 = median(busy.map((b) => percentile(b.probe.latencies, 99)));
  const busyMax = median(busy.map((b) => Math.max(...b.probe.latencies)));
  return {
    title: `Load: ${CONNECTIONS} connections on GET /api/people (${PEOPLE} people, every page in turn) for ${SECONDS} s × ${RUNS} runs, /api/health probed meanwhile from another process (medians)`,
    columns: ['measure', 'idle (baseline)', `under load`, 'goal'],
    rows: [
      ['list req/s', '', round(median(busy.map((b) => b.rps)), 0), ''],
      ['list p99 ms', '', median(busy.map((b) => b.p99)), ''],
      ['list timeouts (sum of runs)', '', busy.reduce((s, b) => s + b.timeouts, 0), '0'],
      ['list errors / non-2xx (sum)', '', `${busy.reduce((s, b) => s + b.errors, 0)} / ${busy.reduce((s, b) => s + b.non2xx, 0)}`, '0 / 0'],
      ['health p50 ms', round(idleP50, 1), round(busyP50, 1), ''],
      ['health p99 ms', round(idleP99, 1), round(busyP99, 1), '≤ 50'],
      ['health max ms', '', round(busyMax, 1), ''],
      ['health probes failed (sum)', idle.reduce((s, p) => s + p.failures, 0), busy.reduce((s, b) => s + b.probe.failures, 0), '0'],
    ],
    notes: [
      `server V8 flags: ${process.env.BENCH_NODE_OPTIONS ?? 'none (BENCH_NODE_OPTIONS)'}`,
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    ],
    data: {
      idle: idle.map((p) => ({ probes: p.latencies.length, failures: p.failures, p99: percentile(p.latencies, 99) })),
      busy: busy.map(({ probe, ...b }) => ({
        ...b,
        probes: probe.latencies.length,
        failures: probe.failures,
        p99: percentile(probe.latencies, 99),
      })),
    },
  };
}
