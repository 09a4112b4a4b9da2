import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './app';

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
    const settings = t.services.core.settings;
    // saving drops the cached settings, as their expiry would
    await settings.saveSecurity(t.database.db, await settings.security(), 'test');
    const anon = t.anon();
    expect((await anon.post('/api/auth/sms/request', { phone: '13700001111' })).status).toBe(200);
    // the code goes out through the outbox
    await t.drain();
    const verified = await anon.post('/api/auth/sms/verify', { phone: '13700001111', code: t.sms.lastCode('13700001111') });
    expect(verified.status).toBe(200);
    const me = await anon.get('/api/auth/me');
    expect(me.body.account.displayName).toBe('137****1111');
  }, 10_000);
});
