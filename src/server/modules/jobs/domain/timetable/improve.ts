import type { FairContext, RoomInfo } from './context';
import type { Window } from './types';
import { nextFit, OPEN, windowAround } from './windows';

/** One placed interview while planning (indices into the fair's rooms and the planner's candidates). */
export interface Slot {
  app: number;
  cand: number;
  room: number;
  position: string;
  start: number;
  end: number;
}

/**
 * Packs each candidate's interviews closer together without lengthening the day or breaking a
 * rule: (1) a candidate's first interview slides as late and their last as early as the room's
 * neighbours, the buffer and both windows allow; (2) a candidate's first (last) interview swaps
 * times with another interview of the same room nearer to their second (second-to-last) one when
 * that shortens the two candidates' spans together (every slot of a room has the same length,
 * so a swap never troubles the room). Repeated `rounds` times. Mutates `slots`.
 */
export function improve(ctx: FairContext, slots: Slot[], candWin: readonly Window[][], rounds: number): void {
  if (!slots.length) return;
  const buffer = ctx.buffer;
  const dayEnd = slots.reduce((m, s) => Math.max(m, s.end), 0);
  const byRoom: Slot[][] = ctx.rooms.map(() => []);
  const byCand: Slot[][] = candWin.map(() => []);
  for (const s of slots) {
    (byRoom[s.room] as Slot[]).push(s);
    (byCand[s.cand] as Slot[]).push(s);
  }
  const order = (x: Slot, y: Slot) => x.start - y.start;
  for (const list of byRoom) list.sort(order);
  for (const list of byCand) list.sort(order);
  const at = new Map<Slot, number>();
  for (const list of byRoom) {
    for (let i = 0; i < list.length; i++) at.set(list[i] as Slot, i);
  }
  const span = (list: readonly Slot[]) => (list.length ? (list.at(-1) as Slot).end - (list[0] as Slot).start : 0);
  /** the candidate may hold `s` from `start` instead (its other interviews, the buffer, the window) */
  const fits = (s: Slot, start: number) => {
    const end = start + (s.end - s.start);
    if (!windowAround(candWin[s.cand] as Window[], start, end - start)) return false;
    for (const o of byCand[s.cand] as Slot[]) if (o !== s && o.start < end + buffer && o.end + buffer > start) return false;
    return true;
  };
  const move = (s: Slot, start: number) => {
    const len = s.end - s.start;
    s.start = start;
    s.end = start + len;
  };

  for (let round = 0; round < rounds; round++) {
    let changed = false;
    // (1) slide
    for (const list of byCand) {
      if (list.length < 2) continue;
      const x = list[0] as Slot;
      const second = list[1] as Slot;
      const room = ctx.rooms[x.room] as RoomInfo;
      const roomList = byRoom[x.room] as Slot[];
      const len = x.end - x.start;
      const nextInRoom = roomList[(at.get(x) as number) + 1];
      const rw = windowAround(room.windows, x.start, len) as Window;
      const cw = windowAround(candWin[x.cand] as Window[], x.start, len) as Window;
      const latest = Math.min(second.start - buffer, nextInRoom ? nextInRoom.start : dayEnd, rw[1], cw[1]) - len;
      if (latest > x.start) {
        move(x, latest);
        changed = true;
      }
      const y = list.at(-1) as Slot;
      const before = list.at(-2) as Slot;
      const yRoom = ctx.rooms[y.room] as RoomInfo;
      const yList = byRoom[y.room] as Slot[];
      const prevInRoom = yList[(at.get(y) as number) - 1];
      const ylen = y.end - y.start;
      const yrw = windowAround(yRoom.windows, y.start, ylen) as Window;
      const ycw = windowAround(candWin[y.cand] as Window[], y.start, ylen) as Window;
      const earliest = Math.max(before.end + buffer, prevInRoom ? prevInRoom.end : -OPEN, yrw[0], ycw[0]);
      if (earliest < y.start) {
        move(y, earliest);
        changed = true;
      }
    }
    // (2) swap within a room
    for (let c = 0; c < byCand.length; c++) {
      const list = byCand[c] as Slot[];
      if (list.length < 2) continue;
      for (const end of ['first', 'last'] as const) {
        const x = end === 'first' ? (list[0] as Slot) : (list.at(-1) as Slot);
        const len = x.end - x.start;
        const target = end === 'first' ? (list[1] as Slot).start - buffer - len : (list.at(-2) as Slot).end + buffer;
        const roomList = byRoom[x.room] as Slot[];
        const i = at.get(x) as number;
        // the room's slots between x and the target, nearest to the target first
        const tries: Slot[] = [];
        if (end === 'first') {
          for (let j = i + 1; j < roomList.length && (roomList[j] as Slot).start <= target; j++) tries.push(roomList[j] as Slot);
          tries.reverse();
        } else {
          for (let j = i - 1; j >= 0 && (roomList[j] as Slot).start >= target; j--) tries.push(roomList[j] as Slot);
          tries.reverse();
        }
        for (const y of tries.slice(0, 4)) {
          if (y.cand === x.cand) continue;
          const other = byCand[y.cand] as Slot[];
          const before = span(list) + span(other);
          const xs = x.start;
          const ys = y.start;
          if (!fits(x, ys) || !fits(y, xs)) continue;
          move(x, ys);
          move(y, xs);
          list.sort(order);
          other.sort(order);
          if (span(list) + span(other) < before) {
            const j = at.get(y) as number;
            roomList[i] = y;
            roomList[j] = x;
            at.set(x, j);
            at.set(y, i);
            changed = true;
            break;
          }
          move(x, xs);
          move(y, ys);
          list.sort(order);
          other.sort(order);
        }
      }
    }
    if (!changed) break;
  }
}

