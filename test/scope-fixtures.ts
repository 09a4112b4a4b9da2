import { uuidv7 } from 'uuidv7';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import type { TestApp } from './app';
import { buildAccount, buildPerson } from './factories';

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
  'GET /api/people/:id': async (t) => (await buildPerson(t)).id,
  'PATCH /api/people/:id': async (t) => (await buildPerson(t)).id,
  'POST /api/people/:id/reveal': async (t) => (await buildPerson(t)).id,
  'GET /api/imports/people/:id': async (t) => importJobOf(t, 'baidu'),
  'POST /api/imports/people/:id/commit': async (t) => importJobOf(t, 'baidu'),
  'DELETE /api/imports/people/:id': async (t) => importJobOf(t, 'baidu'),
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

/** an upload previewed by a 白渡 worker; only its uploader may see or commit it */
async function importJobOf(t: TestApp, username: string): Promise<string> {
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
      kind: 'people',
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
