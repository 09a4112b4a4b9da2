import { performance } from 'node:perf_hooks';
import { greedyTimetable, idleMinutes, planTimetable } from '../src/server/modules/jobs/domain/timetable/index';
import type { Fair, FairApplication, FairCandidate, FairRoom, Interview, Window } from '../src/server/modules/jobs/domain/timetable/types';
import type { BenchResult } from './run';

/**
 * The interview timetable of a large fair against a greedy first-fit timetable of the same fair
 * (applications in the order they came, each at the earliest time a serving room and the
 * candidate are free), both in this process, runs interleaved, medians reported.
 * Fair (fixed seed): 5,000 candidates, 300 rooms, 20,000 applications; each position served by
 * 1–3 rooms, a fifth of the rooms serving a second position; slots of 10/15/20 minutes; a
 * 5-minute buffer; a third of the rooms with a 30-minute break, a tenth opening an hour late; a
 * fifth of the candidates available only in an 8-hour window. BENCH_RUNS (5) overrides the runs.
 */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchFair(seed = 20200416, candidates = 5000, roomCount = 300, applications = 20000): Fair {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const start = 13 * 60;
  const order = Array.from({ length: roomCount }, (_, i) => i).sort(() => rnd() - 0.5);
  const positions: { id: string; rooms: number[]; weight: number }[] = [];
  for (let i = 0; i < order.length; ) {
    const k = Math.min(1 + Math.floor(rnd() * 3), order.length - i);
    positions.push({ id: `P${positions.length + 1}`, rooms: order.slice(i, i + k), weight: 0 });
    i += k;
  }
  const served: string[][] = Array.from({ length: roomCount }, () => []);
  for (const p of positions) for (const r of p.rooms) served[r]?.push(p.id);
  for (let r = 0; r < roomCount; r++) {
    if (rnd() < 0.2) {
      const p = pick(positions);
      if (!served[r]?.includes(p.id) && p.rooms.length < 3) {
        served[r]?.push(p.id);
        p.rooms.push(r);
      }
    }
  }
  for (const p of positions) p.weight = p.rooms.length * (0.7 + 0.6 * rnd());
  const rooms: FairRoom[] = served.map((ps, r) => {
    const slotMinutes = pick([10, 15, 20]);
    const u = rnd();
    let available: Window[] | undefined;
    if (u < 0.33) {
      const at = start + 120 + Math.floor(rnd() * 12) * 10;
      available = [
        [start, at],
        [at + 30, start + 48 * 60],
      ];
    } else if (u < 0.43) available = [[start + 60, start + 48 * 60]];
    return { id: `R${r + 1}`, positions: ps, slotMinutes, ...(available ? { available } : {}) };
  });
  const people: FairCandidate[] = Array.from({ length: candidates }, (_, i) => {
    if (rnd() >= 0.2) return { id: `C${i + 1}` };
    const from = start + Math.floor(rnd() * 60) * 10;
    return { id: `C${i + 1}`, available: [[from, from + 480]] };
  });
  const totalWeight = positions.reduce((s, p) => s + p.weight, 0);
  const choose = () => {
    let x = rnd() * totalWeight;
    for (const p of positions) {
      x -= p.weight;
      if (x <= 0) return p.id;
    }
    return (positions.at(-1) as { id: string }).id;
  };
  const apps: FairApplication[] = [];
  const seen = new Set<string>();
  while (apps.length < applications) {
    const c = `C${1 + Math.floor(rnd() * candidates)}`;
    const p = choose();
    const key = `${c}/${p}`;
    if (seen.has(key)) continue;
    seen.add(key);
    apps.push({ candidate: c, position: p });
  }
  return { start, slotMinutes: 15, bufferMinutes: 5, rooms, candidates: people, applications: apps };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const makespanOf = (fair: Fair, ivs: readonly Interview[]) => ivs.reduce((m, iv) => Math.max(m, iv.end - fair.start), 0);

export default async function scheduleBench(): Promise<BenchResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const fair = benchFair();
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
