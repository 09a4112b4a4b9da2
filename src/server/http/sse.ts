import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../core/events/bus';

const HEARTBEAT_MS = 25_000;
const COALESCE_MS = 200;

/**
 * Prefer the live hub (`openLiveStream` in http/live.ts): one load per event for all watchers,
 * replay after a reconnect, streams that end with their session. This older helper re-reads
 * the snapshot once per subscriber per event.
 *
 * Server-sent events for a live page: sends `snapshot()` at once and again after each event on
 * `topic` (several events close together are sent as one). The snapshot is read through the
 * caller's own scoped service call, so an event never carries data to someone who may not see it.
 */
export async function sendEvents(req: FastifyRequest, reply: FastifyReply, bus: EventBus, topic: string, snapshot: () => Promise<unknown>) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const send = async () => {
    timer = null;
    if (closed) return;
    try {
      res.write(`event: snapshot\ndata: ${JSON.stringify(await snapshot())}\n\n`);
    } catch (err) {
      req.log.warn({ err }, 'event stream snapshot failed');
      res.write('event: error\ndata: {}\n\n');
    }
  };
  const off = bus.subscribe(topic, () => {
    timer ??= setTimeout(send, COALESCE_MS);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.raw.on('close', () => {
    closed = true;
    off();
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
  });
  await send();
}
