import { fairContext, type RoomInfo } from './context';
import type { Fair, Interview, Timetable, Unscheduled } from './types';
import { type Busy, earliestStart, insertBusy, OPEN } from './windows';

export interface Replanned {
  timetable: Timetable;
  /** candidates whose times or rooms changed (they are to be told), sorted */
  changed: string[];
}

interface ReplanOptions {
  /** an interview is not moved earlier than this many minutes from now (10) */
  noticeMinutes?: number;
  /** as in `planTimetable` (5) */
  entryLeadMinutes?: number;
}

/**
 * A room runs `minutes` late at `now`: its current interview ends that much later (or, when it
 * is idle, it can start nothing before now + minutes). Its queue keeps its order and is pushed
 * back as far as needed (never earlier); an affected candidate's later interviews elsewhere
 * keep their times when they still fit, else move later in their own room, and so on down the day.
 */
export function replanLate(
  fair: Fair,
  timetable: Timetable,
  event: { room: string; now: number; minutes: number },
  options: ReplanOptions = {},
): Replanned {
  const running = timetable.interviews.find((iv) => iv.room === event.room && iv.start < event.now && iv.end > event.now);
  const freeAt = Math.max(event.now, running?.end ?? event.now) + event.minutes;
  const started = timetable.interviews.filter((iv) => iv.start < event.now).map((iv) => (iv === running ? { ...iv, end: freeAt } : iv));
  return repair(fair, timetable, event.now, event.room, freeAt, started, [], false, [], options);
}

/**
 * A candidate did not come to their interview in `room`: it is dropped (listed as unscheduled)
 * or, with `requeue`, called again at the end of the room's queue. The room's queue then moves
 * up — earlier, but never sooner than the notice allows — and the rest of the day is repaired
 * as for a late room.
 */
export function replanNoShow(
  fair: Fair,
  timetable: Timetable,
  event: { room: string; candidate: string; position?: string; now: number; requeue: boolean },
  options: ReplanOptions = {},
): Replanned {
  const missed = timetable.interviews
    .filter((iv) => iv.room === event.room && iv.candidate === event.candidate && (!event.position || iv.position === event.position))
    .filter((iv) => iv.end > event.now)
    .sort((x, y) => x.start - y.start)[0];
  if (!missed) return { timetable, changed: [] };
  const rest = { ...timetable, interviews: timetable.interviews.filter((iv) => iv !== missed) };
  const started = rest.interviews.filter((iv) => iv.start < event.now);
  const running = started.find((iv) => iv.room === event.room && iv.end > event.now);
  const freeAt = Math.max(event.now, running?.end ?? event.now);
  const dropped: Unscheduled[] = event.requeue
    ? []
    : [
        {
          candidate: missed.candidate,
          position: missed.position,
          reason: `求职者「${missed.candidate}」未到场（面试间「${missed.room}」），已取消`,
        },
      ];
  const result = repair(fair, rest, event.now, event.room, freeAt, started, event.requeue ? [missed] : [], true, dropped, options);
  const changed = new Set(result.changed);
  changed.add(missed.candidate);
  return { timetable: result.timetable, changed: [...changed].sort() };
}

