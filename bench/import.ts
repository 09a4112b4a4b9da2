import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import { peopleWorkbook } from './people-file.lib';

/**
 * The people import of a 50,000-row workbook against exceljs's bare streaming read of the same
 * file, in the same run: each measurement in its own process (peak RSS = that process's
 * maxRSS, the parse worker included), runs interleaved, medians reported.
 *   bare     exceljs WorkbookReader, main thread, every row touched
 *   parse    the import's own parse step alone (worker thread, UTF-8-safe XML reader, merged-cell watch,
 *            limits), rows handed over and dropped: the floor under every other mode
 *   dry-run  the full pipeline as the preview runs it: worker parse, zod, duplicate check, lookups; nothing written
 *   commit   the full pipeline writing every row in one transaction into a fresh SQLite file database
 *   commit-pg  the same into a fresh PostgreSQL database (when initdb is available)
 *   commit-get the SQLite commit again, served over HTTP, while another process GETs a page of the people
 *              list every 20 ms: the GET p99 during the commit, beside the same probe's p99 just before it
 *   get-pg     the same on PostgreSQL
 *   insert     what bounds the commit: the same 50,000 people, already parsed, hashed and encrypted,
 *              INSERTed alone in one transaction (SQLite), in the steps the import writes
 *   insert-pg  the same on PostgreSQL
 *   held       what bounds a GET during the commit apart from the import's own work: the sealed rows
 *              inserted and held uncommitted, nothing else running, while the probe GETs for 5 s
 *   held-pg    the same on PostgreSQL
 * BENCH_ROWS (50000) and BENCH_RUNS (3) override the size and the number of runs.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

interface Sample {
  mode: string;
  rows: number;
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  rssBeforeMB: number;
  rssGrowthMB: number;
  eldP99ms: number;
  getIdleP99ms?: number;
  getP50ms?: number;
  getP99ms?: number;
  gets?: number;
  getFailures?: number;
}

function measure(mode: string, file: string, env: Record<string, string> = {}): Sample {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'import.child.ts'),
      ({ 'commit-pg': 'commit', 'get-pg': 'commit-get', 'insert-pg': 'insert', 'held-pg': 'held' } as Record<string, string>)[mode] ?? mode,
      file,
    ],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} failed: ${r.stderr || r.stdout}`);
  return { ...(JSON.parse(line) as Sample), mode };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export default async function importBench(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 50_000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const file = await peopleWorkbook(rows, path.join(tmpdir(), 'linli-bench'));
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  try {
    cluster = await startCluster();
  } catch (err) {
    console.log(`PostgreSQL skipped: ${(err as Error).message.split('\n')[0]}`);
  }
  const pgOnly = (m: string) => (cluster ? [m] : []);
  const modes = [
    'bare',
    'parse',
    'dry-run',
    'commit',
    ...pgOnly('commit-pg'),
    'commit-get',
    ...pgOnly('get-pg'),
    'insert',
    ...pgOnly('insert-pg'),
    'held',
    ...pgOnly('held-pg'),
  ].filter((m) => !process.env.BENCH_MODES || process.env.BENCH_MODES.split(',').includes(m));
  const samples: Record<string, Sample[]> = Object.fromEntries(modes.map((m) => [m, []]));
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      let env: Record<string, string> = {};
      if (mode.endsWith('-pg') && cluster) {
        const name = `bench_${run}_${Date.now()}`;
        const admin = new pg.Client(cluster.url);
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        env = { DATABASE_URL: cluster.url.replace(/\/postgres$/, `/${name}`) };
      }
      const s = measure(mode, file, env);
      samples[mode]?.push(s);
      console.log(
        `run ${run} ${mode.padEnd(10)} ${String(s.ms).padStart(6)} ms  CPU ${String(s.cpuMs).padStart(6)} ms  maxRSS ${s.maxRssMB} MB (+${s.rssGrowthMB})  event-loop p99 ${s.eldP99ms} ms` +
          (s.gets !== undefined ? `  GET p99 ${s.getP99ms} ms during (${s.gets} GETs), ${s.getIdleP99ms} ms before` : ''),
      );
    }
  }
  cluster?.stop();

  const summary = modes.map((mode) => {
    const xs = samples[mode] as Sample[];
    return {
      mode,
      rows: xs[0]?.rows ?? 0,
      medianMs: median(xs.map((x) => x.ms)),
      medianCpuMs: median(xs.map((x) => x.cpuMs)),
      medianMaxRssMB: median(xs.map((x) => x.maxRssMB)),
      medianRssGrowthMB: median(xs.map((x) => x.rssGrowthMB)),
      medianEldP99ms: median(xs.map((x) => x.eldP99ms)),
      getIdleP99ms: xs[0]?.gets !== undefined ? median(xs.map((x) => x.getIdleP99ms ?? 0)) : undefined,
      getP99ms: xs[0]?.gets !== undefined ? median(xs.map((x) => x.getP99ms ?? 0)) : undefined,
      gets: xs[0]?.gets !== undefined ? median(xs.map((x) => x.gets ?? 0)) : undefined,
    };
  });
  const bare = summary[0] as (typeof summary)[number];
  const table = summary.map((s) => ({
    mode: s.mode,
    rows: s.rows,
    'median ms': s.medianMs,
    '× bare time': Math.round((s.medianMs / bare.medianMs) * 100) / 100,
    'median CPU ms': s.medianCpuMs,
    '× bare CPU': Math.round((s.medianCpuMs / bare.medianCpuMs) * 100) / 100,
    'max RSS MB': s.medianMaxRssMB,
    '× bare RSS': Math.round((s.medianMaxRssMB / bare.medianMaxRssMB) * 100) / 100,
    'RSS growth MB': s.medianRssGrowthMB,
    'event-loop p99 ms': s.medianEldP99ms,
    'GET p99 ms during (before)': s.getP99ms === undefined ? '' : `${s.getP99ms} (${s.getIdleP99ms})`,
    'GETs during': s.gets ?? '',
  }));
  console.table(table);
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(
    path.join(here, 'results', 'import.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows, runs, file: path.basename(file), table, samples }, null, 2)}\n`,
  );
}