/**
 * Closes the gaps of every room that ends after `until` (the balanced horizon): walking the
 * room's day, each gap is filled by the nearest later interview of that room whose candidate is
 * free then (their other interviews, the buffer, their window). Makes the day shorter, never longer.
 */
export function compactRooms(ctx: FairContext, slots: Slot[], candWin: readonly Window[][], until: number): void {
  const byRoom: Slot[][] = ctx.rooms.map(() => []);
  const byCand: Slot[][] = candWin.map(() => []);
  for (const s of slots) {
    (byRoom[s.room] as Slot[]).push(s);
    (byCand[s.cand] as Slot[]).push(s);
  }
  const buffer = ctx.buffer;
  const fits = (s: Slot, start: number) => {
    const end = start + (s.end - s.start);
    if (!windowAround(candWin[s.cand] as Window[], start, end - start)) return false;
    for (const o of byCand[s.cand] as Slot[]) if (o !== s && o.start < end + buffer && o.end + buffer > start) return false;
    return true;
  };
  const move = (x: Slot, start: number, len: number) => {
    x.start = start;
    x.end = start + len;
  };
  /** a later interview whose candidate is free at t moves up into the gap */
  const fill = (list: Slot[], i: number, t: number, len: number) => {
    // a later one than the first after the gap needs the whole slot free before it
    const roomy = (list[i] as Slot).start - t >= len;
    for (let j = i; j < (roomy ? list.length : i + 1); j++) {
      const x = list[j] as Slot;
      if (!fits(x, t)) continue;
      move(x, t, len);
      list.splice(j, 1);
      list.splice(i, 0, x);
      return true;
    }
    return false;
  };
  /** an earlier interview y moves into the gap and a later one x takes y's place */
  const swapInto = (list: Slot[], i: number, t: number, len: number) => {
    const roomy = (list[i] as Slot).start - t >= len;
    for (let j = i; j < Math.min(list.length, roomy ? i + 4 : i + 1); j++) {
      const x = list[j] as Slot;
      for (let k = i - 1; k >= Math.max(0, i - 200); k--) {
        const y = list[k] as Slot;
        if (y.cand === x.cand || !fits(y, t) || !fits(x, y.start)) continue;
        const ys = y.start;
        move(y, t, len);
        move(x, ys, len);
        list[k] = x;
        list.splice(j, 1);
        list.splice(i, 0, y);
        return true;
      }
    }
    return false;
  };
  ctx.rooms.forEach((room, r) => {
    const list = (byRoom[r] as Slot[]).sort((x, y) => x.start - y.start);
    if (!list.length || (list.at(-1) as Slot).end <= until) return;
    let t = ctx.start;
    for (let i = 0; i < list.length; i++) {
      t = nextFit(room.windows, t, room.len);
      const here = list[i] as Slot;
      if (here.start > t && !fill(list, i, t, room.len)) swapInto(list, i, t, room.len);
      t = (list[i] as Slot).end;
    }
  });
}
