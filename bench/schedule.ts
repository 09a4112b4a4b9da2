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

interface Measured {
  fair: Fair;
  plan: ReturnType<typeof planTimetable>;
  greedy: Interview[];
  planMs: number[];
  greedyMs: number[];
}

/** Runs the planner and the greedy baseline on the same fair, interleaved. */
function measure(fair: Fair, runs: number): Measured {
  const m: Measured = { fair, plan: planTimetable(fair), greedy: greedyTimetable(fair), planMs: [], greedyMs: [] };
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    m.greedy = greedyTimetable(fair);
    m.greedyMs.push(performance.now() - t0);
    t0 = performance.now();
    m.plan = planTimetable(fair);
    m.planMs.push(performance.now() - t0);
  }
  return m;
}

function rows(label: string, m: Measured): (string | number)[][] {
  const lb = m.plan.lowerBound;
  const greedyIdle = idleMinutes(m.greedy);
  const row = (name: string, ms: number[], ivs: readonly Interview[], unscheduled: number) => {
    const idle = idleMinutes(ivs);
    return [
      `${label}: ${name}`,
      median(ms).toFixed(0),
      makespanOf(m.fair, ivs),
      lb,
      (makespanOf(m.fair, ivs) / lb).toFixed(4),
      idle,
      (idle / new Set(ivs.map((iv) => iv.candidate)).size).toFixed(1),
      (idle / greedyIdle).toFixed(3),
      unscheduled,
    ];
  };
  return [
    row('greedy first-fit (baseline)', m.greedyMs, m.greedy, m.fair.applications.length - m.greedy.length),
    row('planTimetable', m.planMs, m.plan.interviews, m.plan.unscheduled.length),
  ];
}

export default async function scheduleBench(): Promise<BenchResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const fair = sampleFair();
  const mixed = measure(fair, runs);
  // the exact case: one slot length, no buffer, no windows (flow + König colouring)
  const equal = measure(
    { ...fair, bufferMinutes: 0, rooms: fair.rooms.map(({ id, positions }) => ({ id, positions })), candidates: [] },
    runs,
  );
  return {
    title: `Interview timetable: ${fair.candidates.length} candidates, ${fair.rooms.length} rooms, ${fair.applications.length} applications; median of ${runs} runs`,
    columns: [
      'fair: timetable',
      'time ms',
      'makespan min',
      'lower bound',
      '÷ lower bound',
      'idle min',
      'idle per candidate',
      'idle ÷ greedy',
      'unscheduled',
    ],
    rows: [...rows('mixed', mixed), ...rows('equal slots', equal)],
    notes: [
      'mixed = slots of 10/15/20 min, 5-min buffer, room breaks and candidate windows; equal slots = the same fair with 15-min slots, no buffer, no windows (the exact case)',
      'goals (mixed): time < 2000 ms, makespan ÷ lower bound ≤ 1.02, idle ≤ 0.5 × greedy',
      'idle = Σ over candidates of (last end − first start − minutes in interviews); buffers count as idle',
      'greedy first-fit leaves out what it cannot fit, so its makespan covers fewer interviews',
    ],
    data: {
      mixed: { lowerBound: mixed.plan.lowerBound, planMs: mixed.planMs, greedyMs: mixed.greedyMs },
      equal: { lowerBound: equal.plan.lowerBound, planMs: equal.planMs, greedyMs: equal.greedyMs },
    },
  };
}
