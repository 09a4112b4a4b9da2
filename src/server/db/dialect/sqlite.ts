import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect } from 'kysely';
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
    kysely: new SqliteDialect({ database: withStatementCache(raw) }),
    forUpdate: (qb) => qb,
    forUpdateSkipLocked: (qb) => qb,
    exclusively: (_name, fn) => fn(),
    async insertRows(trx, table, columns, rows) {
      // one prepared statement (cached below), run once per row: cheaper than multi-row VALUES here
      const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
      for (const row of rows) await trx.executeQuery(CompiledQuery.raw(text, row));
    },
    ilike: 'like',
    blobStore: 'folder',
    dumpName: 'linli.db',
    // SQLite's online backup: a consistent snapshot even while other connections write
    async dumpTo(dest) {
      await raw.backup(dest);
      // a self-contained file: no -wal/-shm needed to read it back
      const copy = new Database(dest);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    },
    async restoreFrom(src) {
      if (file === ':memory:') throw new Error('内存数据库无法从备份恢复');
      const source = new Database(src, { readonly: true, fileMustExist: true });
      try {
        // the backup API writes through SQLite's own locking and keeps the target in WAL mode
        await source.backup(file);
      } finally {
        source.close();
      }
    },
    close: async () => {
      if (raw.open) raw.close();
    },
  };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; compiling the SQL is most of SQLite's cost per query, and an
 * app runs the same few hundred statements over and over, so keep the compiled ones (LRU).
 */
function withStatementCache(raw: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = raw.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
