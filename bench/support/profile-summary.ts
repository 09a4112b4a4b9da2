import { readFileSync } from 'node:fs';

/**
 * Where a CPU profile's time went, by area: `npx tsx bench/support/profile-summary.ts <file.cpuprofile>`
 * (write one with BENCH_PROFILE=<file> on `npm run bench api`). Self time, as a share of the busy
 * time (idle left out); a native function (a SQLite statement, a socket write) counts for the
 * area of the JavaScript that called it.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const AREAS: [string, RegExp][] = [
  ['SQLite (better-sqlite3 + driver)', /better-sqlite3|db\/dialect\/sqlite/],
  ['PostgreSQL (pg + driver)', /node_modules\/pg|pg-protocol|pg-pool|db\/dialect\/postgres/],
  ['Kysely (build, compile, execute)', /node_modules\/kysely/],
  ['zod (parse, encode)', /node_modules\/zod/],
  ['response serializer (type-provider, fast-json-stringify)', /fast-json-stringify|fastify-type-provider-zod/],
  ['fastify + router + plugins', /node_modules\/(fastify|find-my-way|avvio|@fastify|light-my-request|fastify-plugin)/],
  ['logging (pino)', /node_modules\/pino|sonic-boom/],
  ['node http + sockets', /^node:(_http|net|internal\/(stream|http|streams|js_stream)|stream|events)|node:internal\/child_process/],
  ["linli's own code", /\/src\/server\//],
];

function areaOf(url: string): string | null {
  if (!url) return null;
  for (const [name, re] of AREAS) if (re.test(url)) return name;
  return 'other JavaScript';
}

export function summarize(file: string): { area: string; share: number }[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const area = (id: number): string => {
    const n = byId.get(id) as Node;
    const name = n.callFrame.functionName;
    if (name === '(idle)') return 'idle';
    if (name === '(garbage collector)') return 'GC';
    if (name === '(program)') return 'V8 (program)';
    const own = areaOf(n.callFrame.url);
    if (own) return own;
    const up = parent.get(id);
    return up === undefined ? 'native, no caller' : area(up);
  };
  const time = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const a = area(id);
    time.set(a, (time.get(a) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  time.delete('idle');
  const busy = [...time.values()].reduce((a, b) => a + b, 0);
  return [...time].map(([a, t]) => ({ area: a, share: t / busy })).sort((x, y) => y.share - x.share);
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  for (const file of process.argv.slice(2)) {
    console.log(file);
    for (const { area, share } of summarize(file)) console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${area}`);
  }
}
