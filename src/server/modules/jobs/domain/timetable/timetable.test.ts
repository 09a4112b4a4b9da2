import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyTimetable, idleMinutes, planTimetable, replanLate, replanNoShow, sampleFair } from './index';
import type { Fair, Interview, Timetable, Window } from './types';

const START = 13 * 60;
const POSITIONS = ['P1', 'P2', 'P3', 'P4'];
const CANDIDATES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];

const windowArb = fc
  .array(fc.tuple(fc.integer({ min: START - 30, max: START + 240 }), fc.integer({ min: 5, max: 150 })), { minLength: 1, maxLength: 3 })
  .map((ws) => ws.map(([a, d]) => [a, a + d] as Window));

/** Small fairs with everything the input allows: own slot lengths, windows, buffers, duplicates, unserved positions. */
const fairArb: fc.Arbitrary<Fair> = fc.record({
  start: fc.constant(START),
  slotMinutes: fc.constantFrom(10, 15, 20),
  bufferMinutes: fc.constantFrom(0, 5, 10),
  rooms: fc
    .array(
      fc.record(
        {
          positions: fc.subarray(POSITIONS, { minLength: 1 }),
          slotMinutes: fc.constantFrom(10, 15, 20, 30),
          available: windowArb,
        },
        { requiredKeys: ['positions'] },
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((rs) => rs.map((r, i) => ({ id: `R${i + 1}`, ...r }))),
  candidates: fc
    .subarray(CANDIDATES)
    .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), available: windowArb }, { requiredKeys: ['id'] })))),
  applications: fc.array(fc.record({ candidate: fc.constantFrom(...CANDIDATES), position: fc.constantFrom(...POSITIONS, 'P9') }), {
    maxLength: 16,
  }),
});

/** [s, e) is covered by the windows (touching windows join) and not before the start */
const inside = (ws: readonly Window[] | undefined, s: number, e: number) => {
  if (s < START) return false;
  if (!ws) return true;
  let reach = s;
  for (const [a, b] of [...ws].sort((x, y) => x[0] - y[0])) if (a <= reach && b > reach) reach = b;
  return reach >= e;
};

/** Every rule of the timetable, checked from the fair itself (not with the planner's helpers). */
function expectValid(fair: Fair, tt: Timetable, lead = 5) {
  const rooms = new Map(fair.rooms.map((r) => [r.id, r]));
  const cands = new Map(fair.candidates.map((c) => [c.id, c]));
  for (const iv of tt.interviews) {
    const room = rooms.get(iv.room);
    expect(room, iv.room).toBeDefined();
    expect(room?.positions).toContain(iv.position);
    expect(iv.end - iv.start).toBe(room?.slotMinutes ?? fair.slotMinutes);
    expect(inside(room?.available, iv.start, iv.end), `room window ${JSON.stringify(iv)}`).toBe(true);
    expect(inside(cands.get(iv.candidate)?.available, iv.start, iv.end), `candidate window ${JSON.stringify(iv)}`).toBe(true);
  }
  const pairs = (key: (iv: Interview) => string, gap: number) => {
    const groups = new Map<string, Interview[]>();
    for (const iv of tt.interviews) groups.set(key(iv), [...(groups.get(key(iv)) ?? []), iv]);
    // sorted by start, intervals keep their distance iff each keeps it from the next
    for (const list of groups.values()) {
      list.sort((x, y) => x.start - y.start);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1] as Interview;
        const b = list[i] as Interview;
        if (a.end + gap > b.start) expect.fail(`${JSON.stringify(a)} / ${JSON.stringify(b)} overlap or are closer than ${gap} min`);
      }
    }
  };
  pairs((iv) => iv.room, 0);
  pairs((iv) => iv.candidate, fair.bufferMinutes);
  // every application placed once or listed with a reason
  const key = (a: { candidate: string; position: string }) => `${a.candidate}/${a.position}`;
  const given = fair.applications.map(key).sort();
  const accounted = [...tt.interviews.map(key), ...tt.unscheduled.map(key)].sort();
  expect(accounted).toEqual(given);
  expect(new Set(tt.interviews.map(key)).size).toBe(tt.interviews.length);
  for (const u of tt.unscheduled) expect(u.reason).toMatch(/[\u4e00-\u9fff]/);
  // the figures
  const makespan = tt.interviews.reduce((m, iv) => Math.max(m, iv.end - fair.start), 0);
  expect(tt.makespan).toBe(makespan);
  expect(tt.lowerBound).toBeLessThanOrEqual(tt.makespan);
  const first = new Map<string, number>();
  for (const iv of tt.interviews) first.set(iv.candidate, Math.min(first.get(iv.candidate) ?? Number.POSITIVE_INFINITY, iv.start));
  expect(tt.entries).toEqual([...first.entries()].map(([id, s]) => ({ id, entry: s - lead })).sort((x, y) => (x.id < y.id ? -1 : 1)));
}

