import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { deriveKeys } from '../src/server/core/crypto/keys';
import type { Database } from '../src/server/db/index';
import { testDatabase } from './db';

// The server hands the built web apps out: files as they are, any other page address to the app
// that routes it on the client (phone pages under /m), and still JSON 404s under /api.
describe('serving the built web apps', () => {
  let app: FastifyInstance;
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'linli-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<html>admin</html>');
    writeFileSync(path.join(dir, 'mobile.html'), '<html>phone</html>');
    writeFileSync(path.join(dir, 'assets/app.js'), 'console.log(1)');
    // what the build's pre-compression step writes beside each asset (vite.config.ts)
    const big = `console.log(${JSON.stringify('邻里'.repeat(2000))})`;
    writeFileSync(path.join(dir, 'assets/big-Ab12Cd34.js'), big);
    writeFileSync(path.join(dir, 'assets/big-Ab12Cd34.js.br'), brotliCompressSync(big));
    writeFileSync(path.join(dir, 'assets/big-Ab12Cd34.js.gz'), gzipSync(big));
    database = await testDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, LINLI_LOG_LEVEL: 'silent' });
    ({ app } = await buildApp({ config, database, keys: deriveKeys(randomBytes(32)), logger: false, webDir: dir }));
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the admin app for its pages', async () => {
    for (const url of ['/', '/org', '/login/mfa-setup', '/accounts?page=2']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('admin');
    }
  });

  it('serves the phone pages under /m', async () => {
    for (const url of ['/m', '/m/login', '/m/home?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('phone');
    }
  });

  it('forbids framing and foreign scripts on every page, and keeps the API docs out of production', async () => {
    for (const url of ['/', '/m/login', '/index.html']) {
      const res = await app.inject({ url });
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
      expect(String(res.headers['content-security-policy']), url).toContain("script-src 'self'");
    }
    expect((await app.inject({ url: '/api/health' })).headers['content-security-policy']).toBeUndefined();
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBe(200);
    const prod = await buildApp({
      config: loadConfig({ NODE_ENV: 'production', LINLI_DATA_DIR: dir, LINLI_LOG_LEVEL: 'silent' }),
      database,
      keys: deriveKeys(randomBytes(32)),
      logger: false,
      webDir: dir,
    });
    try {
      expect((await prod.app.inject({ url: '/api/docs' })).statusCode).toBe(404);
      expect((await prod.app.inject({ url: '/api/docs/json' })).statusCode).toBe(404);
    } finally {
      await prod.app.close();
    }
  });

  it('serves files, and a missing file or API path is a JSON 404', async () => {
    expect((await app.inject({ url: '/assets/app.js' })).body).toContain('console.log');
    for (const url of ['/assets/missing.js', '/api/nothing-here']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('sends the pre-compressed file a browser accepts, and the plain one to others', async () => {
    const br = await app.inject({ url: '/assets/big-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('邻里');
    expect((await app.inject({ url: '/assets/big-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe(
      'gzip',
    );
    const plain = await app.inject({ url: '/assets/big-Ab12Cd34.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('邻里');
  });

  it('lets browsers keep hashed assets for a year, and checks the pages every time', async () => {
    expect((await app.inject({ url: '/assets/big-Ab12Cd34.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/m/login', '/people/123']) {
      expect((await app.inject({ url })).headers['cache-control'], url).toBe('no-cache');
    }
  });
});
