import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { TEST_DB, testDatabase } from '../../../../test/db';
import { manyPeople, PEOPLE_HEADERS } from '../../../../test/xlsx';
import { loadConfig } from '../../config';
import { systemActor } from '../../core/access/actor';
import { allPermissions } from '../../core/modules/install';
import { openDatabase } from '../index';

// Reads are answered while an import's long transaction is open: on SQLite by the reader
// connection (WAL), on PostgreSQL by another pooled connection. On a SQLite file, as in
// production (an in-memory database has one connection only).
const dir = mkdtempSync(path.join(tmpdir(), 'linli-readers-'));
let t: TestApp;
let care: Client;

beforeAll(async () => {
  const database =
    TEST_DB === 'sqlite'
      ? {
          ...openDatabase(loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}/linli.db` })),
          url: `sqlite:${dir}/linli.db`,
        }
      : await testDatabase();
  t = await testApp({ database });
  care = await t.as('registry');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const csv = (rows: unknown[][]) => `${[PEOPLE_HEADERS, ...rows].map((r) => r.map((c) => c ?? '').join(',')).join('\n')}\n`;

describe('reads during a long write transaction', () => {
  it('answers a list while an import commit is in progress, without its uncommitted rows, and sees them once committed', async () => {
    const before = await care.get('/api/people?page=1&pageSize=20');
    expect(before.status).toBe(200);
    const file = path.join(dir, 'people.csv');
    writeFileSync(file, csv(manyPeople(3000)));
    const ctx = { actor: systemActor(t.org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'test', userAgent: null };

    const order: string[] = [];
    let inTransaction!: () => void;
    const writing = new Promise<void>((resolve) => {
      inTransaction = resolve;
    });
    const commit = t.services.imports
      .runFile(ctx, 'people', file, {
        dryRun: false,
        // the first batch is written: the import's transaction is open and stays open until every row is in
        onProgress: (p) => {
          if (p.phase === 'commit') inTransaction();
        },
      })
      .then((r) => {
        order.push('commit');
        return r;
      });
    await writing;
    const during = await care.get('/api/people?page=1&pageSize=20');
    order.push('list');
    expect(during.status).toBe(200);
    expect(during.body.total).toBe(before.body.total);

    const run = await commit;
    expect(run.report.ok).toBe(true);
    expect(run.report.created).toBe(3000);
    expect(order).toEqual(['list', 'commit']);
    // read-your-writes: the first read after the commit sees every row
    const after = await care.get('/api/people?page=1&pageSize=20');
    expect(after.body.total).toBe(before.body.total + 3000);
  });

  it('a read right after a committed write sees it, its count included', async () => {
    const admin = await t.as('sysadmin');
    const before = (await admin.get('/api/accounts')).body.total;
    const created = await admin.post('/api/accounts', {
      username: 'readercheck',
      displayName: '读取检查',
      initialPassword: 'Temp-Start-4821',
      roles: [{ role: 'care_staff', orgId: t.org.subdistrictId }],
    });
    expect(created.status).toBe(200);
    const listed = await admin.get('/api/accounts?q=readercheck');
    expect(listed.body.items.map((a: { username: string }) => a.username)).toEqual(['readercheck']);
    expect((await admin.get('/api/accounts')).body.total).toBe(before + 1);
  });

  it('counts what another connection (another process) wrote since', async () => {
    const list = () => care.get('/api/people?page=1&pageSize=1');
    const before = (await list()).body.total;
    expect((await list()).body.total).toBe(before);
    const other = openDatabase(loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, DATABASE_URL: t.database.url }));
    try {
      const now = new Date().toISOString();
      await other.db
        .insertInto('persons')
        .values({
          id: uuidv7(),
          subdistrict_id: t.org.subdistrictId,
          neighborhood_id: t.org.neighborhoods.白渡 as string,
          name: '外来进程',
          name_pinyin: 'wailaijincheng',
          name_initials: 'wljc',
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
    } finally {
      await other.close();
    }
    expect((await list()).body.total).toBe(before + 1);
  });
});
