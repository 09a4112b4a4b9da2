/**
 * Proper edge colouring of a bipartite multigraph with Δ colours (König's theorem), built edge by
 * edge with the alternating-path construction: take a colour a free at the left end u and a
 * colour b free at the right end v; if a is taken at v, swap a and b along the a/b path that
 * starts at v — it cannot reach u, because it enters left vertices by a-edges and a is free at u —
 * after which a is free at both ends.
 * Vertices: left 0…left−1, right 0…right−1; edges as [leftVertex, rightVertex].
 * Returns each edge's colour in 0…Δ−1, and Δ.
 */
export function colourBipartite(
  left: number,
  right: number,
  edges: readonly (readonly [number, number])[],
): { colours: Int32Array; degree: number } {
  const n = left + right;
  const deg = new Int32Array(n);
  for (const [u, v] of edges) {
    deg[u] = (deg[u] as number) + 1;
    deg[left + v] = (deg[left + v] as number) + 1;
  }
  let delta = 0;
  for (const d of deg) delta = Math.max(delta, d);
  const colours = new Int32Array(edges.length).fill(-1);
  if (delta === 0) return { colours, degree: 0 };
  // the edge of colour c at vertex x (index x * delta + c), or −1; a map when that table would be large
  const dense = n * delta <= 8_000_000 ? new Int32Array(n * delta).fill(-1) : null;
  const sparse = new Map<number, number>();
  const get = dense ? (i: number) => dense[i] as number : (i: number) => sparse.get(i) ?? -1;
  const put = dense
    ? (i: number, e: number) => {
        dense[i] = e;
      }
    : (i: number, e: number) => {
        if (e === -1) sparse.delete(i);
        else sparse.set(i, e);
      };
  const ends = new Int32Array(edges.length * 2);
  edges.forEach(([u, v], e) => {
    ends[2 * e] = u;
    ends[2 * e + 1] = left + v;
  });
  // every colour below hint[x] is taken at x
  const hint = new Int32Array(n);
  const free = (x: number) => {
    const base = x * delta;
    // x has fewer than deg(x) coloured edges, so one of the first deg(x) colours is free
    const upto = deg[x] as number;
    for (let c = hint[x] as number; c < upto; c++)
      if (get(base + c) === -1) {
        hint[x] = c;
        return c;
      }
    throw new Error('no free colour: degree miscounted');
  };
  const other = (e: number, x: number) => (ends[2 * e] === x ? (ends[2 * e + 1] as number) : (ends[2 * e] as number));
  const path: number[] = [];
  for (let e = 0; e < edges.length; e++) {
    const u = ends[2 * e] as number;
    const v = ends[2 * e + 1] as number;
    const a = free(u);
    if (get(v * delta + a) !== -1) {
      const b = free(v);
      // walk the a/b path from v
      path.length = 0;
      let x = v;
      let c = a;
      for (;;) {
        const f = get(x * delta + c) as number;
        if (f === -1) break;
        path.push(f);
        x = other(f, x);
        c = c === a ? b : a;
      }
      for (const f of path) {
        const c = colours[f] as number;
        for (const x of [ends[2 * f] as number, ends[2 * f + 1] as number]) {
          put(x * delta + c, -1);
          if (c < (hint[x] as number)) hint[x] = c;
        }
      }
      for (const f of path) {
        const nc = colours[f] === a ? b : a;
        colours[f] = nc;
        put((ends[2 * f] as number) * delta + nc, f);
        put((ends[2 * f + 1] as number) * delta + nc, f);
      }
    }
    colours[e] = a;
    put(u * delta + a, e);
    put(v * delta + a, e);
  }
  return { colours, degree: delta };
}
