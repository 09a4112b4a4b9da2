// What the live benchmarks (bench/live.ts, bench/jobs-live.ts) share: the bare `node:http` SSE
// loop they are measured against, the client process (bench/live-clients.child.ts, raw TCP
// sockets, driven over IPC) and one measured round (broadcasts, then a drop and a replay).
import { type ChildProcess, spawn } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVE_HEADERS } from '../../src/server/http/live';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LiveServer {
  port: number;
  /** publishes frame n; resolves once the server has handed it to every connection */
  broadcast(n: number): Promise<void>;
  subscribers(): number;
  close(): Promise<void>;
}

/** the baseline: a plain node:http SSE loop writing one pre-built frame to every response */
export async function bareServer(snapshotFields: string): Promise<LiveServer> {
  const subs = new Set<ServerResponse>();
  let current = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, LIVE_HEADERS);
    res.socket?.setNoDelay(true);
    res.write('retry: 3000\n\n');
    res.write(`id: ${current}\nevent: snapshot\ndata: {"n":${current},${snapshotFields}}\n\n`);
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

type Reply = { type: string; [k: string]: unknown };

/** the client process: N raw TCP connections (bench/live-clients.child.ts) */
export class LiveClients {
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

  static async start(): Promise<LiveClients> {
    // raise the open-files limit as far as allowed, then become node running the client script
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
        process.execPath,
        '--import',
        'tsx',
        path.join(here, '..', 'live-clients.child.ts'),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const c = new LiveClients(child);
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

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

export interface RoundSample {
  p50: number;
  p99: number;
  /** server CPU ms per broadcast (this process) */
  cpu: number;
  /** frames that never reached a client across the forced reconnect */
  lost: number;
  /** the last frame number sent */
  n: number;
}

/**
 * One round: `count` clients connect to `pathName`; `broadcasts` frames, each timed from publish
 * to the LAST client having it (hrtime, one clock for both processes) with this process's CPU;
 * then every client drops, 3 frames go out meanwhile, every client comes back with its
 * Last-Event-ID and we count the frames that never reached it. `connected` and `gone` run once
 * all are connected and once all are gone (e.g. to weigh memory per connection).
 */
export async function measureRound(
  server: LiveServer,
  clients: LiveClients,
  opts: { pathName: string; count: number; broadcasts: number; start?: number; connected?: () => void; gone?: () => void },
): Promise<RoundSample> {
  await clients.ask({ cmd: 'connect', port: server.port, path: opts.pathName, count: opts.count }, 'connected');
  opts.connected?.();
  let n = opts.start ?? 0;
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < opts.broadcasts; i++) {
    n++;
    await clients.ask({ cmd: 'watch', n }, 'ack');
    const t0 = process.hrtime.bigint();
    await server.broadcast(n);
    const done = await clients.expect('done');
    latencies.push(Number(BigInt(done.at as string) - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);
  await clients.ask({ cmd: 'drop' }, 'dropped');
  await until(() => server.subscribers() === 0);
  opts.gone?.();
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
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: (cpu.user + cpu.system) / 1000 / opts.broadcasts,
    lost: audit.lost as number,
    n,
  };
}
