import type { Kysely, Dialect as KyselyDialect, SelectQueryBuilder, Transaction } from 'kysely';

/**
 * The one place SQLite and PostgreSQL differ. Modules and repositories never ask which
 * database they run on; they call these.
 */
export interface DbDialect {
  kind: 'sqlite' | 'postgres';
  kysely: KyselyDialect;
  /** lock the selected rows until the transaction ends (PostgreSQL); SQLite transactions are already serial */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * Inserts many rows of one table inside a transaction (imports): one statement per row
   * through SQLite's statement cache, one `unnest` per few thousand rows on PostgreSQL, both
   * far cheaper than a multi-row INSERT built and compiled by Kysely for every batch.
   * `columns` are trusted names from code, never from input; every value is a parameter.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any table of the app's schema
  insertRows(trx: Transaction<any>, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
  /**
   * Rows an import writes per step. SQLite runs statements on the event loop, so a step stays a
   * few milliseconds long (requests get a turn between steps); PostgreSQL works on its own
   * server while the event loop runs on, so a step is large and the round trips are few.
   */
  importWriteRows: number;
  /**
   * Lock the selected rows, passing over rows another transaction holds (PostgreSQL's
   * `FOR UPDATE SKIP LOCKED`): several processes claim work from one queue without waiting on
   * or taking the same rows. SQLite belongs to one process and its transactions are serial.
   */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * Runs `fn` while holding a lock named `name` across every process on this database (a
   * PostgreSQL session advisory lock on a connection of its own); waits for the holder. On SQLite
   * there is one process, so `fn` just runs.
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Where uploaded content lives: the data folder (SQLite: one process) or the database
   * (PostgreSQL: several processes, each with its own folder, all read the same files).
   */
  blobStore: 'folder' | 'database';
  /** case-insensitive LIKE operator */
  ilike: 'like' | 'ilike';
  /** the name of the database copy inside a backup */
  dumpName: string;
  /** writes a consistent copy of the whole database to `file`, while the server keeps running */
  dumpTo(file: string): Promise<void>;
  /** replaces the whole database with a copy written by `dumpTo` (the server should be stopped) */
  restoreFrom(file: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Cross-process notifications (PostgreSQL LISTEN/NOTIFY). Absent on SQLite, whose database
   * belongs to one process: there the in-process bus is the whole story.
   */
  notifications?: {
    listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
    notify(channel: string, payload: string): Promise<void>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: migrations and maintenance run on untyped Kysely
  afterOpen?(db: Kysely<any>): Promise<void>;
}