describe('planTimetable on random fairs', () => {
  it('keeps every rule: rooms, candidates, buffers, windows, positions; every application placed or listed', () => {
    fc.assert(
      fc.property(fairArb, (fair) => {
        expectValid(fair, planTimetable(fair));
      }),
      { numRuns: 1000, seed: 10 },
    );
  });

  it('keeps every rule on crowded sample fairs (full rooms, tight windows: leftovers and ejections)', () => {
    const sized = fc.record({
      seed: fc.nat(),
      candidates: fc.integer({ min: 10, max: 80 }),
      rooms: fc.integer({ min: 2, max: 12 }),
      perCandidate: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(sized, ({ seed, candidates, rooms, perCandidate }) => {
        const fair = sampleFair(seed, candidates, rooms, Math.min(candidates * perCandidate, candidates * rooms));
        // tighten: rooms close after four hours, so some applications cannot all fit
        const tight: Fair = {
          ...fair,
          rooms: fair.rooms.map((r) => ({
            ...r,
            available: (r.available ?? [[START, START + 24 * 60]]).map(([a, b]) => [a, Math.min(b, START + 240)] as Window),
          })),
        };
        expectValid(fair, planTimetable(fair));
        expectValid(tight, planTimetable(tight));
      }),
      { numRuns: 30, seed: 13 },
    );
  }, 60_000);

  it('gives the same timetable for the same fair', () => {
    fc.assert(
      fc.property(fairArb, (fair) => {
        expect(planTimetable(structuredClone(fair))).toEqual(planTimetable(fair));
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  /** min over all assignments of applications to serving rooms of the busiest room's count (brute force) */
  function bruteRoomLoad(fair: Fair, apps: { position: string }[]): number {
    const choices = apps.map((a) => fair.rooms.filter((r) => r.positions.includes(a.position)).map((r) => r.id));
    let best = Number.POSITIVE_INFINITY;
    const load = new Map<string, number>();
    const walk = (i: number) => {
      if (i === choices.length) {
        best = Math.min(best, Math.max(0, ...load.values()));
        return;
      }
      for (const r of choices[i] as string[]) {
        load.set(r, (load.get(r) ?? 0) + 1);
        walk(i + 1);
        load.set(r, (load.get(r) ?? 0) - 1);
      }
    };
    walk(0);
    return best;
  }

  it('is optimal with equal slots, no buffer and no windows: makespan = lower bound = max(candidate load, balanced room load)', () => {
    const equalArb = fc.record({
      slot: fc.constantFrom(10, 15, 20),
      rooms: fc.array(fc.subarray(POSITIONS, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
      applications: fc.array(fc.record({ candidate: fc.constantFrom(...CANDIDATES), position: fc.constantFrom(...POSITIONS, 'P9') }), {
        maxLength: 10,
      }),
    });
    fc.assert(
      fc.property(equalArb, ({ slot, rooms, applications }) => {
        const fair: Fair = {
          start: START,
          slotMinutes: slot,
          bufferMinutes: 0,
          rooms: rooms.map((positions, i) => ({ id: `R${i + 1}`, positions })),
          candidates: [],
          applications,
        };
        const tt = planTimetable(fair);
        expectValid(fair, tt);
        const seen = new Set<string>();
        const placeable = applications.filter((a) => {
          const k = `${a.candidate}/${a.position}`;
          const ok = !seen.has(k) && fair.rooms.some((r) => r.positions.includes(a.position));
          seen.add(k);
          return ok;
        });
        expect(tt.interviews).toHaveLength(placeable.length);
        const perCandidate = new Map<string, number>();
        for (const a of placeable) perCandidate.set(a.candidate, (perCandidate.get(a.candidate) ?? 0) + 1);
        const expected = Math.max(0, ...perCandidate.values(), bruteRoomLoad(fair, placeable)) * slot;
        expect(tt.makespan).toBe(expected);
        expect(tt.lowerBound).toBe(expected);
        expect(tt.optimal).toBe(true);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('planTimetable', () => {
  const base: Fair = {
    start: START,
    slotMinutes: 15,
    bufferMinutes: 5,
    rooms: [{ id: 'R1', positions: ['P1'], slotMinutes: 20, available: [[780, 900]] }],
    candidates: [],
    applications: [],
  };

  it('lists what cannot be placed, with the reason in Chinese naming the position or candidate', () => {
    const fair: Fair = {
      ...base,
      rooms: [...base.rooms, { id: 'R2', positions: ['P2'], available: [[780, 790]] }],
      candidates: [
        { id: 'C2', available: [[780, 790]] },
        { id: 'C3', available: [[900, 960]] },
      ],
      applications: [
        { candidate: 'C1', position: 'P9' },
        { candidate: 'C1', position: 'P1' },
        { candidate: 'C1', position: 'P1' },
        { candidate: 'C2', position: 'P1' },
        { candidate: 'C3', position: 'P1' },
        { candidate: 'C1', position: 'P2' },
      ],
    };
    const tt = planTimetable(fair);
    expectValid(fair, tt);
    expect(tt.interviews).toEqual([{ candidate: 'C1', position: 'P1', room: 'R1', start: 780, end: 800 }]);
    expect(tt.unscheduled.map((u) => u.reason)).toEqual([
      '没有面试间负责岗位「P9」',
      '重复的报名：求职者「C1」已报名岗位「P1」',
      '求职者「C2」的可用时段太短，不足一场面试（20 分钟）',
      '求职者「C3」的可用时段与负责岗位「P1」的面试间的可用时段没有足够一场面试的重叠',
      '负责岗位「P2」的面试间没有足够一场面试（15 分钟）的可用时段',
    ]);
  });

  it('lists the applications a full room cannot take', () => {
    const fair: Fair = {
      ...base,
      rooms: [{ id: 'R1', positions: ['P1'], available: [[780, 810]] }],
      applications: ['C1', 'C2', 'C3'].map((candidate) => ({ candidate, position: 'P1' })),
    };
    const tt = planTimetable(fair);
    expectValid(fair, tt);
    expect(tt.interviews).toHaveLength(2);
    expect(tt.unscheduled).toEqual([{ candidate: 'C3', position: 'P1', reason: '负责岗位「P1」的面试间在可用时段内已排满' }]);
  });

  it('staggers entry: each candidate is told to come 5 minutes before their first interview', () => {
    const fair: Fair = {
      ...base,
      rooms: [{ id: 'R1', positions: ['P1'] }],
      applications: ['C1', 'C2', 'C3'].map((candidate) => ({ candidate, position: 'P1' })),
    };
    const tt = planTimetable(fair, { entryLeadMinutes: 5 });
    expect(tt.entries.map((e) => e.entry).sort((a, b) => a - b)).toEqual([775, 790, 805]);
    expect(tt.makespan).toBe(45);
    expect(tt.optimal).toBe(true);
  });

  it('is optimal on a larger fair with equal slots (König colouring reaches the flow bound)', () => {
    const fair = sampleFair(7, 300, 20, 1200);
    const equal: Fair = {
      ...fair,
      bufferMinutes: 0,
      rooms: fair.rooms.map(({ id, positions }) => ({ id, positions })),
      candidates: [],
    };
    const tt = planTimetable(equal);
    expectValid(equal, tt);
    expect(tt.unscheduled).toEqual([]);
    expect(tt.makespan).toBe(tt.lowerBound);
  });

  it('on a realistic fair stays within 2% of the lower bound and idles candidates less than half as much as first fit', () => {
    const fair = sampleFair(3, 600, 36, 2400);
    const tt = planTimetable(fair);
    expectValid(fair, tt);
    expect(tt.unscheduled).toEqual([]);
    expect(tt.makespan / tt.lowerBound).toBeLessThanOrEqual(1.02);
    expect(idleMinutes(tt.interviews)).toBeLessThan(0.5 * idleMinutes(greedyTimetable(fair)));
  });
});

/** The rules after a re-plan: no overlaps anywhere; what has not started keeps lengths, positions and windows; nothing lost. */
function expectSound(fair: Fair, before: Timetable, after: Timetable, now: number) {
  const rooms = new Map(fair.rooms.map((r) => [r.id, r]));
  const cands = new Map(fair.candidates.map((c) => [c.id, c]));
  for (const iv of after.interviews.filter((x) => x.start >= now)) {
    const room = rooms.get(iv.room);
    expect(room?.positions).toContain(iv.position);
    expect(iv.end - iv.start).toBe(room?.slotMinutes ?? fair.slotMinutes);
    expect(inside(room?.available, iv.start, iv.end)).toBe(true);
    expect(inside(cands.get(iv.candidate)?.available, iv.start, iv.end)).toBe(true);
  }
  for (let i = 0; i < after.interviews.length; i++)
    for (let j = i + 1; j < after.interviews.length; j++) {
      const a = after.interviews[i] as Interview;
      const b = after.interviews[j] as Interview;
      if (a.room === b.room) expect(a.end <= b.start || b.end <= a.start, `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(true);
      if (a.candidate === b.candidate)
        expect(
          a.end + fair.bufferMinutes <= b.start || b.end + fair.bufferMinutes <= a.start,
          `${JSON.stringify(a)} / ${JSON.stringify(b)}`,
        ).toBe(true);
    }
  const key = (a: { candidate: string; position: string }) => `${a.candidate}/${a.position}`;
  expect([...after.interviews, ...after.unscheduled].map(key).sort()).toEqual(
    [...before.interviews, ...before.unscheduled].map(key).sort(),
  );
}

/** candidates whose interviews differ (time, room, or gone) between two timetables */
function diff(before: Timetable, after: Timetable): string[] {
  const key = (iv: Interview) => `${iv.candidate}/${iv.position}/${iv.room}/${iv.start}`;
  const a = new Set(after.interviews.map(key));
  const b = new Set(before.interviews.map(key));
  const out = new Set<string>();
  for (const iv of before.interviews) if (!a.has(key(iv))) out.add(iv.candidate);
  for (const iv of after.interviews) if (!b.has(key(iv))) out.add(iv.candidate);
  return [...out].sort();
}

const planned = fairArb
  .map((fair) => ({ fair, tt: planTimetable(fair) }))
  .filter(({ tt }) => tt.interviews.length > 0)
  .chain(({ fair, tt }) =>
    fc.record({
      fair: fc.constant(fair),
      tt: fc.constant(tt),
      pick: fc.nat({ max: tt.interviews.length - 1 }),
      offset: fc.integer({ min: -30, max: 30 }),
      minutes: fc.integer({ min: 1, max: 60 }),
      requeue: fc.boolean(),
    }),
  );

describe('re-planning on random fairs', () => {
  it('a late room: the rules still hold, nothing moves earlier, started interviews stay, the changed list is exact', () => {
    fc.assert(
      fc.property(planned, ({ fair, tt, pick, offset, minutes }) => {
        const room = (tt.interviews[pick] as Interview).room;
        const now = (tt.interviews[pick] as Interview).start + offset;
        const { timetable, changed } = replanLate(fair, tt, { room, now, minutes });
        expectSound(fair, tt, timetable, now);
        expect(changed).toEqual(diff(tt, timetable));
        const running = tt.interviews.find((iv) => iv.room === room && iv.start < now && iv.end > now);
        const freeAt = Math.max(now, running?.end ?? now) + minutes;
        const after = new Map(timetable.interviews.map((iv) => [`${iv.candidate}/${iv.position}`, iv]));
        for (const iv of tt.interviews) {
          const moved = after.get(`${iv.candidate}/${iv.position}`);
          if (iv.start < now) {
            expect(moved).toEqual(iv === running ? { ...iv, end: freeAt } : iv);
            continue;
          }
          if (!moved) continue;
          expect(moved.room).toBe(iv.room);
          expect(moved.start).toBeGreaterThanOrEqual(iv.start);
          if (iv.room === room) expect(moved.start).toBeGreaterThanOrEqual(freeAt);
        }
        // the room keeps its order
        const order = (t: Timetable) =>
          t.interviews
            .filter((iv) => iv.room === room && iv.start >= now)
            .sort((x, y) => x.start - y.start)
            .map((iv) => iv.candidate + iv.position);
        const kept = order(timetable);
        expect(order(tt).filter((k) => kept.includes(k))).toEqual(kept);
      }),
      { numRuns: 300, seed: 20 },
    );
  });

  it('a no-show: dropped or called again at the end of the queue, the queue moves up but not sooner than the notice', () => {
    fc.assert(
      fc.property(planned, ({ fair, tt, pick, offset, requeue }) => {
        const missed = tt.interviews[pick] as Interview;
        const now = Math.min(missed.start + Math.abs(offset), missed.end - 1);
        const { timetable, changed } = replanNoShow(fair, tt, {
          room: missed.room,
          candidate: missed.candidate,
          position: missed.position,
          now,
          requeue,
        });
        expectSound(fair, tt, timetable, now);
        expect(changed).toContain(missed.candidate);
        expect(changed.filter((c) => c !== missed.candidate)).toEqual(diff(tt, timetable).filter((c) => c !== missed.candidate));
        const again = timetable.interviews.find((iv) => iv.candidate === missed.candidate && iv.position === missed.position);
        if (requeue) {
          if (again) {
            expect(again.room).toBe(missed.room);
            for (const iv of timetable.interviews) if (iv.room === missed.room && iv !== again) expect(iv.start < again.start).toBe(true);
          }
        } else {
          expect(again).toBeUndefined();
          const listed = timetable.unscheduled.filter((u) => u.candidate === missed.candidate && u.position === missed.position);
          expect(listed.map((u) => u.reason).join()).toContain('未到场');
        }
        for (const iv of tt.interviews) {
          if (iv === missed) continue;
          const moved = timetable.interviews.find((x) => x.candidate === iv.candidate && x.position === iv.position);
          if (iv.start < now) expect(moved).toEqual(iv);
          else if (moved && moved.start < iv.start) expect(moved.start).toBeGreaterThanOrEqual(now + 10);
        }
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});

describe('re-planning on the fair day', () => {
  const fair: Fair = {
    start: START,
    slotMinutes: 15,
    bufferMinutes: 5,
    rooms: [
      { id: 'R1', positions: ['P1'] },
      { id: 'R2', positions: ['P2'] },
    ],
    candidates: [],
    applications: [],
  };
  const tt: Timetable = {
    interviews: [
      { candidate: 'C1', position: 'P1', room: 'R1', start: 780, end: 795 },
      { candidate: 'C2', position: 'P1', room: 'R1', start: 795, end: 810 },
      { candidate: 'C2', position: 'P2', room: 'R2', start: 815, end: 830 },
      { candidate: 'C3', position: 'P1', room: 'R1', start: 810, end: 825 },
      { candidate: 'C4', position: 'P2', room: 'R2', start: 830, end: 845 },
    ],
    entries: [],
    unscheduled: [],
    makespan: 65,
    lowerBound: 60,
    optimal: false,
  };

  it('a room 10 minutes late pushes its queue and the affected candidate’s later interview, and names who is told', () => {
    const { timetable, changed } = replanLate(fair, tt, { room: 'R1', now: 785, minutes: 10 });
    expect(timetable.interviews).toEqual([
      { candidate: 'C1', position: 'P1', room: 'R1', start: 780, end: 805 },
      { candidate: 'C2', position: 'P1', room: 'R1', start: 805, end: 820 },
      { candidate: 'C3', position: 'P1', room: 'R1', start: 820, end: 835 },
      { candidate: 'C2', position: 'P2', room: 'R2', start: 825, end: 840 },
      { candidate: 'C4', position: 'P2', room: 'R2', start: 840, end: 855 },
    ]);
    expect(changed).toEqual(['C2', 'C3', 'C4']);
    expect(timetable.entries.find((e) => e.id === 'C3')?.entry).toBe(815);
    expect(timetable.makespan).toBe(75);
  });

  it('a no-show moves the queue up (with 10 minutes’ notice) and tells those whose time changed', () => {
    const { timetable, changed } = replanNoShow(fair, tt, { room: 'R1', candidate: 'C1', now: 781, requeue: false });
    expect(timetable.interviews.filter((iv) => iv.room === 'R1')).toEqual([
      { candidate: 'C2', position: 'P1', room: 'R1', start: 791, end: 806 },
      { candidate: 'C3', position: 'P1', room: 'R1', start: 806, end: 821 },
    ]);
    expect(timetable.unscheduled).toEqual([{ candidate: 'C1', position: 'P1', reason: '求职者「C1」未到场（面试间「R1」），已取消' }]);
    expect(changed).toEqual(['C1', 'C2', 'C3']);
  });

  it('a no-show called again goes to the end of the room’s queue', () => {
    const { timetable } = replanNoShow(fair, tt, { room: 'R1', candidate: 'C1', now: 781, requeue: true });
    expect(timetable.interviews.filter((iv) => iv.room === 'R1').map((iv) => [iv.candidate, iv.start])).toEqual([
      ['C2', 791],
      ['C3', 806],
      ['C1', 821],
    ]);
    expect(timetable.unscheduled).toEqual([]);
  });
});
