import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';

export const TEST_DB = (process.env.LINLI_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

/** A fresh database for one test file: SQLite in memory, or a clone of the migrated PostgreSQL template. */
export async function testDatabase(): Promise<Database & { url: string }> {
  if (TEST_DB === 'sqlite') {
    const database = openDatabase({ database: { kind: 'sqlite', file: ':memory:' } });
    await migrateToLatest(database.db, allMigrations());
    return { ...database, url: 'sqlite::memory:' };
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name} template linli_template`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return { ...openDatabase({ database: { kind: 'postgres', url } }), url };
}

/** A database a child process can open by URL: a SQLite file in `dir`, or a fresh PostgreSQL clone. */
export async function testDatabaseUrl(dir: string): Promise<string> {
  if (TEST_DB === 'sqlite') return `sqlite:${dir}/linli.db`;
  const d = await testDatabase();
  await d.close();
  return d.url;
}
