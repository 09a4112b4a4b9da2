import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CompiledQuery, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DbDialect } from './index';

// counts and bigint ids come back as numbers, as they do from SQLite
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const run = promisify(execFile);

/** pg_dump / pg_restore: from `binDir`, else the newest cluster's bin folder, else PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore', binDir?: string): string {
  if (binDir) return path.join(binDir, name);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(root, v, 'bin', name);
      if (existsSync(p)) return p;
    }
  }
  return name;
}

/** the URL without its password, which goes to the tool through the environment instead of `ps` */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

async function tool(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(bin, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(`找不到 ${path.basename(bin)}：请安装 PostgreSQL 客户端工具，或用 LINLI_PG_BIN 指明其所在文件夹`);
    throw new Error(`${path.basename(bin)} 失败：${(e.stderr ?? e.message).trim()}`);
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// column types for unnest's casts, read once per table from the catalogue
const typeCache = new Map<string, Map<string, string>>();
// biome-ignore lint/suspicious/noExplicitAny: any table of the app's schema
async function columnTypes(trx: Transaction<any>, table: string): Promise<Map<string, string>> {
  let types = typeCache.get(table);
  if (!types) {
    const r = await trx.executeQuery<{ name: string; type: string }>(
      CompiledQuery.raw(
        'select column_name as name, udt_name as type from information_schema.columns where table_schema = current_schema() and table_name = $1',
        [table],
      ),
    );
    types = new Map(r.rows.map((c) => [c.name, c.type]));
    typeCache.set(table, types);
  }
  return types;
}

export function postgresDialect(url: string, max = 10, binDir?: string): DbDialect & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  const conn = connection(url);
  return {
    kind: 'postgres',
    pool,
    kysely: new PostgresDialect({ pool }),
    forUpdate: (qb) => qb.forUpdate(),
    forUpdateSkipLocked: (qb) => qb.forUpdate().skipLocked(),
    async exclusively(name, fn) {
      // a connection of its own: the lock is the session's, and `fn` keeps using the pool
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [`linli:${name}`]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [`linli:${name}`]);
        }
      } finally {
        client.release();
      }
    },
    async insertRows(trx, table, columns, rows) {
      // one array parameter per column: a statement of fixed shape that PostgreSQL parses once per chunk
      const types = await columnTypes(trx, table);
      const list = columns.map(quote).join(', ');
      const arrays = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(', ');
      const text = `insert into ${quote(table)} (${list}) select * from unnest(${arrays})`;
      for (let at = 0; at < rows.length; at += 5000) {
        const chunk = rows.slice(at, at + 5000);
        await trx.executeQuery(
          CompiledQuery.raw(
            text,
            columns.map((_, i) => chunk.map((r) => r[i] ?? null)),
          ),
        );
      }
    },
    importWriteRows: 250,
    ilike: 'ilike',
    blobStore: 'database',
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
    dumpName: 'linli.pgdump',
    // pg_dump reads one snapshot: consistent while the server runs
    async dumpTo(dest) {
      await tool(pgTool('pg_dump', binDir), ['-Fc', '--no-owner', '--no-privileges', '-f', dest, '-d', conn.url], conn.env);
    },
    async restoreFrom(src) {
      const restore = pgTool('pg_restore', binDir);
      await tool(
        restore,
        ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '-d', conn.url, src],
        conn.env,
      );
      // tables the backup does not have (made by later migrations) go too, so that migrating
      // forward from the restored level starts from what it expects
      const listing = await tool(restore, ['-l', src], conn.env);
      const inDump = new Set([...listing.matchAll(/^\d+; \d+ \d+ TABLE \S+ (\S+)/gm)].map((m) => m[1]));
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ name: string }>(
          "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
        );
        for (const r of rows.filter((x) => !inDump.has(x.name))) await client.query(`drop table if exists "${r.name}" cascade`);
      } finally {
        client.release();
      }
    },
    // Kysely ends the pool only if it ever used it; restore may have used it directly
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}
