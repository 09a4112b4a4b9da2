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
}
