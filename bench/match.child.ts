// One measurement of bench/match.ts in its own process (so maxRSS is this mode's peak alone).
//   prepare  build the matcher only (segmenting, taxonomy look-ups, BM25 index)
//   fast     prepare + top-10 for every seeker by the fast path, then the fair-level recommendations
//   brute    prepare + top-10 by scoring every pair, for the first BENCH_BRUTE seekers (default 500)
import { performance } from 'node:perf_hooks';
import { recommendForFair } from '../src/server/modules/jobs/domain/fair';
import { Matcher } from '../src/server/modules/jobs/domain/matcher';
import { generate } from '../src/server/modules/jobs/domain/testdata/generate';
import { jiebaTokenize } from '../src/server/modules/jobs/segmenter';

const [mode = 'fast', seekersArg = '10000', positionsArg = '2000'] = process.argv.slice(2);
const { seekers, positions } = generate(20200416, Number(seekersArg), Number(positionsArg));
jiebaTokenize('预热'); // dictionary load is not part of the matching
const t0 = performance.now();
const m = new Matcher(seekers, positions, jiebaTokenize);
const prepareMs = performance.now() - t0;
const out: Record<string, number | string> = { mode, prepareMs };
if (mode === 'fast') {
  const t1 = performance.now();
  let n = 0;
  for (let si = 0; si < seekers.length; si++) n += m.topPositionsFast(si, 10).length;
  out.topMs = performance.now() - t1;
  out.seekers = seekers.length;
  out.results = n;
  const t2 = performance.now();
  const candidates = seekers.map((_, si) => m.topPositionsFast(si, 20).map((r) => ({ seeker: si, position: r.index, score: r.score })));
  const fair = recommendForFair(
    candidates,
    positions.map((p) => p.headcount),
  );
  out.fairMs = performance.now() - t2;
  out.coverage = fair.coverage;
  out.coverageUnconstrained = fair.coverageUnconstrained;
  out.maxLoadRatio = fair.maxLoadRatio;
  out.maxLoadRatioUnconstrained = fair.maxLoadRatioUnconstrained;
} else if (mode === 'brute') {
  const sample = Math.min(seekers.length, Number(process.env.BENCH_BRUTE ?? 500));
  const t1 = performance.now();
  for (let si = 0; si < sample; si++) m.topPositionsBrute(si, 10);
  out.topMs = performance.now() - t1;
  out.seekers = sample;
}
out.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
