import type { Window } from './types';

/** A window that never closes (an absent `available`). */
export const OPEN = Number.POSITIVE_INFINITY;

/** Sorted, merged, clipped to start at `from` or later; empty windows dropped. Absent → one open window. */
export function normalizeWindows(windows: readonly Window[] | undefined, from: number): Window[] {
  if (!windows) return [[from, OPEN]];
  const sorted = windows
    .map(([a, b]) => [Math.max(a, from), b] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Smallest s ≥ t with [s, s+len) inside one window; Infinity when none. */
export function nextFit(windows: readonly Window[], t: number, len: number): number {
  for (const [a, b] of windows) {
    if (b <= t) continue;
    const s = Math.max(a, t);
    if (s + len <= b) return s;
  }
  return OPEN;
}

/** The window holding [s, s+len), or undefined. */
export function windowAround(windows: readonly Window[], s: number, len: number): Window | undefined {
  for (const w of windows) if (w[0] <= s && s + len <= w[1]) return w;
  return undefined;
}

/** Intersection of two normalized window lists. */
export function intersect(x: readonly Window[], y: readonly Window[]): Window[] {
  const out: Window[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = x[i] as Window;
    const b = y[j] as Window;
    const from = Math.max(a[0], b[0]);
    const to = Math.min(a[1], b[1]);
    if (to > from) out.push([from, to]);
    if (a[1] < b[1]) i++;
    else j++;
  }
  return out;
}

export const longest = (windows: readonly Window[]): number => windows.reduce((m, [a, b]) => Math.max(m, b - a), 0);

/** How many back-to-back slots of `len` end by `until` (the most one room can hold by then). */
export function slotsBy(windows: readonly Window[], len: number, until: number): number {
  let n = 0;
  for (const [a, b] of windows) {
    if (a >= until) break;
    const end = Math.min(b, until);
    if (end > a) n += Math.floor((end - a) / len);
  }
  return n;
}

export interface Busy {
  start: number;
  end: number;
}

/**
 * Earliest s ≥ t0 where an interview of `len` fits both window lists, the room is free (roomBusy
 * sorted by start, not overlapping) and the candidate is free with `buffer` minutes either side.
 * Infinity when there is none before the windows close (or before `latestEnd`).
 */
export function earliestStart(
  t0: number,
  len: number,
  roomWindows: readonly Window[],
  candWindows: readonly Window[],
  roomBusy: readonly Busy[],
  candBusy: readonly Busy[],
  buffer: number,
  latestEnd = OPEN,
): number {
  let t = t0;
  for (;;) {
    const r = nextFit(roomWindows, t, len);
    const c = nextFit(candWindows, r, len);
    if (c === OPEN || c + len > latestEnd) return OPEN;
    if (c !== t) {
      t = c;
      continue;
    }
    // the room: first busy interval ending after t
    let lo = 0;
    let hi = roomBusy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((roomBusy[mid] as Busy).end <= t) lo = mid + 1;
      else hi = mid;
    }
    const clash = roomBusy[lo];
    if (clash && clash.start < t + len) {
      t = clash.end;
      continue;
    }
    let moved = t;
    for (const o of candBusy) if (o.start < t + len + buffer && o.end + buffer > t) moved = Math.max(moved, o.end + buffer);
    if (moved !== t) {
      t = moved;
      continue;
    }
    return t;
  }
}

/** Inserts into a list sorted by start. */
export function insertBusy<T extends Busy>(list: T[], item: T): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as T).start <= item.start) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}
