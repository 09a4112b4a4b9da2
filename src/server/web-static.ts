import path from 'node:path';
import type { FastifyReply } from 'fastify';

const ASSETS = `${path.sep}assets${path.sep}`;

/**
 * Cache headers for the built web app. Vite names every file under assets/ by its content hash,
 * so a browser may keep those for a year without asking; the HTML pages that name them are
 * checked on every visit, so a new release shows at once.
 */
export function webCacheHeaders(reply: FastifyReply, filePath: string): void {
  reply.header('cache-control', filePath.includes(ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache');
  // the same address answers br, gzip or plain by Accept-Encoding (@fastify/static 10.0 does not say so itself)
  reply.header('vary', 'accept-encoding');
}

/**
 * Headers for every HTML page (admin app, phone pages, their fallbacks): no framing by other sites,
 * scripts only from this origin. antd writes its styles at run time, hence 'unsafe-inline' for
 * styles only. The OpenAPI page (development only) brings its own.
 */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
