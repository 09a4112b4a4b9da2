import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoles, type RoleDef, roleDef } from '../src/server/core/access/roles';
import type { ModuleManifest } from '../src/server/core/modules/manifest';
import { permissionsOf, type RouteInfo } from '../src/server/http/guard';
import { type Client, type TestApp, testApp } from './app';
import { buildAccount, buildOtherSubdistrict } from './factories';
import { CORE_FIXTURES, importJobOf, type ScopeFixture, type ScopeFixtures } from './scope-fixtures';

/** every module's fixtures, found by their place: `src/server/modules/<key>/test/scope-fixtures.ts` */
const moduleFixtures = Object.values(
  import.meta.glob<ScopeFixtures>('../src/server/modules/*/test/scope-fixtures.ts', { eager: true, import: 'scopeFixtures' }),
);

const CORE_BODIES: Record<string, unknown> = {
  'PATCH /api/org/units/:id': { name: '改名' },
  'PATCH /api/accounts/:id': { displayName: '改名' },
  'POST /api/accounts/:id/reset-password': { newPassword: 'Correct-Horse-Battery-9' },
  'PATCH /api/people/:id': { name: '改名' },
  'POST /api/people/:id/reveal': { field: 'idNumber' },
};

/** every import kind's routes (`/api/imports/<kind>/:id…`): an upload previewed by a 白渡 worker */
function importFixture(key: string): ScopeFixture | undefined {
  const kind = key.match(/^\w+ \/api\/imports\/([a-z0-9-]+)\/:id/)?.[1];
  return kind ? (t) => importJobOf(t, 'baidu', kind) : undefined;
}

/** whether a role grants every permission the route asks for */
const holds = (role: RoleDef, r: RouteInfo) => permissionsOf(r.access).every((p) => role.permissions.includes(p));

const fill = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

/**
 * Walks every registered route with every role, and with an actor of another neighborhood or
 * subdistrict: a new route without a correct check fails here. `opts.modules` builds the app with
 * other modules (the tiny test module shows a new module passes it); `opts.fixtures` adds theirs.
 */
export function describeAccessWalk(opts: { modules?: readonly ModuleManifest<unknown>[]; fixtures?: ScopeFixtures[] } = {}) {
  const all = [...moduleFixtures, ...(opts.fixtures ?? [])];
  const FIXTURES = Object.assign({ ...CORE_FIXTURES }, ...all.map((f) => f.fixtures));
  const BODIES = Object.assign({ ...CORE_BODIES }, ...all.map((f) => f.bodies ?? {}));
  const RESOURCES = Object.assign({}, ...all.map((f) => f.resources ?? {})) as NonNullable<ScopeFixtures['resources']>;
  let t: TestApp;
  const clients = new Map<string, Client>();
  const outsiders = new Map<string, Client>();
  let routes: RouteInfo[];
  let roles: RoleDef[];

  beforeAll(async () => {
    t = await testApp({ modules: opts.modules });
    roles = allRoles();
    const other = await buildOtherSubdistrict(t.database.db);
    const [nbName, nbId] = Object.entries(t.org.neighborhoods)[0] as [string, string];
    expect(nbName).toBe('白渡');
    for (const role of roles) {
      const onOrg = role.scopeKinds.includes('subdistrict') || role.scopeKinds.includes('neighborhood');
      if (!onOrg) {
        // a role granted only on a module's resource: one of 小东门街道 inside, one of the other subdistrict outside
        const kind = role.scopeKinds[0] as string;
        const make = RESOURCES[kind];
        expect(make, `no resource fixture for ${kind}: add one to the module's test/scope-fixtures.ts`).toBeDefined();
        if (!make) continue;
        const sd = t.org.subdistrictId;
        const a = await buildAccount(t.database.db, {
          role: role.code,
          orgId: sd,
          subdistrictId: sd,
          resource: { kind, id: await make(t, sd) },
        });
        clients.set(role.code, await t.as(a.username));
        const osd = other.subdistrictId;
        const b = await buildAccount(t.database.db, {
          role: role.code,
          orgId: osd,
          subdistrictId: osd,
          resource: { kind, id: await make(t, osd) },
        });
        outsiders.set(role.code, await t.as(b.username));
        continue;
      }
      const orgId = role.scopeKinds.includes('subdistrict') ? t.org.subdistrictId : nbId;
      const a = await buildAccount(t.database.db, { role: role.code, orgId, subdistrictId: t.org.subdistrictId });
      clients.set(role.code, await t.as(a.username));
      const outOrg = role.scopeKinds.includes('subdistrict') ? other.subdistrictId : (Object.values(other.neighborhoods)[0] as string);
      const b = await buildAccount(t.database.db, { role: role.code, orgId: outOrg, subdistrictId: other.subdistrictId });
      outsiders.set(role.code, await t.as(b.username));
    }
    // an actor of the neighboring neighborhood 中华
    const zh = await buildAccount(t.database.db, {
      role: 'neighborhood_staff',
      orgId: t.org.neighborhoods.中华 as string,
      subdistrictId: t.org.subdistrictId,
    });
    outsiders.set('neighborhood_staff', await t.as(zh.username));
    routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
  });
  afterAll(() => t.close());

  describe('every route declares and enforces its access', () => {
    it('has routes to walk', () => {
      expect(routes.length).toBeGreaterThan(15);
    });

    it('refuses anonymous callers on every non-public route', async () => {
      for (const r of routes.filter((x) => x.access !== 'public')) {
        const res = await t
          .anon()
          .request(r.method as 'GET', fill(r.url, '00000000-0000-7000-8000-000000000000'), r.method === 'GET' ? undefined : {});
        expect([401], `${r.method} ${r.url}`).toContain(res.status);
      }
    });

    it('answers 403 to each role without the permission, and lets each role with it through', async () => {
      for (const r of routes.filter((x) => x.access !== 'public' && x.access !== 'signed-in-partial')) {
        for (const role of roles) {
          const client = clients.get(role.code) as Client;
          const res = await client.request(
            r.method as 'GET',
            fill(r.url, '00000000-0000-7000-8000-000000000000'),
            r.method === 'GET' ? undefined : {},
          );
          const allowed = r.access === 'signed-in' || holds(role, r);
          const where = `${role.code} ${r.method} ${r.url} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          if (allowed) expect([401, 403], where).not.toContain(res.status);
          else expect(res.status, where).toBe(403);
        }
      }
    });

    it('answers 404, never the content, when a record is outside the actor’s org subtree', async () => {
      const withId = routes.filter(
        (r) => r.url.includes(':') && r.access !== 'public' && r.access !== 'signed-in-partial' && r.access !== 'signed-in',
      );
      for (const r of withId) {
        const key = `${r.method} ${r.url}`;
        const fixture: ScopeFixture | undefined = FIXTURES[key] ?? importFixture(key);
        expect(fixture, `no scope fixture for ${key}: add one to the module's test/scope-fixtures.ts`).toBeDefined();
        if (!fixture) continue;
        const id = await fixture(t);
        const role = roles.find((x) => holds(x, r) && outsiders.has(x.code));
        expect(role, `no role grants ${r.access}`).toBeDefined();
        for (const code of ['neighborhood_staff', role?.code as string]) {
          const def = roleDef(code);
          if (!def || !holds(def, r)) continue;
          const res = await (outsiders.get(code) as Client).request(
            r.method as 'GET',
            fill(r.url, id),
            r.method === 'GET' ? undefined : (BODIES[key] ?? {}),
          );
          expect(res.status, `${code} outside ${key}: ${JSON.stringify(res.body)}`).toBe(404);
        }
      }
    });
  });
}
