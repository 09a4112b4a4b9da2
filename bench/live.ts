// `npm run bench live`: the live hub fanning one topic out to N server-sent-event clients, beside a
// bare `node:http` SSE loop writing the same frames to the same clients, in the same run.
//
// This process is the server (both variants, one after the other); the clients live in one child
// process (bench/live-clients.child.ts), raw TCP sockets. Per variant and round:
// - latency: publish → the LAST client has the frame (hrtime, one clock for both processes), over
//   BENCH_BROADCASTS broadcasts, p50 and p99;
// - server CPU per broadcast (process.cpuUsage of this process over the broadcasts);
// - memory per connection (heap + external after GC: all connected minus all gone, same process);
// - a forced reconnect of every client: 3 frames published while all are away, then every client
//   reconnects (with Last-Event-ID) and we count the frames that never reached it.
// Medians over BENCH_ROUNDS rounds (variants alternate within a round).
import { type ChildProcess, spawn } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { Actor } from '../src/server/core/access/actor';
import type { RequestContext } from '../src/server/core/context';
import { EventBus } from '../src/server/core/events/bus';
import { LiveHub } from '../src/server/core/events/live-hub';
import type { DbDialect } from '../src/server/db/dialect/index';
import { LIVE_HEADERS, openLiveStream } from '../src/server/http/live';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TITLE = '元旦电话慰问';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Server {
  port: number;
  /** publishes frame n; resolves once the server has handed it to every connection */
  broadcast(n: number): Promise<void>;
  subscribers(): number;
  close(): Promise<void>;
}

/** the baseline: a plain node:http SSE loop writing one pre-built frame to every response */
async function bareServer(): Promise<Server> {
  const subs = new Set<ServerResponse>();
  let current = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, LIVE_HEADERS);
    res.socket?.setNoDelay(true);
    res.write('retry: 3000\n\n');
    res.write(`id: ${current}\nevent: snapshot\ndata: {"n":${current},"title":${JSON.stringify(TITLE)}}\n\n`);
    subs.add(res);
    res.on('close', () => subs.delete(res));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    port: (server.address() as AddressInfo).port,
    async broadcast(n) {
      current = n;
      const frame = `id: ${n}\nevent: delta\ndata: {"n":${n}}\n\n`;
      for (const res of subs) res.write(frame);
    },
    subscribers: () => subs.size,
    async close() {
      for (const res of subs) res.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

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
async function hubServer(): Promise<Server> {
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

// ---- the client process ---------------------------------------------------------------------

type Reply = { type: string; [k: string]: unknown };

class Clients {
  private readonly queue: Reply[] = [];
  private waiter: ((m: Reply) => void) | null = null;
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: Reply) => {
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(m);
      } else this.queue.push(m);
    });
  }

  static async start(): Promise<Clients> {
    // raise the open-files limit as far as allowed, then become node running the client script
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
        process.execPath,
        '--import',
        'tsx',
        path.join(here, 'live-clients.child.ts'),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const c = new Clients(child);
    await c.expect('ready');
    return c;
  }

  next(): Promise<Reply> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((r) => {
      this.waiter = r;
    });
  }

  async expect(type: string): Promise<Reply> {
    for (;;) {
      const m = await this.next();
      if (m.type === type) return m;
    }
  }

  async ask(cmd: Record<string, unknown>, reply: string): Promise<Reply> {
    this.child.send(cmd);
    return this.expect(reply);
  }

  stop(): void {
    this.child.kill();
  }
}

interface Sample {
  p50: number;
  p99: number;
  cpu: number;
  heapKiB: number;
  lost: number;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external };
};

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

async function runOne(make: () => Promise<Server>, clients: Clients, pathName: string): Promise<Sample> {
  const server = await make();
  await clients.ask({ cmd: 'connect', port: server.port, path: pathName, count: CLIENTS }, 'connected');
  const connected = memory();
  let n = 0;
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < BROADCASTS; i++) {
    n++;
    await clients.ask({ cmd: 'watch', n }, 'ack');
    const t0 = process.hrtime.bigint();
    await server.broadcast(n);
    const done = await clients.expect('done');
    latencies.push(Number(BigInt(done.at as string) - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);

  // every client drops; 3 frames go out meanwhile; every client comes back with its Last-Event-ID
  await clients.ask({ cmd: 'drop' }, 'dropped');
  await until(() => server.subscribers() === 0);
  // what the connections held: connected minus gone, in the same warm process
  const gone = memory();
  const missed: number[] = [];
  for (let k = 0; k < 3; k++) {
    n++;
    missed.push(n);
    await server.broadcast(n);
  }
  await clients.ask({ cmd: 'reconnect', lastEventId: true }, 'reconnected');
  n++;
  await clients.ask({ cmd: 'audit', expect: missed, marker: n }, 'ack');
  await server.broadcast(n);
  const audit = await clients.expect('audited');
  await clients.ask({ cmd: 'close' }, 'closed');
  await server.close();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: (cpu.user + cpu.system) / 1000 / BROADCASTS,
    heapKiB: (connected.heap - gone.heap) / 1024 / CLIENTS,
    lost: audit.lost as number,
  };
}

export default async function liveBench(): Promise<BenchResult> {
  const clients = await Clients.start();
  const samples: Record<'bare' | 'hub', Sample[]> = { bare: [], hub: [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // alternate which goes first, so neither always gets the warmer process
      const order: ('bare' | 'hub')[] = r % 2 ? ['hub', 'bare'] : ['bare', 'hub'];
      for (const v of order) {
        const s = await runOne(v === 'bare' ? bareServer : hubServer, clients, v === 'bare' ? '/' : '/live');
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
