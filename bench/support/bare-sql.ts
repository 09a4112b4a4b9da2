import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

// The second baseline: a bare Fastify route running the SAME SQL as GET /api/accounts (count,
// page, the page's grants) on the same database, with a prepared statement per query and no
// session, scope, schema, presenter, hooks or logging. What linli adds on top is its own overhead.
const url = process.env.BENCH_DATABASE_URL as string;
const subdistrictId = process.env.BENCH_SUBDISTRICT as string;
const COLUMNS =
  '"a"."id", "a"."username", "a"."display_name", "a"."kind", "a"."disabled", "a"."locked_until", "a"."totp_enabled", "a"."must_change_password", "a"."last_login_at", "a"."created_at"';
const WHERE = `"a"."kind" = ? and ("a"."subdistrict_id" in (?))`;
const COUNT = `select count(*) as "n" from "accounts" as "a" where ${WHERE}`;
const PAGE = `select ${COLUMNS} from "accounts" as "a" where ${WHERE} order by "a"."created_at" desc limit ? offset ?`;
const grantsSql = (n: number) =>
  `select "r"."account_id", "r"."role", "r"."org_id", "o"."name" as "org_name", "r"."resource_kind", "r"."resource_id" from "account_roles" as "r" inner join "org_units" as "o" on "o"."id" = "r"."org_id" where "r"."account_id" in (${Array.from({ length: n }, () => '?').join(', ')}) order by "r"."created_at"`;
const dollar = (text: string) => {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
};

type Row = Record<string, unknown> & { id: string };
type Grant = {
  account_id: string;
  role: string;
  org_id: string;
  org_name: string;
  resource_kind: string | null;
  resource_id: string | null;
};
let query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
if (url.startsWith('sqlite:')) {
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  const cache = new Map<string, Database.Statement>();
  query = async (text, params) => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt.all(params) as Record<string, unknown>[];
  };
} else {
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = async (text, params) => (await pool.query({ text: dollar(text), values: params, name: undefined })).rows;
}

const app = Fastify({ logger: false });
app.get('/api/accounts', async (req) => {
  const q = req.query as { page?: string; pageSize?: string };
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 20);
  const [count, rows] = await Promise.all([
    query(COUNT, ['staff', subdistrictId]),
    query(PAGE, ['staff', subdistrictId, pageSize, (page - 1) * pageSize]) as Promise<Row[]>,
  ]);
  const grants = rows.length
    ? ((await query(
        grantsSql(rows.length),
        rows.map((r) => r.id),
      )) as Grant[])
    : [];
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      kind: r.kind,
      disabled: r.disabled === 1,
      locked: !!r.locked_until,
      totpEnabled: r.totp_enabled === 1,
      mustChangePassword: r.must_change_password === 1,
      roles: grants
        .filter((g) => g.account_id === r.id)
        .map((g) => ({
          role: g.role,
          orgId: g.org_id,
          orgName: g.org_name,
          // the bench grants no role on a resource (a module's resource names would be a query more)
          resource: g.resource_kind && g.resource_id ? { kind: g.resource_kind, id: g.resource_id, name: '' } : null,
        })),
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
    })),
    total: Number((count[0] as { n: number }).n),
  };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
