import type { Fair, Window } from './types';
import { intersect, longest, nextFit, normalizeWindows, OPEN } from './windows';

export interface RoomInfo {
  id: string;
  len: number;
  windows: Window[];
  positions: readonly string[];
}

/** The fair with lengths resolved and windows normalized, indexed for the algorithms. */
export interface FairContext {
  fair: Fair;
  start: number;
  buffer: number;
  rooms: RoomInfo[];
  roomIndex: Map<string, number>;
  /** rooms serving each position, in input order */
  servedBy: Map<string, number[]>;
  candidateWindows(candidate: string): Window[];
}

export function fairContext(fair: Fair): FairContext {
  const rooms = fair.rooms.map((r) => ({
    id: r.id,
    len: r.slotMinutes ?? fair.slotMinutes,
    windows: normalizeWindows(r.available, fair.start),
    positions: r.positions,
  }));
  const servedBy = new Map<string, number[]>();
  rooms.forEach((r, i) => {
    for (const p of new Set(r.positions)) {
      const list = servedBy.get(p);
      if (list) list.push(i);
      else servedBy.set(p, [i]);
    }
  });
  const open: Window[] = [[fair.start, OPEN]];
  const windows = new Map(fair.candidates.map((c) => [c.id, normalizeWindows(c.available, fair.start)]));
  return {
    fair,
    start: fair.start,
    buffer: fair.bufferMinutes,
    rooms,
    roomIndex: new Map(rooms.map((r, i) => [r.id, i])),
    servedBy,
    candidateWindows: (c) => windows.get(c) ?? open,
  };
}

/** Rooms that serve the position and share a window long enough for one interview with the candidate. */
export function compatibleRooms(ctx: FairContext, candidate: string, position: string): number[] {
  const cw = ctx.candidateWindows(candidate);
  return (ctx.servedBy.get(position) ?? []).filter((r) => {
    const room = ctx.rooms[r] as RoomInfo;
    return nextFit(intersect(room.windows, cw), ctx.start, room.len) !== OPEN;
  });
}

/** Why an application has no compatible room, in Chinese. */
export function whyNoRoom(ctx: FairContext, candidate: string, position: string): string {
  const serving = ctx.servedBy.get(position) ?? [];
  if (serving.length === 0) return `没有面试间负责岗位「${position}」`;
  const rooms = serving.map((r) => ctx.rooms[r] as RoomInfo);
  if (rooms.every((r) => longest(r.windows) < r.len))
    return `负责岗位「${position}」的面试间没有足够一场面试（${Math.min(...rooms.map((r) => r.len))} 分钟）的可用时段`;
  const shortest = Math.min(...rooms.map((r) => r.len));
  if (longest(ctx.candidateWindows(candidate)) < shortest) return `求职者「${candidate}」的可用时段太短，不足一场面试（${shortest} 分钟）`;
  return `求职者「${candidate}」的可用时段与负责岗位「${position}」的面试间的可用时段没有足够一场面试的重叠`;
}
