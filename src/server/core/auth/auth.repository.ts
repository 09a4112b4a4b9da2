import type { Executor } from '../../db/index';
import type { Grant } from '../access/actor';

export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccount(db: Executor, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('account_roles as r')
    .innerJoin('org_units as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id', 'o.kind', 'o.name', 'o.subdistrict_id'])
    .where('r.account_id', '=', accountId)
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    orgId: r.org_id,
    orgKind: r.kind,
    orgName: r.name,
    subdistrictId: r.subdistrict_id ?? r.org_id,
  }));
}

export async function sessionWithAccount(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.mfa_ok',
      's.created_at as session_created_at',
      's.last_seen_at',
      's.expires_at',
      'a.id as account_id',
      'a.username',
      'a.display_name',
      'a.kind',
      'a.subdistrict_id',
      'a.person_id',
      'a.disabled',
      'a.must_change_password',
      'a.totp_enabled',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionWithAccount>>>;
