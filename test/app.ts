import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { generateSecret } from 'otplib';
import { buildApp, type Services } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import { encryptField } from '../src/server/core/crypto/fields';
import { deriveKeys, type Keys } from '../src/server/core/crypto/keys';
import type { ModuleManifest } from '../src/server/core/modules/manifest';
import type { SmsProvider } from '../src/server/core/notify/sms';
import { type Database, migrateToLatest } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import type { SeededOrg } from '../src/server/seed/org';
import { testDatabase } from './db';

/** A real SMS provider for tests: keeps what would have been sent, so a test can read the code. */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: { phone: string; text: string }[] = [];
  async send(phone: string, text: string) {
    this.sent.push({ phone, text });
  }
  lastCode(phone: string): string {
    const m = [...this.sent]
      .reverse()
      .find((s) => s.phone === phone)
      ?.text.match(/(\d{6})/);
    if (!m?.[1]) throw new Error(`no SMS code sent to ${phone}`);
    return m[1];
  }
}

export interface Response {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route returned
  body: any;
  headers: Record<string, unknown>;
  cookies: { name: string; value: string }[];
  /** the body as bytes (downloads) */
  raw: Buffer;
}

/** Calls the app as one signed-in account (or anonymously), with its cookie and CSRF token. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    public cookie?: string,
    public csrf?: string,
    /** the caller's address, so rate limits per IP can be exercised (or kept apart) */
    readonly ip = '127.0.0.1',
  ) {}

  async request(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `linli_sid=${this.cookie}`;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: h, remoteAddress: this.ip });
    const type = String(res.headers['content-type'] ?? '');
    const setCookie = res.cookies.find((c) => c.name === 'linli_sid');
    if (setCookie) this.cookie = setCookie.value || undefined;
    return {
      status: res.statusCode,
      body: type.includes('json') ? res.json() : res.body,
      headers: res.headers,
      cookies: res.cookies,
      raw: res.rawPayload,
    };
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** after signing in through the API, pick up the session's CSRF token */
  async refreshCsrf(): Promise<void> {
    const me = await this.get('/api/auth/me');
    this.csrf = me.body.csrfToken;
  }
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: Database & { url: string };
  keys: Keys;
  org: SeededOrg;
  sms: RecordingSms;
  dataDir: string;
  /** delivers every due outbox message now (the background sender is off in tests) */
  drain(): ReturnType<Services['sender']['drain']>;
  anon(ip?: string): Client;
  /** a complete session for a demo account (second factor already passed) */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * `env`: extra settings, e.g. `SMTP_URL` of a test's own mail server; `database`: one the test
 * opened itself (e.g. a SQLite file rather than memory), migrated here.
 */
export async function testApp(
  opts: { env?: Record<string, string>; modules?: readonly ModuleManifest<unknown>[]; database?: Database & { url: string } } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await testDatabase());
  // a module the template database was not migrated with (the tiny test module) brings its tables now
  if (opts.modules || opts.database) await migrateToLatest(database.db, allMigrations(opts.modules));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-test-'));
  const keys = deriveKeys(randomBytes(32));
  const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'silent', ...opts.env });
  const sms = new RecordingSms();
  const { app, services } = await buildApp({ config, database, keys, sms, logger: false, backgroundSender: false, modules: opts.modules });
  await app.ready();
  const { org } = await seedDemo(database.db);
  const db = database.db;
  return {
    app,
    services,
    database,
    keys,
    org,
    sms,
    dataDir,
    drain: () => services.sender.drain(),
    anon: (ip?: string) => new Client(app, undefined, undefined, ip),
    async as(username: string) {
      const account = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
      if (!account.totp_enabled) {
        await db
          .updateTable('accounts')
          .set({ totp_enabled: 1, totp_secret: encryptField(keys.field, generateSecret()) })
          .where('id', '=', account.id)
          .execute();
      }
      const token = await services.auth.createSession(db, account.id, account.subdistrict_id, { ip: '127.0.0.1', userAgent: 'test' });
      await db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
      const client = new Client(app, token);
      await client.refreshCsrf();
      return client;
    },
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
