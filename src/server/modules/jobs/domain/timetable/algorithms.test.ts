import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourBipartite } from './colouring';
import { balance } from './flow';
import { earliestStart, normalizeWindows, OPEN } from './windows';

describe('colourBipartite (König)', () => {
  it('colours any bipartite multigraph properly with exactly Δ colours', () => {
    const graph = fc.record({ left: fc.integer({ min: 1, max: 8 }), right: fc.integer({ min: 1, max: 8 }) }).chain(({ left, right }) =>
      fc.record({
        left: fc.constant(left),
        right: fc.constant(right),
        edges: fc.array(fc.tuple(fc.nat({ max: left - 1 }), fc.nat({ max: right - 1 })), { maxLength: 60 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ left, right, edges }) => {
        const { colours, degree } = colourBipartite(left, right, edges);
        const deg = new Map<string, number>();
        for (const [u, v] of edges) {
          deg.set(`L${u}`, (deg.get(`L${u}`) ?? 0) + 1);
          deg.set(`R${v}`, (deg.get(`R${v}`) ?? 0) + 1);
        }
        expect(degree).toBe(Math.max(0, ...deg.values()));
        const used = new Set<string>();
        edges.forEach(([u, v], e) => {
          const c = colours[e] as number;
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThan(degree);
          for (const k of [`L${u}:${c}`, `R${v}:${c}`]) {
            expect(used.has(k), k).toBe(false);
            used.add(k);
          }
        });
      }),
      { numRuns: 500, seed: 30 },
    );
  });
});

describe('balance (max flow, binary search on the horizon)', () => {
  it('finds the least busiest-room load, as brute force does, and deals the amounts out exactly', () => {
    const instance = fc.record({
      rooms: fc.integer({ min: 1, max: 4 }),
      classes: fc.array(
        fc.record({ count: fc.integer({ min: 1, max: 3 }), rooms: fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    });
    fc.assert(
      fc.property(instance, ({ rooms, classes: raw }) => {
        const classes = raw.map((c) => ({ count: c.count, rooms: c.rooms.map((r) => r % rooms).filter((r, i, a) => a.indexOf(r) === i) }));
        // each application to one of its rooms, every way
        const apps = classes.flatMap((c) => Array.from({ length: c.count }, () => c.rooms));
        let best = Number.POSITIVE_INFINITY;
        const load = new Array<number>(rooms).fill(0);
        const walk = (i: number) => {
          if (i === apps.length) {
            best = Math.min(best, Math.max(...load));
            return;
          }
          for (const r of apps[i] as number[]) {
            load[r] = (load[r] as number) + 1;
            walk(i + 1);
            load[r] = (load[r] as number) - 1;
          }
        };
        walk(0);
        const total = apps.length;
        const res = balance(classes, rooms, (_, h) => h, total);
        expect(res.horizon).toBe(best);
        expect(res.placed).toBe(total);
        const perRoom = new Array<number>(rooms).fill(0);
        res.amounts.forEach((a, k) => {
          expect(a.reduce((x, y) => x + y, 0)).toBe(classes[k]?.count);
          a.forEach((n, i) => {
            const r = classes[k]?.rooms[i] as number;
            perRoom[r] = (perRoom[r] as number) + n;
          });
        });
        expect(Math.max(...perRoom)).toBeLessThanOrEqual(best);
      }),
      { numRuns: 300, seed: 31 },
    );
  });
});

describe('windows', () => {
  it('merges touching windows and clips them to the start', () => {
    expect(
      normalizeWindows(
        [
          [790, 800],
          [700, 781],
          [781, 785],
          [900, 900],
        ],
        780,
      ),
    ).toEqual([
      [780, 785],
      [790, 800],
    ]);
    expect(normalizeWindows(undefined, 780)).toEqual([[780, OPEN]]);
  });

  it('finds the earliest start that fits both windows, the room and the candidate with the buffer', () => {
    const room = normalizeWindows(
      [
        [780, 840],
        [850, 900],
      ],
      780,
    );
    const cand = normalizeWindows([[790, 1000]], 780);
    const roomBusy = [{ start: 790, end: 805 }];
    const candBusy = [{ start: 810, end: 820 }];
    // 790 is taken in the room, 805 is too close to the candidate's 810 (buffer 5), 825 fits until 840
    expect(earliestStart(780, 15, room, cand, roomBusy, candBusy, 5)).toBe(825);
    // 20 minutes do not fit before 840: the next room window
    expect(earliestStart(780, 20, room, cand, roomBusy, candBusy, 5)).toBe(850);
    expect(earliestStart(780, 20, room, cand, roomBusy, candBusy, 5, 860)).toBe(OPEN);
  });
});
