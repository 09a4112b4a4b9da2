import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { deriveKeys, keyFingerprint, MASTER_KEY_FILE } from '../src/server/core/crypto/keys';
import { FilesService } from '../src/server/core/files/files.service';
import { Outbox } from '../src/server/core/notify/outbox';
import { type Database, openDatabase } from '../src/server/db/index';
import { allMigrationNames } from '../src/server/modules/index';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo';
import type { SeededOrg } from '../src/server/seed/org';
import { linli } from './cli';
import { TEST_DB } from './db';
import { buildBeneficiary, buildCampaign } from './factories';
import { freePort } from './pg-cluster';
import { type HttpReceiver, startHttpReceiver } from './receivers';
import { samplePdf } from './sample-files';
import { SseStream } from './sse';
import { idNumber, multipart, personRow, xlsxBuffer } from './xlsx';

// Issue #15: several app processes on one PostgreSQL. Real processes (`main.ts start`), each with
// its own data folder and the same master key. On SQLite a database belongs to one process, so
// the same checks run against one process: "B" is A there, and nothing changes for the user.
const MULTI = TEST_DB === 'postgres';

const ROOT = path.resolve(import.meta.dirname, '..');
const MASTER = randomBytes(32).toString('hex');

interface Proc {
  name: string;
  child: ChildProcess;
  base: string;
  dataDir: string;
  output: () => string;
}

let dir: string;
let url: string;
let env: Record<string, string>;
let receiver: HttpReceiver;
let database: Database;
let org: SeededOrg;
let A: Proc;
let B: Proc;
const running: Proc[] = [];

