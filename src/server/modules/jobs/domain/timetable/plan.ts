import { colourBipartite } from './colouring';
import { compatibleRooms, type FairContext, fairContext, type RoomInfo, whyNoRoom } from './context';
import { type AppClass, balance } from './flow';
import { compactRooms, improve, type Slot } from './improve';
import type { Fair, Interview, PlanOptions, Timetable, Unscheduled, Window } from './types';
import { type Busy, earliestStart, insertBusy, nextFit, OPEN, slotsBy, windowAround } from './windows';

interface App {
  /** input order */
  idx: number;
  candidate: string;
  position: string;
  /** compatible rooms */
  rooms: number[];
}

/**
 * Plans the fair's interviews. Rooms are loaded as evenly as the windows allow (exact, by max
 * flow), then:
 * - equal slots, no buffer, no windows: every room's queue and every candidate's interviews are
 *   one edge colouring of the candidates × rooms multigraph with Δ colours (König) — colour = slot,
 *   so the makespan is Δ slots, which is also the lower bound: optimal (the list schedule below
 *   replaces it when it is as short and keeps candidates waiting less);
 * - otherwise: event-driven list scheduling, each room taking, when it frees, a candidate who has
 *   already begun (longest waiting first) before starting a new one (nearest window end, most
 *   interviews left), with what did not fit placed first-fit in any serving room.
 * A local improvement then packs each candidate's interviews (shifts and same-room swaps that
 * never lengthen the day) and each candidate is told to join a few minutes before their first.
 * Deterministic: the same fair (same order) gives the same timetable.
 */
