/** Dinic's maximum flow on a small graph (positions × rooms), integer capacities. */
export class MaxFlow {
  private head: number[];
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  private original: number[] = [];

  constructor(private readonly n: number) {
    this.head = new Array<number>(n).fill(-1);
  }

  /** Adds u → v; returns the edge's id (for `flowOn`). */
  addEdge(u: number, v: number, capacity: number): number {
    const id = this.to.length;
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.original.push(capacity, 0);
    this.next.push(this.head[u] as number, this.head[v] as number);
    this.head[u] = id;
    this.head[v] = id + 1;
    return id;
  }

  setCapacity(edge: number, capacity: number): void {
    this.original[edge] = capacity;
  }

  flowOn(edge: number): number {
    return (this.original[edge] as number) - (this.cap[edge] as number);
  }

  /** Runs from scratch on the current capacities. */
  run(s: number, t: number): number {
    for (let e = 0; e < this.cap.length; e++) this.cap[e] = this.original[e] as number;
    const level = new Int32Array(this.n);
    const it = new Int32Array(this.n);
    const queue = new Int32Array(this.n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++] as number;
        for (let e = this.head[u] as number; e !== -1; e = this.next[e] as number) {
          const v = this.to[e] as number;
          if ((this.cap[e] as number) > 0 && level[v] === -1) {
            level[v] = (level[u] as number) + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t] === -1) return total;
      for (let u = 0; u < this.n; u++) it[u] = this.head[u] as number;
      for (;;) {
        const f = this.push(s, t, Number.POSITIVE_INFINITY, level, it);
        if (f === 0) break;
        total += f;
      }
    }
  }

  private push(u: number, t: number, limit: number, level: Int32Array, it: Int32Array): number {
    if (u === t) return limit;
    for (; (it[u] as number) !== -1; it[u] = this.next[it[u] as number] as number) {
      const e = it[u] as number;
      const v = this.to[e] as number;
      const c = this.cap[e] as number;
      if (c > 0 && level[v] === (level[u] as number) + 1) {
        const f = this.push(v, t, Math.min(limit, c), level, it);
        if (f > 0) {
          this.cap[e] = c - f;
          this.cap[e ^ 1] = (this.cap[e ^ 1] as number) + f;
          return f;
        }
      }
    }
    return 0;
  }
}

/** Applications that are interchangeable for the room loads: same length options, same rooms. */
export interface AppClass {
  count: number;
  rooms: readonly number[];
}

export interface Balanced {
  /** smallest horizon (minutes after the start) at which `placed` applications fit the rooms */
  horizon: number;
  /** how many of the applications fit at all */
  placed: number;
  /** per class, how many go to each of its rooms (same order as `rooms`) */
  amounts: number[][];
}

/**
 * Spreads the classes over their rooms so that the busiest room finishes as early as possible:
 * binary search on the horizon T, with room r able to take `capacity(r, T)` interviews by then,
 * and a max flow source → class → room → sink deciding whether everything fits. Exact.
 * `capacity` must grow with T; `hi` must be a horizon at which every room is at its most.
 */
export function balance(
  classes: readonly AppClass[],
  roomCount: number,
  capacity: (room: number, horizon: number) => number,
  hi: number,
  step = 1,
): Balanced {
  const n = classes.length + roomCount + 2;
  const s = n - 2;
  const t = n - 1;
  const g = new MaxFlow(n);
  for (let k = 0; k < classes.length; k++) g.addEdge(s, k, (classes[k] as AppClass).count);
  const classEdges = classes.map((c, k) => c.rooms.map((r) => g.addEdge(k, classes.length + r, Number.MAX_SAFE_INTEGER)));
  const sinkEdges: number[] = [];
  for (let r = 0; r < roomCount; r++) sinkEdges.push(g.addEdge(classes.length + r, t, 0));
  const flowAt = (horizon: number) => {
    for (let r = 0; r < roomCount; r++) g.setCapacity(sinkEdges[r] as number, capacity(r, horizon));
    return g.run(s, t);
  };
  const best = flowAt(hi);
  // search over multiples of `step` (slot lengths when all are equal), then the exact horizon
  let lo = 0;
  let up = Math.ceil(hi / step);
  while (lo < up) {
    const mid = (lo + up) >> 1;
    if (flowAt(mid * step) >= best) up = mid;
    else lo = mid + 1;
  }
  const horizon = Math.min(lo * step, hi);
  flowAt(horizon);
  return { horizon, placed: best, amounts: classEdges.map((edges) => edges.map((e) => g.flowOn(e))) };
}
