import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { Client, type TestApp, testApp } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

let ipSeq = 0;
/** each sign-in from its own address, so the per-IP limit does not mix into other tests */
async function signIn(username: string, password = DEMO_PASSWORD) {
  const c = t.anon(`10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`);
  const res = await c.post('/api/auth/login', { username, password });
  return { c, res };
}

describe('staff sign-in', () => {
  it('validates the body with Chinese messages naming the field', async () => {
    const res = await t.anon().post('/api/auth/login', { username: '', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields[0].path).toBe('username');
    expect(res.body.error.message).toBe('请输入账号');
  });

  it('signs in, sets an http-only SameSite cookie, and answers /me', async () => {
    const { c, res } = await signIn('care');
    expect(res.status).toBe(200);
    const cookie = res.cookies.find((x) => x.name === 'linli_sid') as unknown as Record<string, unknown>;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await c.get('/api/auth/me');
    expect(me.body.account.username).toBe('care');
    expect(me.body.pending).toBeNull();
    expect(me.body.permissions).toContain('care:manage');
  });

  it('says the same thing for an unknown account and a wrong password', async () => {
    const a = await signIn('nobody', 'Whatever-Pass-1');
    const b = await signIn('party', 'Whatever-Pass-1');
    expect(a.res.status).toBe(401);
    expect(b.res.body.error.message).toBe(a.res.body.error.message);
  });

  it('locks the account after 5 failures, even for the right password, and the security admin unlocks it', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('jobs', 'Wrong-Password-99')).res.status).toBe(401);
    // locked: the right password gets the answer a wrong one gets, so a lockout tells nothing
    const locked = await signIn('jobs');
    expect(locked.res.status).toBe(401);
    expect(locked.res.body.error.message).toBe('账号或密码错误，或账号已被锁定');
    const sec = await t.as('secadmin');
    const jobs = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'jobs').executeTakeFirstOrThrow();
    expect((await sec.post(`/api/accounts/${jobs.id}/unlock`)).status).toBe(200);
    expect((await signIn('jobs')).res.status).toBe(200);
  });

  it('limits sign-in attempts per address', async () => {
    const c = t.anon('192.0.2.77');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await c.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const last = await c.post('/api/auth/login', { username: 'nobody', password: 'Whatever-Pass-1' });
    expect(last.status).toBe(429);
    expect(last.body.error.message).toContain('操作过于频繁');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const { c } = await signIn('care');
    const noToken = await c.post('/api/auth/logout');
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('CSRF');
    await c.refreshCsrf();
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });
});

describe('first sign-in of an administrator', () => {
  it('forces a password change, then TOTP enrolment, before anything else', async () => {
    const sys = await t.as('sysadmin');
    const created = await sys.post('/api/accounts', {
      username: 'newstaff',
      displayName: '新同事',
      initialPassword: 'Temp-Start-4821',
      roles: [{ role: 'care_staff', orgId: t.org.subdistrictId }],
    });
    expect(created.status).toBe(200);
    await t.database.db.updateTable('account_roles').set({ role: 'auditadmin' }).where('account_id', '=', created.body.id).execute();

    const { c } = await signIn('newstaff', 'Temp-Start-4821');
    await c.refreshCsrf();
    let me = await c.get('/api/auth/me');
    expect(me.body.pending).toBe('password_change');
    expect((await c.get('/api/audit')).status).toBe(403);

    const weak = await c.post('/api/auth/password', { currentPassword: 'Temp-Start-4821', newPassword: 'password2024' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('newPassword');
    expect((await c.post('/api/auth/password', { currentPassword: 'Temp-Start-4821', newPassword: 'Quiet-River-7315' })).status).toBe(200);

    me = await c.get('/api/auth/me');
    expect(me.body.pending).toBe('mfa_setup');
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).status).toBe(400);
    const enableCode = await generate({ secret: setup.body.secret });
    expect((await c.post('/api/auth/totp/enable', { code: enableCode })).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.pending).toBeNull();
    expect((await c.get('/api/audit')).status).toBe(200);

    // next time: password, then the second factor
    const again = await signIn('newstaff', 'Quiet-River-7315');
    await again.c.refreshCsrf();
    expect((await again.c.get('/api/auth/me')).body.pending).toBe('mfa');
    expect((await again.c.get('/api/audit')).status).toBe(403);
    // the code that enabled TOTP was used up; the next time-step's code (within the allowed drift) passes
    expect((await again.c.post('/api/auth/totp/verify', { code: enableCode })).status).toBe(400);
    const next = await generate({ secret: setup.body.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await again.c.post('/api/auth/totp/verify', { code: next })).status).toBe(200);
    expect((await again.c.get('/api/audit')).status).toBe(200);
  });
});

