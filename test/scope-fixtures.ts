import { uuidv7 } from 'uuidv7';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import type { TestApp } from './app';
import { buildAccount, buildPerson } from './factories';

/**
 * For every route with an id in its path: makes a record inside 小东门街道 / 白渡 and returns the
 * id to put in the path. The access test asks an actor of 中华, or of another subdistrict, for it.
 * Core's routes are here; each module keeps its own in `modules/<key>/test/scope-fixtures.ts`,
 * which the walker (test/access-walker.ts) finds by itself.
 */
export type ScopeFixture = (t: TestApp) => Promise<string>;
export interface ScopeFixtures {
  /** `METHOD /path/:id` → a record of 白渡 */
  fixtures: Record<string, ScopeFixture>;
  /** `METHOD /path/:id` → a valid body, so the 404 comes from the scope and not from validation */
  bodies?: Record<string, unknown>;
  /** a module's resource kind → makes one in the given subdistrict, for roles granted on resources */
  resources?: Record<string, (t: TestApp, subdistrictId: string) => Promise<string>>;
}

export const CORE_FIXTURES: Record<string, ScopeFixture> = {
  'PATCH /api/org/units/:id': async (t) => t.org.estates.白渡一村 as string,
  'DELETE /api/org/units/:id': async (t) => t.org.estates.白渡花苑 as string,
  'GET /api/accounts/:id': async (t) => staffIn(t),
  'PATCH /api/accounts/:id': async (t) => staffIn(t),
  'POST /api/accounts/:id/reset-password': async (t) => staffIn(t),
  'POST /api/accounts/:id/unlock': async (t) => staffIn(t),
  'POST /api/accounts/:id/reset-totp': async (t) => staffIn(t),
  'GET /api/people/:id': async (t) => (await buildPerson(t)).id,
  'PATCH /api/people/:id': async (t) => (await buildPerson(t)).id,
  'POST /api/people/:id/reveal': async (t) => (await buildPerson(t)).id,
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

/** an upload previewed by a 白渡 worker; only its uploader may see or commit it */
export async function importJobOf(t: TestApp, username: string, kind = 'people'): Promise<string> {
  const db = t.database.db;
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'subdistrict_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const id = uuidv7();
  await db
    .insertInto('import_jobs')
    .values({
      id,
      subdistrict_id: account.subdistrict_id,
      account_id: account.id,
      kind,
      file_name: 'x.xlsx',
      format: 'xlsx',
      size: 0,
      status: 'previewed',
      report: JSON.stringify({ ok: true, rows: 0, created: 0, updated: 0, unchanged: 0, errors: [] }),
      preview: JSON.stringify({ columns: [], sample: [] }),
      created_at: new Date().toISOString(),
      committed_at: null,
    })
    .execute();
  return id;
}