export function planTimetable(fair: Fair, options: PlanOptions = {}): Timetable {
  const ctx = fairContext(fair);
  const unscheduled: { idx: number; u: Unscheduled }[] = [];
  const apps: App[] = [];
  const seen = new Set<string>();
  fair.applications.forEach((a, idx) => {
    const key = `${a.candidate}\u0000${a.position}`;
    if (seen.has(key)) {
      unscheduled.push({ idx, u: { ...a, reason: `重复的报名：求职者「${a.candidate}」已报名岗位「${a.position}」` } });
      return;
    }
    seen.add(key);
    const rooms = compatibleRooms(ctx, a.candidate, a.position);
    if (rooms.length === 0) unscheduled.push({ idx, u: { ...a, reason: whyNoRoom(ctx, a.candidate, a.position) } });
    else apps.push({ idx, candidate: a.candidate, position: a.position, rooms });
  });

  // spread over the rooms
  const { assigned, overflow, horizon } = assignRooms(ctx, apps);
  for (const a of overflow)
    unscheduled.push({
      idx: a.idx,
      u: { candidate: a.candidate, position: a.position, reason: `负责岗位「${a.position}」的面试间在可用时段内已排满` },
    });

  const candIndex = new Map<string, number>();
  for (const a of apps) if (!candIndex.has(a.candidate)) candIndex.set(a.candidate, candIndex.size);
  const candWin = [...candIndex.keys()].map((c) => ctx.candidateWindows(c));

  const slots: Slot[] = [];
  const lens = new Set(ctx.rooms.map((r) => r.len));
  const exact = ctx.buffer === 0 && lens.size <= 1 && fair.rooms.every((r) => !r.available) && fair.candidates.every((c) => !c.available);
  let leftovers: App[] = [];
  if (exact) {
    const list = [...assigned.entries()];
    const { colours } = colourBipartite(
      candIndex.size,
      ctx.rooms.length,
      list.map(([a, r]) => [candIndex.get(a.candidate) as number, r] as const),
    );
    list.forEach(([a, r], e) => {
      const len = (ctx.rooms[r] as RoomInfo).len;
      const start = ctx.start + (colours[e] as number) * len;
      slots.push({ app: a.idx, cand: candIndex.get(a.candidate) as number, room: r, position: a.position, start, end: start + len });
    });
    improve(ctx, slots, candWin, options.improveRounds ?? 4);
    // the colouring is optimal but scatters candidates; the list scheduler often reaches the same
    // length with interviews packed together — take it when it does
    const packed: Slot[] = [];
    if (!listSchedule(ctx, assigned, candIndex, candWin, packed, horizon).length) {
      compactRooms(ctx, packed, candWin, ctx.start + horizon);
      improve(ctx, packed, candWin, options.improveRounds ?? 4);
      if (lastEnd(packed) <= lastEnd(slots) && idle(packed) < idle(slots)) slots.splice(0, slots.length, ...packed);
    }
    return finish(ctx, slots, apps, unscheduled, options.entryLeadMinutes ?? 5);
  } else {
    leftovers = listSchedule(ctx, assigned, candIndex, candWin, slots, horizon);
  }

  // what did not fit its room: first fit in any serving room
  if (leftovers.length) {
    const roomBusy: Busy[][] = ctx.rooms.map(() => []);
    const candBusy: Busy[][] = candWin.map(() => []);
    for (const s of slots) {
      insertBusy(roomBusy[s.room] as Busy[], s);
      (candBusy[s.cand] as Busy[]).push(s);
    }
    const byIdx = new Map(apps.map((a) => [a.idx, a]));
    const dayEnd = slots.reduce((m, x) => Math.max(m, x.end), 0);
    const drop = <T>(list: T[], x: T) => list.splice(list.indexOf(x), 1);
    /**
     * Makes room for `a` by moving one interview y out of a slot the candidate can use, to the
     * earliest place its own application fits (any of its rooms, not past the day's end).
     */
    const eject = (a: App, c: number): boolean => {
      for (const r of a.rooms) {
        const room = ctx.rooms[r] as RoomInfo;
        for (const y of [...(roomBusy[r] as Slot[])]) {
          if (!windowAround(candWin[c]!, y.start, room.len)) continue;
          if ((candBusy[c] as Busy[]).some((o) => o.start < y.end + ctx.buffer && o.end + ctx.buffer > y.start)) continue;
          const other = byIdx.get(y.app) as App;
          drop(roomBusy[r] as Busy[], y);
          drop(candBusy[y.cand] as Busy[], y);
          let moved: Slot | null = null;
          for (const r2 of other.rooms) {
            const room2 = ctx.rooms[r2] as RoomInfo;
            const busy = r2 === r ? [...(roomBusy[r] as Busy[]), y].sort((p, q) => p.start - q.start) : (roomBusy[r2] as Busy[]);
            const t = earliestStart(ctx.start, room2.len, room2.windows, candWin[y.cand]!, busy, candBusy[y.cand]!, ctx.buffer, dayEnd);
            if (t !== OPEN && (!moved || t < moved.start)) moved = { ...y, room: r2, start: t, end: t + room2.len };
          }
          if (!moved) {
            insertBusy(roomBusy[r] as Busy[], y);
            (candBusy[y.cand] as Busy[]).push(y);
            continue;
          }
          const mine: Slot = { app: a.idx, cand: c, room: r, position: a.position, start: y.start, end: y.end };
          drop(slots, y);
          for (const x of [mine, moved]) {
            slots.push(x);
            insertBusy(roomBusy[x.room] as Busy[], x);
            (candBusy[x.cand] as Busy[]).push(x);
          }
          return true;
        }
      }
      return false;
    };
    for (const a of leftovers) {
      const c = candIndex.get(a.candidate) as number;
      let best: Slot | null = null;
      for (const r of a.rooms) {
        const room = ctx.rooms[r] as RoomInfo;
        const s = earliestStart(ctx.start, room.len, room.windows, candWin[c]!, roomBusy[r]!, candBusy[c]!, ctx.buffer);
        if (s !== OPEN && (!best || s < best.start))
          best = { app: a.idx, cand: c, room: r, position: a.position, start: s, end: s + room.len };
      }
      if (best) {
        slots.push(best);
        insertBusy(roomBusy[best.room] as Busy[], best);
        (candBusy[c] as Busy[]).push(best);
        continue;
      }
      if (eject(a, c)) continue;
      const roomsFree = a.rooms.some((r) => {
        const room = ctx.rooms[r] as RoomInfo;
        return earliestStart(ctx.start, room.len, room.windows, candWin[c]!, [], candBusy[c]!, ctx.buffer) !== OPEN;
      });
      const reason = roomsFree
        ? `负责岗位「${a.position}」的面试间在求职者「${a.candidate}」的可用时段内已排满`
        : `求职者「${a.candidate}」的可用时段内排不下这场面试（已排 ${candBusy[c]!.length} 场）`;
      unscheduled.push({ idx: a.idx, u: { candidate: a.candidate, position: a.position, reason } });
    }
  }

  compactRooms(ctx, slots, candWin, ctx.start + horizon);
  improve(ctx, slots, candWin, options.improveRounds ?? 4);
  return finish(ctx, slots, apps, unscheduled, options.entryLeadMinutes ?? 5);
}

