// `npm run bench live`: the live hub fanning one topic out to N server-sent-event clients, beside a
// bare `node:http` SSE loop writing the same frames to the same clients, in the same run.
//
// This process is the server (both variants, one after the other); the clients live in one child
// process (bench/live-clients.child.ts), raw TCP sockets; the harness is bench/support/live-harness.ts. Per variant and round:
// - latency: publish → the LAST client has the frame (hrtime, one clock for both processes), over
//   BENCH_BROADCASTS broadcasts, p50 and p99;
// - server CPU per broadcast (process.cpuUsage of this process over the broadcasts);
// - memory per connection (heap + external after GC: all connected minus all gone, same process);
// - a forced reconnect of every client: 3 frames published while all are away, then every client
//   reconnects (with Last-Event-ID) and we count the frames that never reached it.
// Medians over BENCH_ROUNDS rounds (variants alternate within a round).
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { Actor } from '../src/server/core/access/actor';
import type { RequestContext } from '../src/server/core/context';
import { EventBus } from '../src/server/core/events/bus';
import { LiveHub } from '../src/server/core/events/live-hub';
import type { DbDialect } from '../src/server/db/dialect/index';
import { openLiveStream } from '../src/server/http/live';
import type { BenchResult } from './run';
import { bareServer, LiveClients, type LiveServer, measureRound } from './support/live-harness';
import { median, round } from './support/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TITLE = '元旦电话慰问';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ACTOR: Actor = {
  accountId: 'bench',
  username: 'bench',
  displayName: 'bench',
  kind: 'staff',
  subdistrictId: 'bench',
  sessionId: 'bench',
  personId: null,
  grants: [],
  permissions: new Set(),
};

/** the hub behind Fastify and the real route helper; an in-memory load (a database read is one per event either way) */
async function hubServer(): Promise<LiveServer> {
  const app = Fastify({ logger: false });
  // no LISTEN/NOTIFY here: the bus of one process (SQLite's), which the hub subscribes to all the same
  const bus = new EventBus({ kind: 'sqlite' } as DbDialect, app.log);
  const hub = new LiveHub(bus, app.log);
  let current = 0;
  hub.register({
    name: 'bench',
    busTopic: () => 'bench.tick',
    authorize: async () => ({}),
    viewKey: () => '*',
    load: async () => ({ n: current }),
    view: (s: { n: number }) => ({ n: s.n, title: TITLE }),
  });
  await app.register(cookie);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: ACTOR, requestId: req.id, ip: req.ip, userAgent: null };
  });
  app.get('/live', async (req, reply) => openLiveStream(req, reply, hub, 'bench', 'one'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    async broadcast(n) {
      current = n;
      const seq = hub.stats('bench', 'one')?.seq ?? 0;
      await bus.publish('bench.tick', {});
      while ((hub.stats('bench', 'one')?.seq ?? 0) === seq) await new Promise((r) => setImmediate(r));
    },
    subscribers: () => hub.stats('bench', 'one')?.subscribers ?? 0,
    async close() {
      hub.stop();
      await app.close();
    },
  };
}

interface Sample {
  p50: number;
  p99: number;
  cpu: number;
  heapKiB: number;
  lost: number;
}

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

async function runOne(make: () => Promise<LiveServer>, clients: LiveClients, pathName: string): Promise<Sample> {
  const server = await make();
  let connected = 0;
  let gone = 0;
  // what the connections held: connected minus gone, in the same warm process
  const s = await measureRound(server, clients, {
    pathName,
    count: CLIENTS,
    broadcasts: BROADCASTS,
    connected: () => {
      connected = memory();
    },
    gone: () => {
      gone = memory();
    },
  });
  await server.close();
  return { p50: s.p50, p99: s.p99, cpu: s.cpu, heapKiB: (connected - gone) / 1024 / CLIENTS, lost: s.lost };
}

export default async function liveBench(): Promise<BenchResult> {
  const clients = await LiveClients.start();
  const samples: Record<'bare' | 'hub', Sample[]> = { bare: [], hub: [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // alternate which goes first, so neither always gets the warmer process
      const order: ('bare' | 'hub')[] = r % 2 ? ['hub', 'bare'] : ['bare', 'hub'];
      for (const v of order) {
        const bare = () => bareServer(`"title":${JSON.stringify(TITLE)}`);
        const s = await runOne(v === 'bare' ? bare : hubServer, clients, v === 'bare' ? '/' : '/live');
        samples[v].push(s);
        console.log(`round ${r + 1} ${v}: ${JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, x]) => [k, round(x, 3)])))}`);
      }
    }
  } finally {
    clients.stop();
  }
  const med = (v: 'bare' | 'hub', k: keyof Sample) => median(samples[v].map((s) => s[k]));
  const row = (v: 'bare' | 'hub', label: string) => [
    label,
    round(med(v, 'p50')),
    round(med(v, 'p99')),
    round(med(v, 'cpu')),
    round(med(v, 'heapKiB')),
    `${med(v, 'lost')} / ${3 * CLIENTS}`,
  ];
  const ratio = (k: keyof Sample) => round(med('hub', k) / med('bare', k));
  return {
    title: `Live hub: one topic, ${CLIENTS} SSE clients, ${BROADCASTS} broadcasts × ${ROUNDS} rounds (medians of rounds)`,
    columns: ['server', 'p50 ms (last client)', 'p99 ms', 'CPU ms / broadcast', 'heap+external KiB / conn', 'lost on reconnect'],
    rows: [
      row('bare', 'bare node:http loop'),
      row('hub', 'live hub (Fastify route)'),
      ['hub ÷ bare', ratio('p50'), ratio('p99'), ratio('cpu'), ratio('heapKiB'), ''],
    ],
    notes: [
      'goals: p99 ≤ 1.5× and CPU ≤ 2× the bare loop; no frame lost across a reconnect of every client (the bare loop has no replay)',
      `load average at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    ],
    data: samples,
  };
}
