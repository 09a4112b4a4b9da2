import { sessionIdOf } from '../src/server/core/auth/tokens';
import type { TestApp } from './app';
import { buildAccount } from './factories';

/**
 * For every route with an id in its path: makes a record inside 小东门街道 / 白渡 and returns the
 * id to put in the path. The access test asks an actor of 中华, or of another subdistrict, for it.
 */
export const SCOPE_FIXTURES: Record<string, (t: TestApp) => Promise<string>> = {
  'PATCH /api/org/units/:id': async (t) => t.org.estates.白渡一村 as string,
  'DELETE /api/org/units/:id': async (t) => t.org.estates.白渡花苑 as string,
  'GET /api/accounts/:id': async (t) => staffIn(t),
  'PATCH /api/accounts/:id': async (t) => staffIn(t),
  'POST /api/accounts/:id/reset-password': async (t) => staffIn(t),
  'POST /api/accounts/:id/unlock': async (t) => staffIn(t),
  'POST /api/accounts/:id/reset-totp': async (t) => staffIn(t),
  'DELETE /api/sessions/:id': async (t) => {
    const id = await staffIn(t);
    const token = await t.services.auth.createSession(t.database.db, id, t.org.subdistrictId, {
      ip: null as unknown as string,
      userAgent: null,
    });
    return sessionIdOf(token).slice(0, 16);
  },
  'GET /api/notify/outbox/:id': async (t) => outboxIn(t),
  'POST /api/notify/outbox/:id/resend': async (t) => outboxIn(t),
  // signed-in (the owner's check decides); the walker skips it, files.int.test.ts covers it
  'GET /api/files/:id': async (t) => {
    if (!t.services.files.hasOwner(FIXTURE_OWNER)) {
      t.services.files.registerOwner(FIXTURE_OWNER, async (ctx) => !!ctx.actor?.permissions.has('people:read'));
    }
    const file = await t.services.files.store(
      { actor: null, requestId: 'fixture', ip: '127.0.0.1', userAgent: null },
      Buffer.from('%PDF-1.4\n%%EOF\n'),
      { name: '材料.pdf', allowed: ['pdf'], owner: { type: FIXTURE_OWNER, id: 'x' }, subdistrictId: t.org.subdistrictId },
    );
    return file.id;
  },
};

const FIXTURE_OWNER = 'test.fixture';

/** a failed message of 白渡 (so it can be resent) */
async function outboxIn(t: TestApp): Promise<string> {
  const id = await t.services.core.notify.enqueue(t.database.db, {
    subdistrictId: t.org.subdistrictId,
    neighborhoodId: t.org.neighborhoods.白渡 as string,
    to: { channel: 'wecom', webhook: 'http://127.0.0.1:9/send?key=fixture' },
    template: '白渡通知',
  });
  await t.database.db.updateTable('notify_outbox').set({ status: 'failed', last_error: 'fixture' }).where('id', '=', id).execute();
  return id;
}

async function staffIn(t: TestApp): Promise<string> {
  const a = await buildAccount(t.database.db, { role: 'care_staff', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId });
  return a.id;
}
