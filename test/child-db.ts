import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import { TEST_DB, testDatabase } from './db';

/**
 * A seeded database a child process can open too: a SQLite file in a temp data folder, or a
 * fresh PostgreSQL database of the test cluster. `env` is what the child needs to find it.
 */
export interface ChildDb {
  dir: string;
  env: Record<string, string>;
  open(): Database;
  close(): void;
}

export async function childDatabase(): Promise<ChildDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-child-'));
  const env: Record<string, string> = {
    LINLI_DATA_DIR: dir,
    LINLI_MASTER_KEY: randomBytes(32).toString('hex'),
    LINLI_LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  };
  let open: () => Database;
  if (TEST_DB === 'postgres') {
    const database = await testDatabase();
    await seedDemo(database.db);
    await database.close();
    env.DATABASE_URL = database.url;
    open = () => openDatabase({ database: { kind: 'postgres', url: database.url } });
  } else {
    const file = path.join(dir, 'linli.db');
    open = () => openDatabase({ database: { kind: 'sqlite', file } });
    const database = open();
    await migrateToLatest(database.db, allMigrations());
    await seedDemo(database.db);
    await database.close();
  }
  return { dir, env, open, close: () => rmSync(dir, { recursive: true, force: true }) };
}
