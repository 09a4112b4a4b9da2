import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  type TransactionSettings,
} from 'kysely';

/** where statements come from (a statement cache over one better-sqlite3 connection) */
export interface StatementSource {
  readonly db: Database.Database;
  prepare(sql: string): Database.Statement;
  close(): void;
}

/** One waiter at a time holds the writer; the others queue in order. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}

/**
 * better-sqlite3 runs each statement synchronously, and a request whose statements all complete
 * at once runs start to finish without giving the event loop a turn: 100 list requests arriving
 * together would run back to back while /api/health waits behind all of them. So statements take
 * turns: once the current turn of the event loop has spent SLICE_MS on them, the next statement
 * waits for the next turn (setImmediate, first come first served), and the sockets are read in
 * between — a short request waits for one slice, not for every long one.
 */
const SLICE_MS = 5;

class Turns {
  #sliceStart = performance.now();
  #marked = false;

  /** resolves at once while the current turn has time left, else at the start of a later turn */
  async take(): Promise<void> {
    while (performance.now() - this.#sliceStart > SLICE_MS) {
      this.#mark();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** the first immediate of the next turn starts a fresh slice (it runs before the waiters queued after it) */
  #mark(): void {
    if (this.#marked) return;
    this.#marked = true;
    setImmediate(() => {
      this.#marked = false;
      this.#sliceStart = performance.now();
    });
  }
}

function run(source: StatementSource, query: CompiledQuery): QueryResult<unknown> {
  const stmt = source.prepare(query.sql);
  const params = query.parameters as unknown[];
  if (stmt.reader) return { rows: stmt.all(params) };
  const { changes, lastInsertRowid } = stmt.run(params);
  return {
    numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
    insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
    rows: [],
  };
}

/**
 * What Kysely hands out as "a connection": it routes each statement. Inside a transaction
 * everything goes to the writer (which the transaction holds). Outside one, a read-only
 * statement goes to the reader at once and anything else waits its turn for the writer.
 */
class RoutedConnection implements DatabaseConnection {
  /** set while this connection holds the writer for a transaction */
  release: (() => void) | null = null;

  constructor(private readonly driver: ReadWriteSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const d = this.driver;
    // inside a transaction the writer is held: finish without waiting for turns (imports yield between batches)
    if (this.release) return run(d.writer, query) as QueryResult<R>;
    await d.turns.take();
    if (d.reader !== d.writer && isRead(d.reader, query)) return d.counts.run(query) as QueryResult<R>;
    const release = await d.lock.acquire();
    try {
      return run(d.writer, query) as QueryResult<R>;
    } finally {
      release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // an open iterator keeps its connection busy: a stream gets the writer for its whole length
    // (inside a transaction it has it already); lists stream a page at a time instead
    const d = this.driver;
    const release = this.release ? null : await d.lock.acquire();
    try {
      for (const row of d.writer.prepare(query.sql).iterate(query.parameters as unknown[])) yield { rows: [row as R] };
    } finally {
      release?.();
    }
  }
}

const COUNT = /^select count\(/i;
const COUNTS_KEPT = 500;

/**
 * Counts on the reader, remembered until the database changes. A list's total counts every row
 * the filter reaches (62,000 people: milliseconds of SQLite time per request), yet it changes
 * only when something is written. `PRAGMA data_version` on the reader changes whenever any other
 * connection — our writer or another process — commits, so a remembered count is never stale.
 */
class CountCache {
  readonly #entries = new Map<string, { version: number; result: QueryResult<unknown> }>();
  readonly #version: Database.Statement;

  constructor(private readonly reader: StatementSource) {
    this.#version = reader.db.prepare('pragma data_version').pluck();
  }

  run(query: CompiledQuery): QueryResult<unknown> {
    if (!COUNT.test(query.sql)) return run(this.reader, query);
    const key = `${query.sql}\u0000${JSON.stringify(query.parameters)}`;
    const version = this.#version.get() as number;
    const hit = this.#entries.get(key);
    if (hit && hit.version === version) return { rows: hit.result.rows.map((r) => ({ ...(r as object) })) };
    const result = run(this.reader, query);
    this.#entries.delete(key);
    if (this.#entries.size >= COUNTS_KEPT) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { version, result: { rows: result.rows.map((r) => ({ ...(r as object) })) } });
    return result;
  }
}

/** a statement that only reads, judged by SQLite itself (BEGIN and friends are "read-only" too, hence the first word) */
function isRead(reader: StatementSource, query: CompiledQuery): boolean {
  if (SelectQueryNode.is(query.query)) return true;
  if (!/^\s*(select|with)\b/i.test(query.sql)) return false;
  return reader.prepare(query.sql).readonly;
}

/**
 * Kysely driver over two better-sqlite3 connections to one WAL database file: a writer for
 * writes and transactions, a reader for reads outside a transaction (see sqliteDialect). With
 * one connection for both (an in-memory database) every statement takes the writer's turn, as
 * Kysely's own SqliteDriver does.
 */
export class ReadWriteSqliteDriver implements Driver {
  readonly lock = new Lock();
  readonly turns = new Turns();
  readonly counts: CountCache;

  constructor(
    readonly writer: StatementSource,
    readonly reader: StatementSource,
  ) {
    this.counts = new CountCache(reader);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const c = connection as RoutedConnection;
    const release = await this.lock.acquire();
    try {
      run(this.writer, CompiledQuery.raw('begin'));
    } catch (e) {
      release();
      throw e;
    }
    c.release = release;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.end(connection as RoutedConnection, 'commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.end(connection as RoutedConnection, 'rollback');
  }

  private end(c: RoutedConnection, how: 'commit' | 'rollback'): void {
    const release = c.release;
    // not (or no longer) holding the writer: Kysely rolls back after a failed commit, which ended it already
    if (!release) return;
    try {
      run(this.writer, CompiledQuery.raw(how));
    } finally {
      // a failed COMMIT can leave SQLite's transaction open: undo it before handing the writer on
      if (this.writer.db.inTransaction) {
        try {
          run(this.writer, CompiledQuery.raw('rollback'));
        } catch {
          // nothing more to undo
        }
      }
      c.release = null;
      release();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.savepointCommand(connection, 'savepoint', name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.savepointCommand(connection, 'rollback to', name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.savepointCommand(connection, 'release', name, compile);
  }

  private async savepointCommand(connection: DatabaseConnection, command: string, name: string, _compile: unknown): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`${command} "${name.replace(/"/g, '""')}"`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as RoutedConnection;
    // a connection given back in the middle of a transaction (should not happen): do not keep the writer
    if (c.release) this.end(c, 'rollback');
  }

  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}