describe('sessions end at once', () => {
  it('when the account is disabled, and when the security admin ends one', async () => {
    const staff = await t.as('training');
    const sys = await t.as('sysadmin');
    const sec = await t.as('secadmin');
    const id = (await staff.get('/api/auth/me')).body.account.id;
    const sessions = await sec.get(`/api/sessions?accountId=${id}`);
    expect(sessions.body.sessions.length).toBe(1);
    expect((await sec.delete(`/api/sessions/${sessions.body.sessions[0].id}`)).status).toBe(200);
    expect((await staff.get('/api/auth/me')).status).toBe(401);

    const staff2 = await t.as('training');
    expect((await sys.patch(`/api/accounts/${id}`, { disabled: true })).status).toBe(200);
    expect((await staff2.get('/api/auth/me')).status).toBe(401);
    const again = await signIn('training');
    expect(again.res.status).toBe(401);
    expect(again.res.body.error.message).toBe('账号或密码错误，或账号已被锁定');
  });

  it('after the idle timeout, but not while in use', async () => {
    const c = await t.as('party');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 29 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      vi.setSystemTime(Date.now() + 29 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      vi.setSystemTime(Date.now() + 31 * 60_000);
      const res = await c.get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.error.message).toContain('过期');
    } finally {
      vi.useRealTimers();
    }
  });

  it('after the absolute timeout, however active', async () => {
    const c = await t.as('party');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let q = 1; q <= 48; q++) {
        vi.setSystemTime(Date.now() + 15 * 60_000);
        const res = await c.get('/api/auth/me');
        expect(res.status, `after ${q * 15} minutes`).toBe(q < 48 ? 200 : 401);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('separation of the three administrator duties', () => {
  it('the system administrator cannot grant an administrator role nor read the audit log', async () => {
    const sys = await t.as('sysadmin');
    const res = await sys.post('/api/accounts', {
      username: 'sneaky',
      displayName: '越权',
      initialPassword: 'Temp-Start-4821',
      roles: [{ role: 'auditadmin', orgId: t.org.subdistrictId }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('三员分立');
    expect((await sys.get('/api/audit')).status).toBe(403);
    expect((await sys.get('/api/security/settings')).status).toBe(403);
  });

  it('the audit and security administrators cannot manage accounts', async () => {
    for (const who of ['auditor', 'secadmin']) {
      const c = await t.as(who);
      expect((await c.post('/api/accounts', {})).status).toBe(403);
    }
  });
});

describe('resident sign-in by SMS code', () => {
  it('sends a 6-digit code, signs in with it once, and refuses reuse', async () => {
    const c = t.anon();
    expect((await c.post('/api/auth/sms/request', { phone: '1381234' })).status).toBe(400);
    expect((await c.post('/api/auth/sms/request', { phone: '13812345678' })).status).toBe(200);
    await t.drain();
    const code = t.sms.lastCode('13812345678');
    expect((await c.post('/api/auth/sms/request', { phone: '13812345678' })).status).toBe(429);
    const wrong = await c.post('/api/auth/sms/verify', { phone: '13812345678', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body.error.message).toContain('还可尝试 4 次');
    expect((await c.post('/api/auth/sms/verify', { phone: '13812345678', code })).status).toBe(200);
    await c.refreshCsrf();
    const me = await c.get('/api/auth/me');
    expect(me.body.account.kind).toBe('resident');
    expect(me.body.account.displayName).toBe('138****5678');
    expect(me.body.permissions).toEqual(['resident:self']);
    expect((await t.anon().post('/api/auth/sms/verify', { phone: '13812345678', code })).status).toBe(400);
  });

  it('gives up after 5 wrong codes', async () => {
    const c = t.anon();
    await c.post('/api/auth/sms/request', { phone: '13900001111' });
    await t.drain();
    const code = t.sms.lastCode('13900001111');
    const bad = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await c.post('/api/auth/sms/verify', { phone: '13900001111', code: bad });
    const res = await c.post('/api/auth/sms/verify', { phone: '13900001111', code });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('次数过多');
  });
});

describe('errors', () => {
  it('answers unknown API paths with the JSON envelope', async () => {
    const res = await new Client(t.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
