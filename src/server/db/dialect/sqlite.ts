import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { DbDialect } from './index';

export function sqliteDialect(file: string): DbDialect & { raw: Database.Database } {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return {
    kind: 'sqlite',
    raw,
    kysely: new SqliteDialect({ database: raw }),
    forUpdate: (qb) => qb,
    ilike: 'like',
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}
