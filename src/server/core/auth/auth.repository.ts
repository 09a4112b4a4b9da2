import { sql } from 'kysely';
import type { Executor } from '../../db/index';
import type { AccountsTable } from '../../db/schema';
import type { Grant } from '../access/actor';

// Every query of sign-in: accounts and their grants, sessions, counters and windows, password
// history, TOTP state and SMS codes. The services decide; these only read and write.

// ---- accounts -----------------------------------------------------------------------------------

export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccount(db: Executor, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccountByPhone(db: Executor, phoneHash: string) {
  return db.selectFrom('accounts').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst();
}

export async function insertAccount(db: Executor, account: AccountsTable): Promise<void> {
  await db.insertInto('accounts').values(account).execute();
}

export async function updateAccount(db: Executor, id: string, set: Partial<Omit<AccountsTable, 'id'>>): Promise<void> {
  await db.updateTable('accounts').set(set).where('id', '=', id).execute();
}

/** Counts one failed sign-in in one statement and returns the new count (concurrent failures each see their own). */
export async function countFailure(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({ failed_count: eb('failed_count', '+', 1) }))
    .where('id', '=', accountId)
    .returning('failed_count')
    .executeTakeFirst();
  return row?.failed_count ?? 0;
}

export async function lockAccount(db: Executor, accountId: string, until: string): Promise<void> {
  await db.updateTable('accounts').set({ locked_until: until, failed_count: 0 }).where('id', '=', accountId).execute();
}

export async function grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('account_roles as r')
    .innerJoin('org_units as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id', 'o.kind', 'o.name', 'o.subdistrict_id', 'r.resource_kind', 'r.resource_id'])
    .where('r.account_id', '=', accountId)
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({
    role: r.role,
    orgId: r.org_id,
    orgKind: r.kind,
    orgName: r.name,
    subdistrictId: r.subdistrict_id ?? r.org_id,
    resource: r.resource_kind && r.resource_id ? { kind: r.resource_kind, id: r.resource_id } : null,
  }));
}

export async function addGrant(
  db: Executor,
  g: { id: string; subdistrictId: string; accountId: string; role: string; orgId: string; at: string },
): Promise<void> {
  await db
    .insertInto('account_roles')
    .values({
      id: g.id,
      subdistrict_id: g.subdistrictId,
      account_id: g.accountId,
      role: g.role,
      org_id: g.orgId,
      resource_kind: null,
      resource_id: null,
      created_at: g.at,
      created_by: null,
    })
    .execute();
}

// ---- org units ------------------------------------------------------------------------------------

