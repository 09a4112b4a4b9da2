import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Foreground } from './foreground';

let server: http.Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

/** a server whose answers wait until the test lets them go */
async function serve(fg: Foreground) {
  const open: http.ServerResponse[] = [];
  server = http.createServer((_req, res) => {
    open.push(res);
  });
  fg.track(server);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const ask = (headers: Record<string, string> = {}) => {
    const req = http.get({ port, host: '127.0.0.1', headers });
    req.on('error', () => {});
    return req;
  };
  const arrived = async (n: number) => {
    while (open.length < n) await new Promise((r) => setImmediate(r));
  };
  return { open, ask, arrived };
}

describe('Foreground', () => {
  it('holds background work while a request is being answered, and lets it go when the answer is sent', async () => {
    const fg = new Foreground();
    const s = await serve(fg);
    s.ask();
    await s.arrived(1);
    expect(fg.active).toBe(1);
    let moved = false;
    const step = fg.giveWay().then(() => {
      moved = true;
    });
    // a few turns of the event loop: still waiting for the answer
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(moved).toBe(false);
    s.open[0]?.end('ok');
    await step;
    expect(moved).toBe(true);
    expect(fg.active).toBe(0);
  });

  it('never holds it for long: a request left open lets one step through at a time', async () => {
    const fg = new Foreground();
    const s = await serve(fg);
    s.ask();
    await s.arrived(1);
    await fg.giveWay();
    expect(fg.active).toBe(1);
  });

  it('does not count event streams, which stay open for hours', async () => {
    const fg = new Foreground();
    const s = await serve(fg);
    s.ask({ accept: 'text/event-stream' });
    s.ask();
    await s.arrived(2);
    expect(fg.active).toBe(1);
  });
});
