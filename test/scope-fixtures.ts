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
};

async function staffIn(t: TestApp): Promise<string> {
  const a = await buildAccount(t.database.db, { role: 'care_staff', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId });
  return a.id;
}
