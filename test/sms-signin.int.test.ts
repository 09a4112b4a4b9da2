import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './app';
import { buildAccount } from './factories';

// A resident's first SMS sign-in creates the account and the session in one transaction. The
// security settings it needs must be read before that transaction: on SQLite a read through the
// shared connection inside it waited forever once the settings cache had expired.
describe('SMS sign-in with the settings cache cold', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs the resident in', async () => {
    const anon = t.anon();
    expect((await anon.post('/api/auth/sms/request', { phone: '13700001111' })).status).toBe(200);
    await t.drain();
    const settings = t.services.core.settings;
    // saving drops the cached settings, as their expiry would
    await settings.saveSecurity(t.database.db, await settings.security(), 'test');
    const verified = await anon.post('/api/auth/sms/verify', { phone: '13700001111', code: t.sms.lastCode('13700001111') });
    expect(verified.status).toBe(200);
    const me = await anon.get('/api/auth/me');
    expect(me.body.account.displayName).toBe('137****1111');
  }, 10_000);
});

// A phone bound to a staff account signs in by SMS only for the phone's roles (a volunteer); an
// account new from the administrator (its password change still owed) is not stuck on that step.
describe('SMS sign-in of staff accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const bindAndSignIn = async (role: string, phone: string, ip: string) => {
    const a = await buildAccount(t.database.db, { role, orgId: t.org.neighborhoods.白渡 as string, subdistrictId: t.org.subdistrictId });
    await t.database.db.updateTable('accounts').set({ must_change_password: 1 }).where('id', '=', a.id).execute();
    const admin = await t.as('sysadmin');
    expect((await admin.patch(`/api/accounts/${a.id}`, { signInPhone: phone })).status).toBe(200);
    const c = t.anon(ip);
    expect((await c.post('/api/auth/sms/request', { phone })).status).toBe(200);
    await t.drain();
    return { c, res: await c.post('/api/auth/sms/verify', { phone, code: t.sms.lastCode(phone) }) };
  };

  it('lets a volunteer in with no password step pending', async () => {
    const { c, res } = await bindAndSignIn('volunteer', '13600002001', '10.0.1.1');
    expect(res.status).toBe(200);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toHaveProperty('pending', null);
  });

  it('refuses an office account: it signs in with its password and second factor', async () => {
    const { res } = await bindAndSignIn('neighborhood_staff', '13600002002', '10.0.1.2');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('该手机号绑定的是工作人员账号，请在电脑上用账号和密码登录');
  });
});