/** Starts `linli start` in a child process; resolves once it says it listens, rejects if it exits first. */
async function startProcess(name: string, extra: Record<string, string> = {}): Promise<Proc> {
  const dataDir = path.join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LINLI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const proc: Proc = { name, child, base: `http://127.0.0.1:${port}`, dataDir, output: () => out };
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (out.includes('已启动')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${out}`)));
  });
  running.push(proc);
  return proc;
}

async function stopProcess(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill('SIGTERM');
  await exited;
  running.splice(running.indexOf(p), 1);
}

/** A browser's view of one process: its cookie jar of one session cookie, and the CSRF token. */
class Session {
  cookie = '';
  csrf = '';
  async call(p: Proc, method: string, route: string, body?: Buffer | object, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    let payload: Blob | string | undefined;
    if (Buffer.isBuffer(body)) payload = new Blob([new Uint8Array(body)]);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(`${p.base}${route}`, { method, headers: h, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] as string;
    const type = res.headers.get('content-type') ?? '';
    // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the route answered
    const json: any = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: json };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-multi-'));
  receiver = await startHttpReceiver();
  if (MULTI) {
    // an empty database, never migrated: the processes starting together migrate it, once
    const adminUrl = inject('pgAdminUrl');
    const name = `t_${randomBytes(8).toString('hex')}`;
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    url = adminUrl.replace(/\/postgres$/, `/${name}`);
  } else {
    url = `sqlite:${path.join(dir, 'linli.db')}`;
  }
  env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    LINLI_MASTER_KEY: MASTER,
    LINLI_LOG_LEVEL: 'silent',
    LINLI_NOTIFY_POLL_SECONDS: '1',
  };
  // A and B start at the same moment on the empty database
  if (MULTI) [A, B] = await Promise.all([startProcess('a'), startProcess('b')]);
  else {
    A = await startProcess('a');
    B = A;
  }
  database = openDatabase(MULTI ? { database: { kind: 'postgres', url } } : { database: { kind: 'sqlite', file: url.slice(7) } });
  // production start seeds nothing: the demo subdistrict comes from here
  ({ org } = await seedDemo(database.db));
}, 120_000);

afterAll(async () => {
  for (const p of [...running]) await stopProcess(p);
  await database?.close();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(MULTI ? 'two app processes on one PostgreSQL' : 'one app process on SQLite (B is A)', () => {
  it('migrated the database once and recorded the check value of the master key, not the key', async () => {
    const applied = await database.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(applied.map((r) => (r as { name: string }).name).sort()).toEqual(allMigrationNames());
    const check = (await database.db
      .selectFrom('key_check' as never)
      .selectAll()
      .execute()) as {
      check_value: string;
      fingerprint: string;
    }[];
    expect(check).toHaveLength(1);
    expect(check[0]?.fingerprint).toBe(keyFingerprint(Buffer.from(MASTER, 'hex')));
    expect(check[0]?.check_value).not.toContain(MASTER);
    // neither process wrote a key file of its own
    expect(existsSync(path.join(A.dataDir, MASTER_KEY_FILE))).toBe(false);
    expect(existsSync(path.join(B.dataDir, MASTER_KEY_FILE))).toBe(false);
  });

  it('a session made on A works on B, and lists (encrypted fields) read the same on both', async () => {
    const s = new Session();
    expect((await s.call(A, 'POST', '/api/auth/login', { username: 'registry', password: DEMO_PASSWORD })).status).toBe(200);
    const onB = await s.call(B, 'GET', '/api/auth/me');
    expect(onB.status).toBe(200);
    expect(onB.body.account.username).toBe('registry');
    s.csrf = onB.body.csrfToken;
    const listA = await s.call(A, 'GET', '/api/people?page=1&pageSize=20');
    const listB = await s.call(B, 'GET', '/api/people?page=1&pageSize=20');
    expect(listB.status).toBe(200);
    expect(listB.body).toEqual(listA.body);
    // signing out on B ends the session on A too
    expect((await s.call(B, 'POST', '/api/auth/logout', {})).status).toBe(200);
    expect((await s.call(A, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('an import uploaded through A is previewed and committed through B', async () => {
    const s = new Session();
    await s.call(A, 'POST', '/api/auth/login', { username: 'registry', password: DEMO_PASSWORD });
    s.csrf = (await s.call(A, 'GET', '/api/auth/me')).body.csrfToken;
    const m = multipart(
      '居民.xlsx',
      await xlsxBuffer([
        personRow({ name: '跨进程甲', id: idNumber('19560314', 201) }),
        personRow({ name: '跨进程乙', id: idNumber('19600520', 202) }),
      ]),
    );
    const up = await s.call(A, 'POST', '/api/imports/people', m.payload, m.headers);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.status).toBe('previewed');
    const preview = await s.call(B, 'GET', `/api/imports/people/${up.body.id}`);
    expect(preview.status).toBe(200);
    const committed = await s.call(B, 'POST', `/api/imports/people/${up.body.id}/commit`, {});
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    expect(committed.body.status).toBe('committed');
    expect(committed.body.report.ok).toBe(true);
    // and it is in the list A serves
    const list = await s.call(A, 'GET', `/api/people?page=1&pageSize=20&q=${encodeURIComponent('跨进程甲')}`);
    expect(list.body.items.map((p: { name: string }) => p.name)).toContain('跨进程甲');
    // a second commit, on either process, is refused in words
    const again = await s.call(A, 'POST', `/api/imports/people/${up.body.id}/commit`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已经导入');
  });

  it('a file stored by one process (its own data folder) is read by another', async () => {
    // No route stores plain files yet (no module attaches any), so this is the files service of
    // two processes: separate connection pools, separate data folders, one database.
    const otherDb = openDatabase(MULTI ? { database: { kind: 'postgres', url } } : { database: { kind: 'sqlite', file: url.slice(7) } });
    const kind = MULTI ? 'database' : 'folder';
    const onA = new FilesService(database.db, A.dataDir, 20 * 1024 * 1024, kind);
    const onB = new FilesService(otherDb.db, B.dataDir, 20 * 1024 * 1024, kind);
    try {
      const data = Buffer.concat([samplePdf('across'), Buffer.alloc(600 * 1024, 0x41)]);
      const received = await onA.blobs.receive(Readable.from([data]), 20 * 1024 * 1024);
      await onA.blobs.commit(received);
      const parts: Buffer[] = [];
      for await (const c of onB.blobs.open(received.sha256)) parts.push(c as Buffer);
      expect(Buffer.concat(parts).equals(data)).toBe(true);
    } finally {
      await otherDb.close();
    }
  });

  it('counts wrong passwords and SMS code requests once across A and B', async () => {
    // five wrong passwords, three through A and two through B, lock the account on both
    for (const p of [A, B, A, B, A]) {
      expect((await new Session().call(p, 'POST', '/api/auth/login', { username: 'zhonghua', password: 'Wrong-Password-1' })).status).toBe(
        401,
      );
    }
    const locked = await database.db
      .selectFrom('accounts')
      .select('locked_until')
      .where('username', '=', 'zhonghua')
      .executeTakeFirstOrThrow();
    expect(locked.locked_until).not.toBeNull();
    expect((await new Session().call(B, 'POST', '/api/auth/login', { username: 'zhonghua', password: DEMO_PASSWORD })).status).toBe(401);
    // a second code for the same phone within the minute is refused by the other process too
    expect((await new Session().call(A, 'POST', '/api/auth/sms/request', { phone: '13700002222' })).status).toBe(200);
    const again = await new Session().call(B, 'POST', '/api/auth/sms/request', { phone: '13700002222' });
    expect(again.status).toBe(429);
    expect(again.body.error.message).toContain('1 分钟');
  });

  it('a live event published through A reaches a stream opened on B', async () => {
    // the campaign is made by the services of a third, in-process app on the same database
    const keys = deriveKeys(Buffer.from(MASTER, 'hex'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LINLI_DATA_DIR: path.join(dir, 'c'), LINLI_LOG_LEVEL: 'silent' });
    const c = await buildApp({ config, database, keys, logger: false, backgroundSender: false });
    try {
      const t = { services: c.services, org };
      await buildBeneficiary(t);
      const campaign = await buildCampaign(t);
      const caller = new Session();
      await caller.call(A, 'POST', '/api/auth/login', { username: 'baidu', password: DEMO_PASSWORD });
      caller.csrf = (await caller.call(A, 'GET', '/api/auth/me')).body.csrfToken;
      const stream = await SseStream.open(`${B.base}/api/care/campaigns/${campaign.id}/events`, {
        cookie: caller.cookie.replace(/^[^=]+=/, ''),
      });
      try {
        expect(stream.status).toBe(200);
        const [snapshot] = await stream.count(1);
        const queue = await caller.call(A, 'GET', `/api/care/campaigns/${campaign.id}/queue`);
        const call = await caller.call(A, 'POST', `/api/care/tasks/${queue.body.items[0].taskId}/calls`, {
          clientKey: 'multi-process-1',
          outcome: 'reached',
          healthStatus: 'good',
          livingStatus: 'normal',
          mood: 'good',
          adviceGiven: true,
          followUp: false,
          needs: [],
        });
        expect(call.status, JSON.stringify(call.body)).toBe(200);
        const [, change] = await stream.count(2);
        expect(change?.id).not.toBe(snapshot?.id);
        expect(change?.data).toMatchObject({ reached: 1, pending: 0 });
      } finally {
        stream.close();
      }
    } finally {
      await c.app.close();
    }
  });

  it('1,000 queued messages are each sent exactly once with every sender running', async () => {
    const keys = deriveKeys(Buffer.from(MASTER, 'hex'));
    const outbox = new Outbox(keys, { maxAttempts: 6 });
    const webhook = `${receiver.base}/cgi-bin/webhook/send?key=multi`;
    const sd = (await database.db.selectFrom('org_units').select('id').where('kind', '=', 'subdistrict').executeTakeFirstOrThrow()).id;
    const before = receiver.received.length;
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1000; i++) {
        await outbox.enqueue(trx, { subdistrictId: sd, to: { channel: 'wecom', webhook }, template: `消息 ${i}` });
      }
    });
    // the senders poll every second; nobody wakes them
    await receiver.waitFor(before + 1000);
    // stopping waits for the messages in hand: after it, every row says what happened to it
    for (const p of MULTI ? [A, B] : [A]) await stopProcess(p);
    const bodies = receiver.received.slice(before).map((r) => r.json.text.content as string);
    expect(bodies).toHaveLength(1000);
    expect(new Set(bodies).size).toBe(1000);
    const rows = await database.db.selectFrom('notify_outbox').select(['status', 'attempts']).where('body', 'like', '消息 %').execute();
    expect(rows).toHaveLength(1000);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  }, 120_000);

  it('a process with another key, or with none, refuses to start and writes nothing; the audit chain stays whole', async () => {
    const other = randomBytes(32).toString('hex');
    const expected = keyFingerprint(Buffer.from(MASTER, 'hex'));
    const third = path.join(dir, 'c');
    const refused = linli(['start'], { ...env, LINLI_DATA_DIR: third, LINLI_MASTER_KEY: other, PORT: '0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('主密钥与数据库不符');
    expect(refused.stderr).toContain('master key does not match');
    expect(refused.stderr).toContain(expected);
    expect(refused.stderr).toContain('LINLI_MASTER_KEY');
    // a fresh process given no key does not make one: it refuses and names the key to bring
    const fourth = path.join(dir, 'd');
    const { LINLI_MASTER_KEY: _given, ...withoutKey } = env;
    const noKey = linli(['start'], { ...withoutKey, LINLI_DATA_DIR: fourth, PORT: '0' });
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('拒绝生成新密钥');
    expect(noKey.stderr).toContain(expected);
    expect(existsSync(path.join(fourth, MASTER_KEY_FILE))).toBe(false);
    // every other command checks the key too
    expect(linli(['audit', 'verify'], { ...env, LINLI_DATA_DIR: third, LINLI_MASTER_KEY: other }).status).toBe(1);
    expect(linli(['backup', path.join(dir, 'x.tar.gz')], { ...env, LINLI_DATA_DIR: third, LINLI_MASTER_KEY: other }).status).toBe(1);
    // the chain written by A and B (sign-ins, the import) verifies with the one key
    const verify = linli(['audit', 'verify'], { ...env, LINLI_DATA_DIR: path.join(dir, 'a') });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
