import { Kysely, Migrator, type Transaction } from 'kysely';
import { migrations } from '../../../migrations/index';
import type { Config } from '../config';
import type { DbDialect } from './dialect/index';
import { postgresDialect } from './dialect/postgres';
import { sqliteDialect } from './dialect/sqlite';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** a repository takes either the database or an open transaction */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  dialect: DbDialect;
  close(): Promise<void>;
}

export function openDatabase(config: Pick<Config, 'database'>): Database {
  const dialect = config.database.kind === 'sqlite' ? sqliteDialect(config.database.file) : postgresDialect(config.database.url);
  const db = new Kysely<DB>({ dialect: dialect.kysely });
  return {
    db,
    dialect,
    close: async () => {
      await db.destroy();
      await dialect.close();
    },
  };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
