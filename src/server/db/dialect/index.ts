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