/** Exact balancing of the room loads (see `balance`), then the applications dealt out by the amounts. */
function assignRooms(ctx: FairContext, apps: readonly App[]): { assigned: Map<App, number>; overflow: App[]; horizon: number } {
  const byClass = new Map<string, App[]>();
  for (const a of apps) {
    const key = a.rooms.join(',');
    const list = byClass.get(key);
    if (list) list.push(a);
    else byClass.set(key, [a]);
  }
  const groups = [...byClass.values()];
  const classes: AppClass[] = groups.map((g) => ({ count: g.length, rooms: (g[0] as App).rooms }));
  const { amounts, horizon } = balanceRooms(ctx, classes);
  const assigned = new Map<App, number>();
  const overflow: App[] = [];
  groups.forEach((g, k) => {
    const rooms = (classes[k] as AppClass).rooms;
    const left = [...(amounts[k] as number[])];
    // deal in turn, so that each room gets an even share of the class's applicants in input order
    let i = 0;
    for (const a of g) {
      let placed = false;
      for (let tries = 0; tries < rooms.length; tries++, i = (i + 1) % rooms.length) {
        if ((left[i] as number) > 0) {
          left[i] = (left[i] as number) - 1;
          assigned.set(a, rooms[i] as number);
          i = (i + 1) % rooms.length;
          placed = true;
          break;
        }
      }
      if (!placed) overflow.push(a);
    }
  });
  return { assigned, overflow, horizon };
}

function balanceRooms(ctx: FairContext, classes: readonly AppClass[]) {
  const total = classes.reduce((n, c) => n + c.count, 0);
  let hi = 0;
  for (const r of ctx.rooms) {
    const last = r.windows.at(-1);
    if (!last) continue;
    hi = Math.max(hi, last[1] === OPEN ? last[0] - ctx.start + total * r.len : last[1] - ctx.start);
  }
  const lens = new Set(ctx.rooms.map((r) => r.len));
  // with one slot length and no windows the horizon is a whole number of slots
  const open = ctx.rooms.every((r) => r.windows.length === 1 && r.windows[0]?.[0] === ctx.start && r.windows[0]?.[1] === OPEN);
  const step = lens.size === 1 && open ? (ctx.rooms[0]?.len ?? 1) : 1;
  return balance(
    classes,
    ctx.rooms.length,
    (r, horizon) => slotsBy((ctx.rooms[r] as RoomInfo).windows, (ctx.rooms[r] as RoomInfo).len, ctx.start + horizon),
    hi,
    step,
  );
}

