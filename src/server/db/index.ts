import { Kysely, type Migration, Migrator, sql, type Transaction } from 'kysely';
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

export function openDatabase(config: Pick<Config, 'database'> & Partial<Pick<Config, 'pgBinDir'>>): Database {
  const dialect =
    config.database.kind === 'sqlite' ? sqliteDialect(config.database.file) : postgresDialect(config.database.url, 10, config.pgBinDir);
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

/**
 * Applies pending migrations, core's and the modules' (modules/index.ts `allMigrations()`), in name
 * order. Given the dialect, under a lock across processes: several processes starting together on
 * one PostgreSQL migrate once, the others wait and find nothing left to do (Kysely's own lock is
 * taken only after it has created its bookkeeping tables).
 */
export async function migrateToLatest(
  db: Db,
  moduleMigrations: Record<string, Migration>,
  dialect?: Pick<DbDialect, 'exclusively'>,
): Promise<string[]> {
  const all = { ...migrations, ...moduleMigrations };
  const run = async () => {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => all },
      // modules are developed side by side: a module's migration may sort before one already applied
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  return dialect ? dialect.exclusively('migrate', run) : run();
}

/** names of the migrations applied to this database, in order (none when it was never migrated) */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** whether the database holds an organisation tree (anything worth protecting from an overwrite) */
export async function holdsData(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === 'org_units')) return false;
  return !!(await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst());
}
