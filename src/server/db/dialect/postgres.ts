import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DbDialect } from './index';

// counts and bigint ids come back as numbers, as they do from SQLite
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function postgresDialect(url: string, max = 10): DbDialect & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  return {
    kind: 'postgres',
    pool,
    kysely: new PostgresDialect({ pool }),
    forUpdate: (qb) => qb.forUpdate(),
    ilike: 'ilike',
    close: async () => {},
  };
}
