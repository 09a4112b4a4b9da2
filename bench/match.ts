import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

/**
 * Top-10 positions for every seeker: 10,000 seekers × 2,000 positions generated with a fixed seed
 * (domain/testdata/generate.ts), each mode in its own process, runs interleaved, medians reported.
 *   prepare  building the matcher alone (segmenting every text, taxonomy look-ups, BM25 index)
 *   fast     prepare + top-10 for all seekers by the fast path (postings, category groups visited best
 *            first with an upper bound, bounded heap) + the fair-level recommendations (top-20 each)
 *   brute    prepare + top-10 by scoring every pair — the baseline — on BENCH_BRUTE seekers (500),
 *            scaled to all seekers (scoring is per seeker, so it scales linearly)
 * Peak memory = the process's maxRSS (Node itself is ~50 MB of it). BENCH_SEEKERS, BENCH_POSITIONS,
 * BENCH_RUNS (3) override the sizes and the number of runs.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

interface Sample {
  mode: string;
  prepareMs: number;
  topMs?: number;
  seekers?: number;
  fairMs?: number;
  coverage?: number;
  coverageUnconstrained?: number;
  maxLoadRatio?: number;
  maxLoadRatioUnconstrained?: number;
  maxRssMB: number;
}

function measure(mode: string, seekers: number, positions: number): Sample {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'match.child.ts'), mode, String(seekers), String(positions)], {
    cwd: path.resolve(here, '..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} failed: ${r.stderr || r.stdout}`);
  return JSON.parse(line) as Sample;
}

export default async function matchBench(): Promise<BenchResult> {
  const seekers = Number(process.env.BENCH_SEEKERS ?? 10_000);
  const positions = Number(process.env.BENCH_POSITIONS ?? 2_000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const modes = ['prepare', 'fast', 'brute'];
  const samples: Record<string, Sample[]> = { prepare: [], fast: [], brute: [] };
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      const s = measure(mode, seekers, positions);
      samples[mode]?.push(s);
      console.log(`run ${run} ${mode}: ${JSON.stringify(s)}`);
    }
  }
  const med = (mode: string, f: (s: Sample) => number) => median((samples[mode] ?? []).map(f));
  const perSeekerMs = (s: Sample) => (s.topMs ?? 0) / (s.seekers || 1);
  const fastAll = med('fast', (s) => s.topMs ?? 0);
  const bruteAll = med('brute', (s) => perSeekerMs(s) * seekers);
  const last = samples.fast?.at(-1) as Sample;
  return {
    title: `Top-10 positions for every seeker: ${seekers} seekers × ${positions} positions (seed 20200416), median of ${runs} runs`,
    columns: ['mode', 'prepare ms', 'top-10 for all seekers ms', 'per seeker µs', 'peak RSS MB'],
    rows: [
      [
        'prepare only',
        round(
          med('prepare', (s) => s.prepareMs),
          0,
        ),
        '–',
        '–',
        round(
          med('prepare', (s) => s.maxRssMB),
          0,
        ),
      ],
      [
        'fast path',
        round(
          med('fast', (s) => s.prepareMs),
          0,
        ),
        round(fastAll, 0),
        round((fastAll / seekers) * 1000, 1),
        round(
          med('fast', (s) => s.maxRssMB),
          0,
        ),
      ],
      [
        `brute force (baseline, ${samples.brute?.[0]?.seekers ?? 0} seekers scaled)`,
        round(
          med('brute', (s) => s.prepareMs),
          0,
        ),
        round(bruteAll, 0),
        round(med('brute', perSeekerMs) * 1000, 1),
        round(
          med('brute', (s) => s.maxRssMB),
          0,
        ),
      ],
    ],
    notes: [
      `fast path is ${round(bruteAll / fastAll, 1)}× the brute-force baseline; both return the same top-20 (unit test: domain/matching.test.ts)`,
      `fair-level recommendations (top-20 candidates each, capacity = headcount × 3): ${round(
        med('fast', (s) => s.fairMs ?? 0),
        0,
      )} ms; coverage (≥ 3 matches ≥ 0.6) ${round(last.coverage ?? 0, 3)} vs ${round(last.coverageUnconstrained ?? 0, 3)} for plain top-5 lists; max load/capacity ${round(last.maxLoadRatio ?? 0, 2)} vs ${round(last.maxLoadRatioUnconstrained ?? 0, 2)}`,
      'peak RSS includes Node, tsx and the jieba dictionary (~the prepare-only row)',
    ],
  };
}
