import os from 'node:os';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { median, round } from './support/stats';

// The recommendations API for one seeker under load — GET /api/jobs/me/recommendations?top=10,
// a graduate signed in by SMS code, matched against ~500 open positions with reasons — beside a bare
// Fastify hello-world measured in the same run (runs interleaved). Each request's latency is timed
// by the client; p50 and p95 per run, medians over the runs.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function load(url: string, cookie?: string) {
  const times: number[] = [];
  const until = performance.now() + DURATION_MS;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const r = await fetch(url, { headers: cookie ? { cookie } : {} });
      await r.arrayBuffer();
      if (r.status !== 200) errors++;
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (errors > 0) throw new Error(`${url}: ${errors} non-200 answers`);
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), rps: times.length / (DURATION_MS / 1000) };
}

export default async function run(): Promise<BenchResult> {
  const hello = await startChild<{ port: number }>('bench/support/hello.ts');
  const linli = await startChild<{ port: number; cookie: string; positions: number }>('bench/jobs-api.child.ts');
  const PATH = '/api/jobs/me/recommendations?top=10';
  const helloUrl = `http://127.0.0.1:${hello.info.port}/`;
  const recUrl = `http://127.0.0.1:${linli.info.port}${PATH}`;
  const sample = (await (await fetch(recUrl, { headers: { cookie: linli.info.cookie } })).json()) as {
    matches: { position: { title: string }; score: number; reasons: string[] }[];
  };
  if (sample.matches.length !== 10 || !sample.matches[0]?.reasons.length)
    throw new Error('recommendations came back without 10 explained matches');
  const base: { p50: number; p95: number; rps: number }[] = [];
  const rec: { p50: number; p95: number; rps: number }[] = [];
  try {
    await load(helloUrl);
    await load(recUrl, linli.info.cookie);
    for (let i = 0; i < RUNS; i++) {
      base.push(await load(helloUrl));
      rec.push(await load(recUrl, linli.info.cookie));
    }
  } finally {
    await stopChild(hello.child);
    await stopChild(linli.child);
  }
  const med = (xs: typeof base) => ({
    p50: median(xs.map((x) => x.p50)),
    p95: median(xs.map((x) => x.p95)),
    rps: median(xs.map((x) => x.rps)),
  });
  const b = med(base);
  const r = med(rec);
  return {
    title: `Recommendations API for one seeker under load: ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s × ${RUNS} runs (medians), SQLite, ${linli.info.positions} open positions`,
    columns: ['endpoint', 'p50 ms', 'p95 ms', 'req/s', '× hello p50', '× hello p95'],
    rows: [
      ['hello-world (bare Fastify)', round(b.p50), round(b.p95), round(b.rps, 0), '1.00', '1.00'],
      [`GET ${PATH}`, round(r.p50), round(r.p95), round(r.rps, 0), round(r.p50 / b.p50).toFixed(2), round(r.p95 / b.p95).toFixed(2)],
    ],
    notes: [
      `top match: ${sample.matches[0]?.position.title} ${sample.matches[0]?.score} — ${sample.matches[0]?.reasons.join('；')}`,
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    ],
    data: { baseline: base, recommendations: rec },
  };
}
