import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/index';
import { prepared } from '../../db/prepared';
import type { AccountsTable } from '../../db/schema';
import { type Scope, scopeWhere } from '../access/actor';
import { escapeLike } from '../people/person-search';

/** what a list shows of an account (presentAccount): never its password hash or TOTP secret */
const LISTED_COLUMNS = [
  'a.id',
  'a.username',
  'a.display_name',
  'a.kind',
  'a.disabled',
  'a.locked_until',
  'a.totp_enabled',
  'a.must_change_password',
  'a.last_login_at',
  'a.created_at',
] as const;

interface ListArgs {
  scope: Scope;
  /** the LIKE pattern of the search, when there is one */
  like?: string;
  role?: string;
  caseInsensitive: boolean;
  limit: number;
  offset: number;
}

function listed(db: Executor, a: ListArgs) {
  let base = db
    .selectFrom('accounts as a')
    .where('a.kind', '=', 'staff')
    .where(scopeWhere(a.scope, 'a.subdistrict_id', null));
  const { like, role } = a;
  if (like !== undefined) {
    const op = sql.raw(a.caseInsensitive ? 'ilike' : 'like');
    // SQLite has no default LIKE escape: name it, so a search for 「50%」 or 「_」 finds the character
    const matches = (column: string) => sql<SqlBool>`${sql.ref(column)} ${op} ${like} escape '\\'`;
    base = base.where((eb) => eb.or([matches('a.username'), matches('a.display_name')]));
  }
  if (role !== undefined) {
    base = base.where('a.id', 'in', (eb) => eb.selectFrom('account_roles').select('account_id').where('role', '=', role));
  }
  return base;
}

// compiled once per shape (db/prepared.ts): the staff list is read on every visit to the accounts page
const countListed = prepared((db, a: ListArgs) => listed(db, a).select(sql<number>`count(*)`.as('n')));
const pageListed = prepared((db, a: ListArgs) =>
  listed(db, a).select(LISTED_COLUMNS).orderBy('a.created_at', 'desc').limit(a.limit).offset(a.offset),
);

export async function listAccounts(
  db: Executor,
  scope: Scope,
  q: { q?: string; role?: string; page: number; pageSize: number },
  ilike: 'like' | 'ilike',
) {
  const args: ListArgs = {
    scope,
    like: q.q ? `%${escapeLike(q.q)}%` : undefined,
    role: q.role || undefined,
    caseInsensitive: ilike === 'ilike',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  };
  // both at once: on PostgreSQL they run on two pooled connections
  const [total, rows] = await Promise.all([countListed(db, args), pageListed(db, args)]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}

export async function accountInScope(db: Executor, scope: Scope, id: string): Promise<AccountsTable | undefined> {
  return db
    .selectFrom('accounts as a')
    .selectAll('a')
    .where('a.id', '=', id)
    .where('a.kind', '=', 'staff')
    .where(scopeWhere(scope, 'a.subdistrict_id', null))
    .executeTakeFirst();
}

const grantsOfIds = prepared((db, accountIds: string[]) =>
  db
    .selectFrom('account_roles as r')
    .innerJoin('org_units as o', 'o.id', 'r.org_id')
    .select(['r.account_id', 'r.role', 'r.org_id', 'o.name as org_name', 'r.resource_kind', 'r.resource_id'])
    .where('r.account_id', 'in', accountIds)
    .orderBy('r.created_at'),
);

export async function grantsOfMany(db: Executor, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return grantsOfIds(db, accountIds);
}

export async function replaceGrants(
  db: Executor,
  accountId: string,
  subdistrictId: string,
  grants: { role: string; orgId: string; resourceKind?: string | null; resourceId?: string | null }[],
  by: string | null,
  ids: () => string,
) {
  await db.deleteFrom('account_roles').where('account_id', '=', accountId).execute();
  const now = new Date().toISOString();
  if (grants.length === 0) return;
  await db
    .insertInto('account_roles')
    .values(
      grants.map((g) => ({
        id: ids(),
        subdistrict_id: subdistrictId,
        account_id: accountId,
        role: g.role,
        org_id: g.orgId,
        resource_kind: g.resourceKind ?? null,
        resource_id: g.resourceId ?? null,
        created_at: now,
        created_by: by,
      })),
    )
    .execute();
}

export async function sessionsOf(db: Executor, scope: Scope, accountId?: string) {
  let q = db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 'a.username', 's.ip', 's.user_agent', 's.created_at', 's.last_seen_at'])
    .where('a.kind', '=', 'staff')
    .where(scopeWhere(scope, 'a.subdistrict_id', null));
  if (accountId) q = q.where('s.account_id', '=', accountId);
  return q.orderBy('s.last_seen_at', 'desc').limit(500).execute();
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst());
}

/** another account signs in with this phone already */
export async function phoneTaken(db: Executor, phoneHash: string, exceptId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('accounts')
    .select('id')
    .where('phone_hash', '=', phoneHash)
    .where('id', '<>', exceptId)
    .executeTakeFirst());
}

export async function insertStaffAccount(
  exec: Executor,
  a: { id: string; subdistrictId: string; username: string; displayName: string; passwordHash: string; mustChange: boolean },
): Promise<void> {
  const now = new Date().toISOString();
  await exec
    .insertInto('accounts')
    .values({
      id: a.id,
      subdistrict_id: a.subdistrictId,
      username: a.username,
      display_name: a.displayName,
      kind: 'staff',
      phone_hash: null,
      person_id: null,
      password_hash: a.passwordHash,
      must_change_password: a.mustChange ? 1 : 0,
      password_changed_at: a.mustChange ? null : now,
      totp_secret: null,
      totp_enabled: 0,
      failed_count: 0,
      locked_until: null,
      disabled: 0,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateAccount(db: Executor, id: string, set: Partial<Omit<AccountsTable, 'id'>>): Promise<void> {
  await db.updateTable('accounts').set(set).where('id', '=', id).execute();
}

/** ends every session of an account (disabled, roles or password reset, second factor cleared) */
export async function endSessionsOf(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** forgets the wrong TOTP codes counted (unlock) or the whole TOTP state (second factor cleared) */
export async function clearTotpState(db: Executor, accountId: string, what: 'failures' | 'all'): Promise<void> {
  if (what === 'all') await db.deleteFrom('totp_state').where('account_id', '=', accountId).execute();
  else
    await db
      .updateTable('totp_state')
      .set({ failed_count: 0, updated_at: new Date().toISOString() })
      .where('account_id', '=', accountId)
      .execute();
}
