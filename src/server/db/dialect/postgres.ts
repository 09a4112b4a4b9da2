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
    notifications: {
      async listen(channel, onMessage) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        client.on('notification', (msg) => {
          if (msg.channel === channel && msg.payload) onMessage(msg.payload);
        });
        await client.query(`listen ${client.escapeIdentifier(channel)}`);
        return async () => {
          await client.end();
        };
      },
      async notify(channel, payload) {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
    },
  };
}
