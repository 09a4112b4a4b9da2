import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEST_DB } from '../../../test/db';
import { allMigrationNames, allMigrations } from '../modules/index';
import { appliedMigrations, type Database, migrateToLatest, openDatabase } from './index';

const opened: Database[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'linli-migrate-'));
afterAll(async () => {
  for (const d of opened) await d.close();
  rmSync(dir, { recursive: true, force: true });
});

/** an empty database, never migrated, and a way for a second "process" (its own pool) to open it */
async function emptyDatabase(): Promise<() => Database> {
  if (TEST_DB === 'sqlite') {
    const file = path.join(dir, 'linli.db');
    return () => {
      const d = openDatabase({ database: { kind: 'sqlite', file } });
      opened.push(d);
      return d;
    };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return () => {
    const d = openDatabase({ database: { kind: 'postgres', url } });
    opened.push(d);
    return d;
  };
}

describe('migrating under a lock', () => {
  it('two processes starting together on an empty database migrate it once', async () => {
    const open = await emptyDatabase();
    const a = open();
    const b = open();
    // PostgreSQL: at the same moment, each on its own pool; SQLite has one process, so one after the other
    const [ranA, ranB] =
      TEST_DB === 'postgres'
        ? await Promise.all([migrateToLatest(a.db, allMigrations(), a.dialect), migrateToLatest(b.db, allMigrations(), b.dialect)])
        : [await migrateToLatest(a.db, allMigrations(), a.dialect), await migrateToLatest(b.db, allMigrations(), b.dialect)];
    const all = allMigrationNames();
    // one of them applied every migration, the other found nothing left to do
    expect([ranA, ranB].sort((x, y) => y.length - x.length)).toEqual([all, []]);
    expect(await appliedMigrations(a.db)).toEqual(all);
  });
});
