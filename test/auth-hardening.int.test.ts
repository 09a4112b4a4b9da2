import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generate, generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { encryptField } from '../src/server/core/crypto/fields';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { Client, RecordingSms, type TestApp, testApp } from './app';

// Issue #7 §4 / #15 §4: the holes in sign-in, each shown by a test that failed before its fix.

const SAME_ANSWER = '账号或密码错误，或账号已被锁定';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

let ipSeq = 0;
/** every request from its own address, so the per-address limits stay out of the way */
const freshIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
async function signIn(username: string, password = DEMO_PASSWORD) {
  const c = t.anon(freshIp());
  const res = await c.post('/api/auth/login', { username, password });
  return { c, res };
}
const accountId = async (username: string) =>
  (await t.database.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** gives a demo account a second factor whose secret the test knows */
async function withTotp(username: string): Promise<string> {
  const secret = generateSecret();
  await t.database.db
    .updateTable('accounts')
    .set({ totp_enabled: 1, totp_secret: encryptField(t.keys.field, secret) })
    .where('username', '=', username)
    .execute();
  return secret;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('lockout counts every failure, even concurrent ones', () => {
  it('10 wrong passwords at once lock the account: the right one is refused after them', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => signIn('jobs', 'Wrong-Password-99')));
    expect(results.map((r) => r.res.status)).toEqual(Array(10).fill(401));
    const right = await signIn('jobs');
    expect(right.res.status).toBe(401);
    const row = await t.database.db.selectFrom('accounts').select('locked_until').where('username', '=', 'jobs').executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });
});

describe('every sign-in failure answers alike', () => {
  it('wrong password, unknown account, locked and disabled accounts (with the right password) get one status and message', async () => {
    const sys = await t.as('sysadmin');
    const disabledId = await accountId('training');
    expect((await sys.patch(`/api/accounts/${disabledId}`, { disabled: true })).status).toBe(200);
    await t.database.db
      .updateTable('accounts')
      .set({ locked_until: new Date(Date.now() + 3_600_000).toISOString() })
      .where('username', '=', 'party')
      .execute();
    const answers = [
      await signIn('care', 'Wrong-Password-99'),
      await signIn('nobody-here', DEMO_PASSWORD),
      await signIn('party', DEMO_PASSWORD),
      await signIn('training', DEMO_PASSWORD),
    ];
    for (const a of answers) {
      expect(a.res.status).toBe(401);
      expect(a.res.body.error).toMatchObject({ code: 'BAD_CREDENTIALS', message: SAME_ANSWER });
    }
  });
});

