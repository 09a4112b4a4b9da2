import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '../../contracts/permissions';
import type { AuthService, LoadedSession } from '../core/auth/auth.service';
import type { RequestContext } from '../core/context';
import { AppError, forbidden, unauthorized } from '../core/errors';
import { isPermission } from '../core/modules/install';

/**
 * What a route asks of its caller:
 * - `public`: anyone (sign-in, health, the web app's files);
 * - `signed-in-partial`: a session still finishing sign-in (second factor, forced password change);
 * - `signed-in`: a complete session, any role;
 * - a permission: a complete session whose roles grant it (the scope is checked by the repository);
 * - several permissions: every one of them (a route declares all it needs, none is checked inside).
 */
export type RouteAccess = 'public' | 'signed-in-partial' | 'signed-in' | Permission | readonly Permission[];

/** the permissions a route asks for (none for public and signed-in routes) */
export function permissionsOf(access: RouteAccess): readonly Permission[] {
  if (Array.isArray(access)) return access;
  return access === 'public' || access === 'signed-in' || access === 'signed-in-partial' ? [] : [access as Permission];
}

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** every route with what it asks of its caller; the access tests walk it */
    routeTable: RouteInfo[];
  }
  interface FastifyRequest {
    session: LoadedSession | null;
    ctx: RequestContext;
  }
}

export const SESSION_COOKIE = 'linli_sid';
export const SECURE_SESSION_COOKIE = '__Host-linli_sid';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = request.protocol === 'https';
  reply.setCookie(sessionCookieName(request), token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), { path: '/', secure: request.protocol === 'https' });
}

/** Paths the app builds itself (the OpenAPI UI) or serves as files take `public` by default. */
function defaultAccess(url: string): RouteAccess | undefined {
  if (url.startsWith('/api/docs') || !url.startsWith('/api')) return 'public';
  return undefined;
}

async function guardPlugin(app: FastifyInstance, opts: { auth: AuthService }) {
  app.decorateRequest('session', null);
  app.decorate('routeTable', [] as RouteInfo[]);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const config = route.config as { access?: RouteAccess };
    config.access ??= defaultAccess(route.url);
    const access = config.access;
    const valid =
      access === 'public' ||
      access === 'signed-in' ||
      access === 'signed-in-partial' ||
      (Array.isArray(access) ? access.length > 0 && access.every(isPermission) : access !== undefined && isPermission(access as string));
    if (!valid) {
      throw new Error(`route ${route.method} ${route.url} declares no valid access (config.access): refusing to start`);
    }
    for (const method of [route.method].flat()) app.routeTable.push({ method, url: route.url, access: access as RouteAccess });
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookieName(request)];
    request.session = token ? await opts.auth.load(token) : null;
    request.ctx = {
      actor: request.session?.actor ?? null,
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    };
    const access = (request.routeOptions.config as { access?: RouteAccess }).access ?? 'public';
    if (access === 'public') return;
    const session = request.session;
    if (!session) throw unauthorized(token ? '登录已过期，请重新登录' : '请先登录');
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError(403, 'CSRF', '页面已过期，请刷新后重试');
    }
    if (access === 'signed-in-partial') return;
    if (session.pending) throw new AppError(403, 'PENDING_STEP', '请先完成登录步骤');
    if (access === 'signed-in') return;
    if (!permissionsOf(access).every((p) => session.actor.permissions.has(p))) throw forbidden();
  });
}

export const guard = fp(guardPlugin, { name: 'linli-guard' });
