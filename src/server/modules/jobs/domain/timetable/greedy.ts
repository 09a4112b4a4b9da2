import { type FairContext, fairContext, type RoomInfo } from './context';
import type { Fair, Interview } from './types';
import { type Busy, earliestStart, insertBusy, OPEN } from './windows';

/**
 * The naive timetable a person would make by hand, kept as the benchmarks' baseline: the
 * applications in the order they came, each put at the earliest time any room serving its
 * position and the candidate are both free (first fit). Unplaceable ones are left out.
 */
export function greedyTimetable(fair: Fair): Interview[] {
  const ctx: FairContext = fairContext(fair);
  const roomBusy: Busy[][] = ctx.rooms.map(() => []);
  const candBusy = new Map<string, Busy[]>();
  const out: Interview[] = [];
  const seen = new Set<string>();
  for (const a of fair.applications) {
    const key = `${a.candidate}\u0000${a.position}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const mine = candBusy.get(a.candidate) ?? [];
    candBusy.set(a.candidate, mine);
    let best: { r: number; s: number } | null = null;
    for (const r of ctx.servedBy.get(a.position) ?? []) {
      const room = ctx.rooms[r] as RoomInfo;
      const s = earliestStart(
        ctx.start,
        room.len,
        room.windows,
        ctx.candidateWindows(a.candidate),
        roomBusy[r] as Busy[],
        mine,
        ctx.buffer,
      );
      if (s !== OPEN && (!best || s < best.s)) best = { r, s };
    }
    if (!best) continue;
    const room = ctx.rooms[best.r] as RoomInfo;
    const iv = { candidate: a.candidate, position: a.position, room: room.id, start: best.s, end: best.s + room.len };
    insertBusy(roomBusy[best.r] as Busy[], iv);
    mine.push(iv);
    out.push(iv);
  }
  return out;
}

/** Candidates' total idle time: for each, from their first start to their last end, less the time in interviews. */
export function idleMinutes(interviews: readonly Interview[]): number {
  const per = new Map<string, { first: number; last: number; busy: number }>();
  for (const iv of interviews) {
    const p = per.get(iv.candidate);
    if (!p) per.set(iv.candidate, { first: iv.start, last: iv.end, busy: iv.end - iv.start });
    else {
      p.first = Math.min(p.first, iv.start);
      p.last = Math.max(p.last, iv.end);
      p.busy += iv.end - iv.start;
    }
  }
  let idle = 0;
  for (const p of per.values()) idle += p.last - p.first - p.busy;
  return idle;
}