describe('a session that has not passed its second factor', () => {
  it('can only finish that step or sign out: no password change, no new TOTP secret', async () => {
    await withTotp('auditor');
    const { c, res } = await signIn('auditor');
    expect(res.status).toBe(200);
    await c.refreshCsrf();
    expect((await c.get('/api/auth/me')).body.pending).toBe('mfa');
    const change = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Quiet-River-7315' });
    expect(change.status).toBe(403);
    expect(change.body.error.code).toBe('PENDING_STEP');
    expect((await c.post('/api/auth/totp/setup')).status).toBe(403);
    expect((await c.post('/api/auth/totp/enable', { code: '123456' })).status).toBe(403);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
  });

  it('a TOTP code works once, across sessions too; an earlier one is refused after a later one', async () => {
    const secret = await withTotp('secadmin');
    const a = await signIn('secadmin');
    const b = await signIn('secadmin');
    await a.c.refreshCsrf();
    await b.c.refreshCsrf();
    const code = await generate({ secret });
    expect((await a.c.post('/api/auth/totp/verify', { code })).status).toBe(200);
    const replay = await b.c.post('/api/auth/totp/verify', { code });
    expect(replay.status).toBe(400);
    expect(replay.body.error.fields[0].path).toBe('code');
    // the next time-step's code passes; then the current step's is refused (it is earlier)
    const next = await generate({ secret, epoch: nowSeconds() + 30 });
    expect((await b.c.post('/api/auth/totp/verify', { code: next })).status).toBe(200);
    const c2 = await signIn('secadmin');
    await c2.c.refreshCsrf();
    expect((await c2.c.post('/api/auth/totp/verify', { code })).status).toBe(400);
  });

  it('two sessions racing with one code: one gets in', async () => {
    const secret = await withTotp('zhonghua');
    const a = await signIn('zhonghua');
    const b = await signIn('zhonghua');
    await a.c.refreshCsrf();
    await b.c.refreshCsrf();
    const code = await generate({ secret });
    const answers = await Promise.all([a.c.post('/api/auth/totp/verify', { code }), b.c.post('/api/auth/totp/verify', { code })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('wrong TOTP codes lock the account like wrong passwords', async () => {
    const secret = await withTotp('care');
    const { c } = await signIn('care');
    await c.refreshCsrf();
    const right = await generate({ secret });
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/totp/verify', { code: wrong })).status).toBe(400);
    // locked: this session is ended, and the password no longer signs in
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const again = await signIn('care');
    expect(again.res.status).toBe(401);
    expect(again.res.body.error.message).toBe(SAME_ANSWER);
  });
});

describe('passwords', () => {
  it('refuses the previous 5 passwords and names of the place', async () => {
    const sys = await t.as('sysadmin');
    const created = await sys.post('/api/accounts', {
      username: 'histuser',
      displayName: '历史',
      initialPassword: 'Temp-Start-4821',
      roles: [{ role: 'care_staff', orgId: t.org.subdistrictId }],
    });
    expect(created.status).toBe(200);
    const { c } = await signIn('histuser', 'Temp-Start-4821');
    await c.refreshCsrf();
    const place = await c.post('/api/auth/password', { currentPassword: 'Temp-Start-4821', newPassword: 'Xiaodongmen1!x' });
    expect(place.status).toBe(400);
    expect(place.body.error.fields[0]).toEqual({ path: 'newPassword', message: expect.stringContaining('地名') });
    const chain = ['Quiet-River-7315', 'Amber-Field-2468', 'Slow-Cloud-9137', 'Green-Stone-5821', 'Warm-Lamp-6403'];
    let current = 'Temp-Start-4821';
    for (const next of chain) {
      const res = await c.post('/api/auth/password', { currentPassword: current, newPassword: next });
      expect(res.status, next).toBe(200);
      current = next;
    }
    // the first of the five is still remembered; the initial one (the sixth back) no longer is
    const reused = await c.post('/api/auth/password', { currentPassword: current, newPassword: chain[0] });
    expect(reused.status).toBe(400);
    expect(reused.body.error.fields[0]).toEqual({ path: 'newPassword', message: expect.stringContaining('最近 5 次') });
    expect((await c.post('/api/auth/password', { currentPassword: current, newPassword: 'Temp-Start-4821' })).status).toBe(200);
    // an administrator's reset obeys the same history
    const reset = await sys.post(`/api/accounts/${created.body.id}/reset-password`, { newPassword: 'Warm-Lamp-6403' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.fields[0].path).toBe('newPassword');
    expect((await sys.post(`/api/accounts/${created.body.id}/reset-password`, { newPassword: 'Brisk-Wind-3719' })).status).toBe(200);
  });
});

describe('SMS sign-in codes', () => {
  it('a flood from one address cannot stop the owner signing in from another', async () => {
    const phone = '13600002222';
    const attacker = t.anon('203.0.113.9');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attacker.post('/api/auth/sms/request', { phone })).status);
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((s) => s === 429)).toBe(true);
    // another address, the same minute: the owner gets a code and signs in
    const owner = t.anon('198.51.100.20');
    expect((await owner.post('/api/auth/sms/request', { phone })).status).toBe(200);
    await t.drain();
    const code = t.sms.lastCode(phone);
    expect((await owner.post('/api/auth/sms/verify', { phone, code })).status).toBe(200);
  });

  it('a code asked for later by someone else does not void the owner’s', async () => {
    const phone = '13600004444';
    const owner = t.anon(freshIp());
    expect((await owner.post('/api/auth/sms/request', { phone })).status).toBe(200);
    await t.drain();
    const ownerCode = t.sms.lastCode(phone);
    expect((await t.anon(freshIp()).post('/api/auth/sms/request', { phone })).status).toBe(200);
    await t.drain();
    expect((await owner.post('/api/auth/sms/verify', { phone, code: ownerCode })).status).toBe(200);
  });

  it('sign-in codes do not use up the notification cap', async () => {
    const phone = '13600003333';
    // ten codes from ten addresses: as many as the notification cap (LINLI_SMS_DAILY_CAP, 10)
    for (let i = 0; i < 10; i++) expect((await t.anon(freshIp()).post('/api/auth/sms/request', { phone })).status).toBe(200);
    await t.drain();
    const before = t.sms.sent.filter((s) => s.phone === phone).length;
    await t.database.db.transaction().execute((trx) =>
      t.services.core.notify.enqueue(trx, {
        subdistrictId: t.org.subdistrictId,
        to: { channel: 'sms', phone },
        template: '【邻里】{text}',
        variables: { text: '本周六上午社区义诊' },
        source: { module: 'test', type: 'notice' },
      }),
    );
    await t.drain();
    const sent = t.sms.sent.filter((s) => s.phone === phone);
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)?.text).toContain('义诊');
  });
});

describe('rate limits live in the database', () => {
  let second: { app: FastifyInstance; dataDir: string };
  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-test-'));
    const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dataDir, LINLI_LOG_LEVEL: 'silent' });
    const built = await buildApp({
      config,
      database: t.database,
      keys: t.keys,
      sms: new RecordingSms(),
      logger: false,
      backgroundSender: false,
    });
    await built.app.ready();
    second = { app: built.app, dataDir };
  });
  afterAll(async () => {
    await second.app.close();
    rmSync(second.dataDir, { recursive: true, force: true });
  });

  it('two app processes on one database share the sign-in limit of an address', async () => {
    const ip = '192.0.2.150';
    const one = t.anon(ip);
    const two = new Client(second.app, undefined, undefined, ip);
    for (let i = 0; i < 5; i++) {
      expect((await one.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' })).status).toBe(401);
      expect((await two.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' })).status).toBe(401);
    }
    const over = await two.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' });
    expect(over.status).toBe(429);
    expect(over.body.error.message).toContain('操作过于频繁');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await one.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' })).status).toBe(429);
  });
});
