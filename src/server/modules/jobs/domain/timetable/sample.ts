import { seededRandom } from '../../../../core/random';
import type { Fair, FairApplication, FairCandidate, FairRoom, Window } from './types';

/** the seeded generator the fair is drawn with */
export const mulberry32 = seededRandom;

/**
 * A made-up fair of any size, the same for the same seed — for benchmarks, tests and demos.
 * Each position is served by 1–3 rooms (a fifth of the rooms serve a second position), applicants
 * spread over positions in proportion to their rooms; slots of 10/15/20 minutes, a 5-minute
 * buffer; a third of the rooms take a 30-minute break, a tenth open an hour late; a fifth of the
 * candidates can come only in an 8-hour window. Defaults: 5,000 candidates, 300 rooms, 20,000
 * applications (as in issue #10's benchmark).
 */
export function sampleFair(seed = 20200416, candidates = 5000, roomCount = 300, applications = 20000): Fair {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const start = 13 * 60;
  const order = Array.from({ length: roomCount }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
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
  // never more than every candidate applying to every position
  const wanted = Math.min(applications, candidates * positions.length);
  while (apps.length < wanted) {
    const c = `C${1 + Math.floor(rnd() * candidates)}`;
    const p = choose();
    const key = `${c}/${p}`;
    if (seen.has(key)) continue;
    seen.add(key);
    apps.push({ candidate: c, position: p });
  }
  return { start, slotMinutes: 15, bufferMinutes: 5, rooms, candidates: people, applications: apps };
}
