import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  it('serves files, and a missing file or API path is a JSON 404', async () => {
    expect((await app.inject({ url: '/assets/app.js' })).body).toContain('console.log');
    for (const url of ['/assets/missing.js', '/api/nothing-here']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('NOT_FOUND');
    }
  });
});