export async function orgUnitName(db: Executor, id: string) {
  return db.selectFrom('org_units').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** the subdistrict and the district above it: their names may not appear in a password */
export async function placeNames(db: Executor, subdistrictId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('org_units as s')
    .leftJoin('org_units as d', 'd.id', 's.parent_id')
    .select(['s.name as subdistrict', 'd.name as district'])
    .where('s.id', '=', subdistrictId)
    .execute();
  return rows.flatMap((r) => [r.subdistrict, r.district ?? '']).filter(Boolean);
}

export async function firstSubdistrict(db: Executor) {
  return db.selectFrom('org_units').select('id').where('kind', '=', 'subdistrict').orderBy('created_at').executeTakeFirst();
}

// ---- sessions ----------------------------------------------------------------------------------------

export async function insertSession(
  db: Executor,
  s: {
    id: string;
    subdistrictId: string;
    accountId: string;
    csrf: string;
    mfaOk: boolean;
    via?: 'password' | 'sms';
    at: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      subdistrict_id: s.subdistrictId,
      account_id: s.accountId,
      csrf_token: s.csrf,
      mfa_ok: s.mfaOk ? 1 : 0,
      via: s.via ?? 'password',
      created_at: s.at.toISOString(),
      last_seen_at: s.at.toISOString(),
      expires_at: s.expiresAt.toISOString(),
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function sessionWithAccount(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.mfa_ok',
      's.via',
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

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** every session of an account but `keep` (after a password change: other sign-ins end) */
export async function deleteOtherSessions(db: Executor, accountId: string, keep: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '!=', keep).execute();
}

/** sessions of an account that have not passed their second factor (after a TOTP lockout) */
export async function deletePendingSessions(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('mfa_ok', '=', 0).execute();
}

export async function touchSession(db: Executor, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function markSecondFactorPassed(db: Executor, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionId).execute();
}

// ---- counters with windows (rate limits) ----------------------------------------------------------

/**
 * Counts one hit on `key` in one statement: a new window starts at 1 when the last one has ended.
 * Returns the count in the current window and when it ends. Shared by every process on the database.
 */
export async function hitCounter(db: Executor, key: string, now: Date, windowMs: number): Promise<{ count: number; expiresAt: string }> {
  const at = now.toISOString();
  const ends = new Date(now.getTime() + windowMs).toISOString();
  const row = await db
    .insertInto('rate_counters')
    .values({ key, count: 1, expires_at: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_counters.expires_at <= ${at} then 1 else rate_counters.count + 1 end`,
        expires_at: sql<string>`case when rate_counters.expires_at <= ${at} then ${ends} else rate_counters.expires_at end`,
      }),
    )
    .returning(['count', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), expiresAt: row.expires_at };
}

export async function deleteExpiredCounters(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('rate_counters').where('expires_at', '<=', now.toISOString()).execute();
}

// ---- password history -----------------------------------------------------------------------------

export async function recentPasswordHashes(db: Executor, accountId: string, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** records a password just set and forgets all but the newest `keep` */
export async function rememberPassword(db: Executor, h: { id: string; accountId: string; hash: string; at: string }, keep: number) {
  await db.insertInto('password_history').values({ id: h.id, account_id: h.accountId, password_hash: h.hash, created_at: h.at }).execute();
  await db
    .deleteFrom('password_history')
    .where('account_id', '=', h.accountId)
    .where('id', 'not in', (eb) =>
      eb
        .selectFrom('password_history')
        .select('id')
        .where('account_id', '=', h.accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .execute();
}

// ---- TOTP state --------------------------------------------------------------------------------------

async function ensureTotpState(db: Executor, accountId: string, at: string): Promise<void> {
  await db
    .insertInto('totp_state')
    .values({ account_id: accountId, last_step: null, failed_count: 0, updated_at: at })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

export async function lastTotpStep(db: Executor, accountId: string): Promise<number | null> {
  const row = await db.selectFrom('totp_state').select('last_step').where('account_id', '=', accountId).executeTakeFirst();
  return row?.last_step ?? null;
}

/**
 * Takes a TOTP time-step for the account if it is later than the last one taken; false when it
 * is the same or earlier (a replayed code), also when two requests race with one code.
 */
export async function takeTotpStep(db: Executor, accountId: string, step: number, at: string): Promise<boolean> {
  await ensureTotpState(db, accountId, at);
  const res = await db
    .updateTable('totp_state')
    .set({ last_step: step, failed_count: 0, updated_at: at })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** counts one wrong TOTP code and returns the count since the last right one */
export async function countTotpFailure(db: Executor, accountId: string, at: string): Promise<number> {
  await ensureTotpState(db, accountId, at);
  const row = await db
    .updateTable('totp_state')
    .set((eb) => ({ failed_count: eb('failed_count', '+', 1), updated_at: at }))
    .where('account_id', '=', accountId)
    .returning('failed_count')
    .executeTakeFirstOrThrow();
  return Number(row.failed_count);
}

export async function resetTotpFailures(db: Executor, accountId: string, at: string): Promise<void> {
  await db.updateTable('totp_state').set({ failed_count: 0, updated_at: at }).where('account_id', '=', accountId).execute();
}

// ---- SMS codes ----------------------------------------------------------------------------------------

export async function insertSmsCode(
  db: Executor,
  c: { id: string; phoneHash: string; codeHash: string; ip: string | null; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sms_codes')
    .values({
      id: c.id,
      phone_hash: c.phoneHash,
      code_hash: c.codeHash,
      ip: c.ip,
      attempts: 0,
      created_at: c.at.toISOString(),
      expires_at: c.expiresAt.toISOString(),
      consumed_at: null,
    })
    .execute();
}

/** the phone's codes not yet used nor expired, newest first */
export async function liveSmsCodes(db: Executor, phoneHash: string, now: Date, limit: number) {
  return db
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone_hash', '=', phoneHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** one wrong code counts against every live code of the phone, in one statement */
export async function countSmsFailure(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('sms_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/** marks a code used; false when another request used it first */
export async function consumeSmsCode(db: Executor, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('sms_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
