import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/access/actor';
import { forbidden, unauthorized } from '../core/errors';
import type { LiveHub } from '../core/events/live-hub';
import { permissionsOf, type RouteAccess, sessionCookieName } from './guard';

export const LIVE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and friends: pass each frame on at once
  'x-accel-buffering': 'no',
} as const;

/**
 * Opens a live-hub stream of topic `key` of `kind` on this reply: scope checked now (an error
 * answers as any route's would), then server-sent events until the client goes away, its
 * session ends or its grants no longer allow it. Resumes from `Last-Event-ID` (header, or the
 * `lastEventId` query parameter for clients that cannot set headers).
 */
export async function openLiveStream(req: FastifyRequest, reply: FastifyReply, hub: LiveHub, kind: string, key: string): Promise<void> {
  const actor = req.ctx.actor;
  if (!actor) throw unauthorized();
  const token = req.cookies[sessionCookieName(req)];
  const access = (req.routeOptions.config as { access?: RouteAccess }).access;
  const permissions = access ? permissionsOf(access) : [];
  // the route's own check, again, against the session as it is now
  const reauth = async (): Promise<Actor | null> => {
    const now = token ? await hub.sessionActor(token) : null;
    if (!now) return null;
    if (!permissions.every((p) => now.permissions.has(p))) throw forbidden();
    return now;
  };
  const opened = await hub.open(kind, key, actor, reauth);
  const header = req.headers['last-event-id'];
  const query = (req.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const lastEventId = typeof header === 'string' ? header : typeof query === 'string' ? query : null;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, LIVE_HEADERS);
  res.socket?.setNoDelay(true);
  opened.attach(res, lastEventId);
}