/** A binary heap of rooms by (time, room). */
class RoomHeap {
  private t: number[] = [];
  private r: number[] = [];
  get size() {
    return this.t.length;
  }
  private less(i: number, j: number) {
    return (this.t[i] as number) < (this.t[j] as number) || (this.t[i] === this.t[j] && (this.r[i] as number) < (this.r[j] as number));
  }
  private swap(i: number, j: number) {
    [this.t[i], this.t[j]] = [this.t[j] as number, this.t[i] as number];
    [this.r[i], this.r[j]] = [this.r[j] as number, this.r[i] as number];
  }
  push(time: number, room: number) {
    this.t.push(time);
    this.r.push(room);
    let i = this.t.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.t[0] as number, this.r[0] as number];
    const lt = this.t.pop() as number;
    const lr = this.r.pop() as number;
    if (this.t.length) {
      this.t[0] = lt;
      this.r[0] = lr;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let m = i;
        if (l < this.t.length && this.less(l, m)) m = l;
        if (rr < this.t.length && this.less(rr, m)) m = rr;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** A candidate whose window closes within this many minutes of their remaining interviews goes first. */
const URGENT = 60;
const MARGIN = 1;

/** How many slots of `len` fit the windows between two times. */
function slotsBetween(windows: readonly Window[], len: number, from: number, until: number): number {
  let n = 0;
  for (const [a, b] of windows) {
    if (a >= until) break;
    const lo = Math.max(a, from);
    const hi = Math.min(b, until);
    if (hi > lo) n += Math.floor((hi - lo) / len);
  }
  return n;
}

/**
 * Event-driven list scheduling, rooms taken in time order. Each candidate gets a target time,
 * spread evenly over the day (a low-discrepancy sequence over the candidates, inside their
 * windows), and every room serves its queue in target order: a room with time to spare waits
 * for its next candidate's target, a critical room (its remaining queue fills what is left of
 * the balanced horizon) never waits while someone is free. So a candidate's interviews in all
 * their rooms fall near one time, and the busiest rooms still run back to back. A candidate
 * whose window is about to close goes before everyone. Returns what the rooms could not take.
 */
function listSchedule(
  ctx: FairContext,
  assigned: Map<App, number>,
  candIndex: Map<string, number>,
  candWin: Window[][],
  slots: Slot[],
  horizon: number,
): App[] {
  type Job = { app: App; c: number };
  const queues: Job[][] = ctx.rooms.map(() => []);
  const n = candIndex.size;
  const remaining = new Int32Array(n);
  const load = new Float64Array(n);
  for (const [a, r] of assigned) {
    const c = candIndex.get(a.candidate) as number;
    (queues[r] as Job[]).push({ app: a, c });
    remaining[c] = (remaining[c] as number) + 1;
    load[c] = (load[c] as number) + (ctx.rooms[r] as RoomInfo).len + (remaining[c] > 1 ? ctx.buffer : 0);
  }
  const dayEnd = ctx.start + horizon;
  const target = new Float64Array(n);
  const golden = (Math.sqrt(5) - 1) / 2;
  for (let c = 0; c < n; c++) {
    const w = candWin[c] as Window[];
    const lo = Math.max(ctx.start, w[0]?.[0] ?? ctx.start);
    const hi = Math.min(dayEnd, w.at(-1)?.[1] ?? dayEnd) - (load[c] as number);
    target[c] = hi > lo ? lo + ((c * golden) % 1) * (hi - lo) : lo;
  }
  const lastEnd = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const heap = new RoomHeap();
  const leftovers: App[] = [];
  ctx.rooms.forEach((_, r) => {
    if ((queues[r] as Job[]).length) heap.push(ctx.start, r);
  });
  const buffer = ctx.buffer;
  while (heap.size) {
    const [t0, r] = heap.pop();
    const room = ctx.rooms[r] as RoomInfo;
    const len = room.len;
    const queue = queues[r] as Job[];
    const t = nextFit(room.windows, t0, len);
    if (t === OPEN) {
      for (const j of queue) leftovers.push(j.app);
      queue.length = 0;
      continue;
    }
    if (t !== t0) {
      heap.push(t, r);
      continue;
    }
    const critical = queue.length + MARGIN >= slotsBetween(room.windows, len, t, dayEnd);
    let best = -1;
    let bestClass = 0;
    let bestKey = 0;
    let wake = OPEN;
    for (let i = 0; i < queue.length; i++) {
      const { app, c } = queue[i] as Job;
      const free = Math.max(t, (lastEnd[c] as number) + buffer);
      const cw = candWin[c] as Window[];
      const s = free === t ? nextFit(cw, t, len) : OPEN;
      if (s !== t) {
        wake = Math.min(wake, Math.max(nextFit(cw, free, len), critical ? 0 : (target[c] as number)));
        continue;
      }
      const closes = windowAround(cw, t, len)?.[1] ?? OPEN;
      const slack = closes - t - (remaining[c] as number) * (len + buffer);
      let cls: number;
      let key: number;
      if (slack <= URGENT) {
        cls = 0;
        key = slack;
      } else if (critical || (target[c] as number) <= t) {
        cls = 1;
        key = target[c] as number;
      } else {
        wake = Math.min(wake, target[c] as number);
        continue;
      }
      if (
        best === -1 ||
        cls < bestClass ||
        (cls === bestClass && (key < bestKey || (key === bestKey && app.idx < (queue[best] as Job).app.idx)))
      ) {
        best = i;
        bestClass = cls;
        bestKey = key;
      }
    }
    if (best === -1) {
      if (wake === OPEN) {
        for (const j of queue) leftovers.push(j.app);
        queue.length = 0;
      } else heap.push(Math.max(t + 1, Math.min(Math.ceil(wake), critical ? OPEN : t + len)), r);
      continue;
    }
    const { app, c } = queue[best] as Job;
    queue[best] = queue[queue.length - 1] as Job;
    queue.pop();
    slots.push({ app: app.idx, cand: c, room: r, position: app.position, start: t, end: t + len });
    lastEnd[c] = t + len;
    remaining[c] = (remaining[c] as number) - 1;
    if (queue.length) heap.push(t + len, r);
  }
  return leftovers;
}

/** Lower bound on the makespan of any timetable holding these interviews: room loads (flow) and candidate loads. */
function lowerBound(
  ctx: FairContext,
  slots: readonly Slot[],
  apps: readonly App[],
  candWin: ReturnType<FairContext['candidateWindows']>[],
): number {
  if (!slots.length) return 0;
  const byIdx = new Map(apps.map((a) => [a.idx, a]));
  const classCount = new Map<string, AppClass>();
  const perCand = new Map<number, number[]>();
  for (const s of slots) {
    const a = byIdx.get(s.app) as App;
    const key = a.rooms.join(',');
    const k = classCount.get(key);
    if (k) k.count++;
    else classCount.set(key, { count: 1, rooms: a.rooms });
    const shortest = Math.min(...a.rooms.map((r) => (ctx.rooms[r] as RoomInfo).len));
    const list = perCand.get(s.cand);
    if (list) list.push(shortest);
    else perCand.set(s.cand, [shortest]);
  }
  const roomBound = balanceRooms(ctx, [...classCount.values()]).horizon;
  let candBound = 0;
  for (const [c, lens] of perCand) {
    const first = nextFit(candWin[c]!, ctx.start, Math.min(...lens));
    const load = lens.reduce((x, y) => x + y, 0) + (lens.length - 1) * ctx.buffer;
    candBound = Math.max(candBound, first - ctx.start + load);
  }
  return Math.max(roomBound, candBound);
}

function finish(
  ctx: FairContext,
  slots: Slot[],
  apps: readonly App[],
  unscheduled: { idx: number; u: Unscheduled }[],
  lead: number,
): Timetable {
  const candWin = [...new Set(apps.map((a) => a.candidate))].map((c) => ctx.candidateWindows(c));
  const names = [...new Set(apps.map((a) => a.candidate))];
  const interviews: Interview[] = slots
    .map((s) => ({
      candidate: names[s.cand] as string,
      position: s.position,
      room: (ctx.rooms[s.room] as RoomInfo).id,
      start: s.start,
      end: s.end,
    }))
    .sort((x, y) => x.start - y.start || cmp(x.room, y.room) || cmp(x.candidate, y.candidate));
  const first = new Map<string, number>();
  for (const iv of interviews) if (!first.has(iv.candidate)) first.set(iv.candidate, iv.start);
  const entries = [...first.entries()].map(([id, s]) => ({ id, entry: s - lead })).sort((x, y) => cmp(x.id, y.id));
  const makespan = interviews.reduce((m, iv) => Math.max(m, iv.end - ctx.start), 0);
  const bound = lowerBound(ctx, slots, apps, candWin);
  return {
    interviews,
    entries,
    unscheduled: unscheduled.sort((x, y) => x.idx - y.idx).map((x) => x.u),
    makespan,
    lowerBound: bound,
    optimal: makespan === bound,
  };
}

const lastEnd = (slots: readonly Slot[]) => slots.reduce((m, s) => Math.max(m, s.end), 0);

/** Candidates' total idle minutes (first start to last end, less time in interviews). */
function idle(slots: readonly Slot[]): number {
  const span = new Map<number, [number, number, number]>();
  for (const s of slots) {
    const x = span.get(s.cand);
    if (!x) span.set(s.cand, [s.start, s.end, s.end - s.start]);
    else {
      x[0] = Math.min(x[0], s.start);
      x[1] = Math.max(x[1], s.end);
      x[2] += s.end - s.start;
    }
  }
  let total = 0;
  for (const [a, b, busy] of span.values()) total += b - a - busy;
  return total;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