function repair(
  fair: Fair,
  timetable: Timetable,
  now: number,
  roomId: string,
  freeAt: number,
  started: readonly Interview[],
  requeued: readonly Interview[],
  allowEarlier: boolean,
  dropped: Unscheduled[],
  options: ReplanOptions,
): Replanned {
  const ctx = fairContext(fair);
  const notice = options.noticeMinutes ?? 10;
  const roomBusy = new Map<string, Busy[]>(ctx.rooms.map((r) => [r.id, []]));
  const candBusy = new Map<string, Busy[]>();
  const busyOf = (c: string) => {
    const list = candBusy.get(c) ?? [];
    candBusy.set(c, list);
    return list;
  };
  const place = (iv: Interview) => {
    insertBusy(roomBusy.get(iv.room) ?? [], iv);
    busyOf(iv.candidate).push(iv);
  };
  for (const iv of started) place(iv);
  const before = new Map(timetable.interviews.map((iv) => [`${iv.candidate}\u0000${iv.position}`, iv]));
  const later = timetable.interviews.filter((iv) => iv.start >= now).sort((x, y) => x.start - y.start || (x.room < y.room ? -1 : 1));
  const queue = [...later.filter((iv) => iv.room === roomId), ...requeued];
  const others = later.filter((iv) => iv.room !== roomId);
  const out: Interview[] = [...started];
  const lost: Unscheduled[] = [...timetable.unscheduled, ...dropped];
  const roomOf = (id: string) => ctx.rooms[ctx.roomIndex.get(id) ?? -1] as RoomInfo | undefined;
  const lose = (iv: Interview) =>
    lost.push({
      candidate: iv.candidate,
      position: iv.position,
      reason: `改期后超出面试间「${iv.room}」或求职者「${iv.candidate}」的可用时段`,
    });

  // the room's queue, in order
  let cursor = freeAt;
  for (const iv of queue) {
    const room = roomOf(iv.room);
    if (!room) continue;
    const len = iv.end - iv.start;
    const cw = ctx.candidateWindows(iv.candidate);
    const planned = requeued.includes(iv) ? now + notice : iv.start;
    const lower = allowEarlier ? Math.max(cursor, Math.min(planned, now + notice)) : Math.max(cursor, planned);
    const mine = busyOf(iv.candidate);
    const theirs = others.filter((o) => o.candidate === iv.candidate);
    // around the candidate's other interviews when that costs the room at most one slot; else they move
    const avoid = earliestStart(lower, len, room.windows, cw, roomBusy.get(iv.room) ?? [], [...mine, ...theirs], ctx.buffer);
    const ripple = earliestStart(lower, len, room.windows, cw, roomBusy.get(iv.room) ?? [], mine, ctx.buffer);
    const s = avoid !== OPEN && avoid <= ripple + len ? avoid : ripple;
    if (s === OPEN) {
      lose(iv);
      continue;
    }
    const moved = { ...iv, start: s, end: s + len };
    place(moved);
    out.push(moved);
    cursor = moved.end;
  }
  // everyone else: keep the time when it still fits, else the earliest later time in the same room
  for (const iv of others) {
    const room = roomOf(iv.room);
    if (!room) continue;
    const len = iv.end - iv.start;
    const s = earliestStart(
      iv.start,
      len,
      room.windows,
      ctx.candidateWindows(iv.candidate),
      roomBusy.get(iv.room) ?? [],
      busyOf(iv.candidate),
      ctx.buffer,
    );
    if (s === OPEN) {
      lose(iv);
      continue;
    }
    const moved = s === iv.start ? iv : { ...iv, start: s, end: s + len };
    place(moved);
    out.push(moved);
  }

  out.sort((x, y) => x.start - y.start || (x.room < y.room ? -1 : x.room > y.room ? 1 : x.candidate < y.candidate ? -1 : 1));
  const changed = new Set<string>();
  const after = new Set<string>();
  for (const iv of out) {
    const key = `${iv.candidate}\u0000${iv.position}`;
    after.add(key);
    const old = before.get(key);
    if (!old || old.start !== iv.start || old.room !== iv.room) changed.add(iv.candidate);
  }
  for (const [key, iv] of before) if (!after.has(key)) changed.add(iv.candidate);
  const lead = options.entryLeadMinutes ?? 5;
  const first = new Map<string, number>();
  for (const iv of out) if (!first.has(iv.candidate)) first.set(iv.candidate, iv.start);
  const entries = [...first.entries()].map(([id, s]) => ({ id, entry: s - lead })).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const makespan = out.reduce((m, iv) => Math.max(m, iv.end - ctx.start), 0);
  return {
    timetable: {
      interviews: out,
      entries,
      unscheduled: lost,
      makespan,
      lowerBound: timetable.lowerBound,
      optimal: makespan === timetable.lowerBound,
    },
    changed: [...changed].sort(),
  };
}
