import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../test/app';
import { buildAccount } from '../../../test/factories';
import { type Scope, scopeWhere } from '../core/access/actor';
import type { Executor } from './index';
import { prepared } from './prepared';

// A prepared query answers exactly what the same query built anew answers, whatever the shape of
// its arguments (lists of other lengths, optional filters given or not, booleans), on the
// database and inside a transaction; and the accounts list, which runs on it, still filters.
let t: TestApp;
let sys: Client;

beforeAll(async () => {
  t = await testApp();
  sys = await t.as('sysadmin');
});
afterAll(async () => {
  await t.close();
});

interface Args {
  scope: Scope;
  name?: string;
  kinds: string[];
  withDisabled: boolean;
  limit: number;
}

const build = (db: Executor, a: Args) => {
  let q = db
    .selectFrom('accounts as a')
    .select(['a.username', 'a.kind', 'a.disabled'])
    .where(scopeWhere(a.scope, 'a.subdistrict_id', null))
    .where('a.kind', 'in', a.kinds);
  const { name } = a;
  if (name !== undefined) q = q.where('a.username', '=', name);
  if (!a.withDisabled) q = q.where('a.disabled', '=', 0);
  return q.orderBy('a.username').limit(a.limit);
};
const listAccounts = prepared(build);

describe('prepared queries', () => {
  it('answer what the query built anew answers, for every shape of arguments', async () => {
    const db = t.database.db;
    const scope = { subdistrictIds: [t.org.subdistrictId], neighborhoodIds: [] };
    const cases: Args[] = [
      { scope, kinds: ['staff'], withDisabled: true, limit: 50 },
      { scope, kinds: ['staff', 'resident'], withDisabled: true, limit: 3 },
      { scope, kinds: ['resident'], withDisabled: false, limit: 50 },
      { scope, name: 'sysadmin', kinds: ['staff'], withDisabled: false, limit: 5 },
      { scope, name: 'registry', kinds: ['staff'], withDisabled: false, limit: 5 },
      { scope: { subdistrictIds: [], neighborhoodIds: [] }, kinds: ['staff'], withDisabled: true, limit: 50 },
      { scope: { subdistrictIds: ['nowhere', t.org.subdistrictId], neighborhoodIds: [] }, kinds: ['staff'], withDisabled: true, limit: 7 },
      // a shape met before, with other values
      { scope, kinds: ['resident', 'staff'], withDisabled: true, limit: 2 },
    ];
    for (const args of cases) {
      const expected = await build(db, args).execute();
      expect(await listAccounts(db, args)).toEqual(expected);
      // and inside a transaction
      await db.transaction().execute(async (trx) => {
        expect(await listAccounts(trx, args)).toEqual(expected);
      });
    }
    expect(
      (await listAccounts(db, { scope, name: 'sysadmin', kinds: ['staff'], withDisabled: false, limit: 5 })).map((r) => r.username),
    ).toEqual(['sysadmin']);
    expect(
      await listAccounts(db, { scope: { subdistrictIds: [], neighborhoodIds: [] }, kinds: ['staff'], withDisabled: true, limit: 5 }),
    ).toEqual([]);
  });

  it('run raw SQL fragments with their values', async () => {
    const twice = prepared((db, a: { n: number; label: string }) =>
      db.selectNoFrom([sql<number>`${a.n} * 2`.as('doubled'), sql<string>`${a.label}`.as('label')]),
    );
    for (const n of [1, 21, 500]) {
      const [row] = await twice(t.database.db, { n, label: `第${n}` });
      expect(Number(row?.doubled)).toBe(n * 2);
      expect(row?.label).toBe(`第${n}`);
    }
  });

  it('keep the accounts list filtering: search, role, paging', async () => {
    const all = (await sys.get('/api/accounts?page=1&pageSize=100')).body;
    expect(all.total).toBeGreaterThan(2);
    expect(all.items.length).toBe(all.total);
    const found = (await sys.get('/api/accounts?q=sysadm&page=1&pageSize=20')).body;
    expect(found.items.map((a: { username: string }) => a.username)).toEqual(['sysadmin']);
    expect(found.total).toBe(1);
    const role = all.items.find((a: { roles: unknown[] }) => a.roles.length > 0).roles[0].role as string;
    const byRole = (await sys.get(`/api/accounts?role=${role}&page=1&pageSize=100`)).body;
    expect(byRole.total).toBeGreaterThan(0);
    expect(byRole.items.every((a: { roles: { role: string }[] }) => a.roles.some((r) => r.role === role))).toBe(true);
    const second = (await sys.get('/api/accounts?page=2&pageSize=2')).body;
    expect(second.items.map((a: { id: string }) => a.id)).toEqual(all.items.slice(2, 4).map((a: { id: string }) => a.id));
    // LIKE's own characters are searched for as themselves, on both databases
    await buildAccount(t.database.db, {
      role: 'care_staff',
      orgId: t.org.subdistrictId,
      subdistrictId: t.org.subdistrictId,
      displayName: '优抚科_50%专项',
    });
    const names = async (q: string) =>
      (await sys.get(`/api/accounts?q=${encodeURIComponent(q)}&page=1&pageSize=20`)).body.items.map(
        (a: { displayName: string }) => a.displayName,
      );
    expect(await names('_')).toEqual(['优抚科_50%专项']);
    expect(await names('50%')).toEqual(['优抚科_50%专项']);
    expect(await names('科_5')).toEqual(['优抚科_50%专项']);
    expect(await names('\\')).toEqual([]);
  });
});
