// The clients of `npm run bench live`: N raw TCP connections speaking just enough HTTP/1.1 and
// server-sent events, in one process of their own. Commands and reports go over IPC.
//
//   parent → { cmd: 'connect', port, path, count }        ← { type: 'connected' } (every client has a frame)
//   parent → { cmd: 'watch', n }                          ← { type: 'ack' }, then { type: 'done', n, at } (the LAST client got frame n; at = hrtime ns)
//   parent → { cmd: 'drop' }                              ← { type: 'dropped' }     (every socket closed)
//   parent → { cmd: 'reconnect', lastEventId: boolean }   ← { type: 'reconnected' } (every client has its response headers)
//   parent → { cmd: 'audit', expect: number[], marker }   ← { type: 'ack' }, then { type: 'audited', lost } (after the marker reached all)
//   parent → { cmd: 'close' }                             ← { type: 'closed' }
import net from 'node:net';

interface Client {
  socket: net.Socket;
  buf: string;
  headersDone: boolean;
  lastId: string | null;
  seen: Set<number>;
  frames: number;
}

let port = 0;
let path = '/';
let clients: Client[] = [];
let watching: { n: number; left: number } | null = null;
let onFrameCheck: (() => void) | null = null;
let onHeadersCheck: (() => void) | null = null;
const send = (m: unknown) => process.send?.(m);
const N_RE = /"n":(\d+)/;

function connect(lastEventId: string | null): Client {
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  const c: Client = { socket, buf: '', headersDone: false, lastId: lastEventId, seen: new Set(), frames: 0 };
  socket.setEncoding('utf8');
  socket.on('connect', () => {
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n${lastEventId ? `Last-Event-ID: ${lastEventId}\r\n` : ''}\r\n`,
    );
  });
  socket.on('data', (chunk: string) => feed(c, chunk));
  socket.on('error', () => {});
  return c;
}

function feed(c: Client, chunk: string): void {
  c.buf += chunk;
  if (!c.headersDone) {
    const end = c.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    c.headersDone = true;
    c.buf = c.buf.slice(end + 4);
    onHeadersCheck?.();
  }
  let at = c.buf.indexOf('\n\n');
  while (at >= 0) {
    // a frame is written in one piece, so it is one HTTP chunk: the chunk-size lines fall between frames
    const block = c.buf.slice(0, at);
    c.buf = c.buf.slice(at + 2);
    at = c.buf.indexOf('\n\n');
    const dataAt = block.indexOf('data: ');
    if (dataAt < 0) continue;
    const idAt = block.indexOf('id: ');
    if (idAt >= 0) c.lastId = block.slice(idAt + 4, block.indexOf('\n', idAt));
    const m = N_RE.exec(block.slice(dataAt));
    if (!m) continue;
    const n = Number(m[1]);
    c.frames++;
    c.seen.add(n);
    if (watching && n === watching.n && --watching.left === 0) {
      const done = watching.n;
      watching = null;
      send({ type: 'done', n: done, at: process.hrtime.bigint().toString() });
    }
    if (c.frames === 1) onFrameCheck?.();
  }
}

process.on('message', (msg: { cmd: string; [k: string]: unknown }) => {
  switch (msg.cmd) {
    case 'connect': {
      port = msg.port as number;
      path = msg.path as string;
      const count = msg.count as number;
      clients = [];
      let ready = 0;
      onFrameCheck = () => {
        if (++ready === count) {
          onFrameCheck = null;
          send({ type: 'connected' });
        }
      };
      // a few hundred at a time: the listen backlog is finite
      let started = 0;
      const more = () => {
        const target = Math.min(count, ready + 400);
        while (started < target) {
          started++;
          clients.push(connect(null));
        }
        if (started < count) setTimeout(more, 5);
      };
      more();
      break;
    }
    case 'watch':
      watching = { n: msg.n as number, left: clients.length };
      send({ type: 'ack' });
      break;
    case 'drop': {
      let left = clients.length;
      for (const c of clients) {
        c.socket.once('close', () => {
          if (--left === 0) send({ type: 'dropped' });
        });
        c.socket.destroy();
      }
      break;
    }
    case 'reconnect': {
      const old = clients;
      let got = 0;
      onHeadersCheck = () => {
        if (++got === old.length) {
          onHeadersCheck = null;
          send({ type: 'reconnected' });
        }
      };
      clients = [];
      let i = 0;
      const more = () => {
        const target = Math.min(old.length, got + 400);
        for (; i < target; i++) clients.push(connect(msg.lastEventId ? (old[i]?.lastId ?? null) : null));
        if (i < old.length) setTimeout(more, 5);
      };
      more();
      break;
    }
    case 'audit': {
      const expect = msg.expect as number[];
      const marker = msg.marker as number;
      watching = { n: marker, left: clients.length };
      send({ type: 'ack' });
      const original = send;
      // report the losses once the marker (sent after the missed frames) reached every client
      const check = setInterval(() => {
        if (watching) return;
        clearInterval(check);
        let lost = 0;
        for (const c of clients) for (const n of expect) if (!c.seen.has(n)) lost++;
        original({ type: 'audited', lost });
      }, 2);
      break;
    }
    case 'close':
      for (const c of clients) c.socket.destroy();
      clients = [];
      send({ type: 'closed' });
      break;
  }
});
send({ type: 'ready' });
