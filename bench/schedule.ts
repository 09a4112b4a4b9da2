import { performance } from 'node:perf_hooks';
import { greedyTimetable, idleMinutes, planTimetable, sampleFair } from '../src/server/modules/jobs/domain/timetable/index';
import type { Fair, Interview } from '../src/server/modules/jobs/domain/timetable/types';
import type { BenchResult } from './run';

/**
 * The interview timetable of a large fair against a greedy first-fit timetable of the same fair
 * (applications in the order they came, each at the earliest time a serving room and the
 * candidate are free), both in this process, runs interleaved, medians reported.
 * The fair is `sampleFair()` (fixed seed): 5,000 candidates, 300 rooms, 20,000 applications,
 * positions served by 1–3 rooms, slots of 10/15/20 minutes, a 5-minute buffer, some room breaks
 * and candidate windows. BENCH_RUNS (5) overrides the number of runs.
 */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const makespanOf = (fair: Fair, ivs: readonly Interview[]) => ivs.reduce((m, iv) => Math.max(m, iv.end - fair.start), 0);

export default async function scheduleBench(): Promise<BenchResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const fair = sampleFair();
  const t: { plan: number[]; greedy: number[] } = { plan: [], greedy: [] };
  let plan = planTimetable(fair);
  let greedy = greedyTimetable(fair);
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    greedy = greedyTimetable(fair);
    t.greedy.push(performance.now() - t0);
    t0 = performance.now();
    plan = planTimetable(fair);
    t.plan.push(performance.now() - t0);
  }
  const lb = plan.lowerBound;
  const planIdle = idleMinutes(plan.interviews);
  const greedyIdle = idleMinutes(greedy);
  const row = (name: string, ms: number[], ivs: readonly Interview[], idle: number, unscheduled: number) => [
    name,
    median(ms).toFixed(0),
    makespanOf(fair, ivs),
    (makespanOf(fair, ivs) / lb).toFixed(4),
    idle,
    (idle / greedyIdle).toFixed(3),
    ivs.length,
    unscheduled,
  ];
  return {
    title: `Interview timetable: ${fair.candidates.length} candidates, ${fair.rooms.length} rooms, ${fair.applications.length} applications; median of ${runs} runs; lower bound ${lb} min`,
    columns: ['timetable', 'time ms', 'makespan min', '÷ lower bound', 'candidates idle min', 'idle ÷ greedy', 'scheduled', 'unscheduled'],
    rows: [
      row('greedy first-fit (baseline)', t.greedy, greedy, greedyIdle, fair.applications.length - greedy.length),
      row('planTimetable', t.plan, plan.interviews, planIdle, plan.unscheduled.length),
    ],
    notes: [
      'goals: time < 2000 ms, makespan ÷ lower bound ≤ 1.02, idle ≤ 0.5 × greedy',
      'idle = Σ over candidates of (last end − first start − minutes in interviews); buffers count as idle',
    ],
    data: { lowerBound: lb, timesMs: t },
  };
}
