import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect } from 'kysely';
import type { DbDialect } from './index';
import { ReadWriteSqliteDriver, type StatementSource } from './sqlite-driver';

function connect(file: string, readonly: boolean): Database.Database {
  const raw = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  if (!readonly) {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    // 32 MB of page cache for the writer (SQLite's default is 2 MB, taken only as pages are used): a
    // large import's transaction keeps its index pages in memory instead of spilling and re-reading them
    raw.pragma('cache_size = -32768');
  }
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return raw;
}

/**
 * Two connections on a database file: the writer, for every write and every transaction, and a
 * read-only reader for reads outside a transaction. WAL lets the reader read the last committed
 * state while the writer holds a long transaction (an import), so other requests are not held
 * up; each read outside a transaction starts a new read transaction, so it sees every write
 * committed before it (read-your-writes). An in-memory database cannot be shared between
 * connections: there one connection does everything, as before.
 */
export function sqliteDialect(file: string): DbDialect & { raw: Database.Database; reader: Database.Database } {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const raw = connect(file, false);
  const reader = file === ':memory:' ? raw : connect(file, true);
  const writerSource = withStatementCache(raw);
  const readerSource = reader === raw ? writerSource : withStatementCache(reader);
  return {
    kind: 'sqlite',
    raw,
    reader,
    kysely: {
      // the SQL side of Kysely's own SQLite dialect, with our driver underneath
      ...dialectParts(),
      createDriver: () => new ReadWriteSqliteDriver(writerSource, readerSource),
    },
    forUpdate: (qb) => qb,
    forUpdateSkipLocked: (qb) => qb,
    exclusively: (_name, fn) => fn(),
    async insertRows(trx, table, columns, rows) {
      // one prepared statement (cached below), run once per row: cheaper than multi-row VALUES here
      const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
      for (const row of rows) await trx.executeQuery(CompiledQuery.raw(text, row));
    },
    importWriteRows: 50,
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
      if (reader.open) reader.close();
      if (raw.open) raw.close();
    },
  };
}

function dialectParts() {
  const base = new SqliteDialect({ database: {} as never });
  return {
    createAdapter: () => base.createAdapter(),
    createIntrospector: (db: Parameters<SqliteDialect['createIntrospector']>[0]) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; compiling the SQL is most of SQLite's cost per query, and an
 * app runs the same few hundred statements over and over, so keep the compiled ones (LRU).
 */
function withStatementCache(raw: Database.Database): StatementSource {
  const cache = new Map<string, Database.Statement>();
  return {
    db: raw,
    close: () => {
      if (raw.open) raw.close();
    },
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
