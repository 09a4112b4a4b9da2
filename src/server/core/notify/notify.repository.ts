import { sql } from 'kysely';
import type { OutboxQuery } from '../../../contracts/notify';
import type { DbDialect } from '../../db/dialect/index';
import type { Db, Executor } from '../../db/index';
import { type Scope, scopeWhere } from '../access/actor';

// ---- the sender's side ------------------------------------------------------------------------

/**
 * Takes up to `limit` due messages for this sender in one short transaction: the rows are
 * locked with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so senders of several processes each get
 * different messages without waiting on one another, then marked `sending`. SQLite's
 * transactions are serial, so there the same statements simply run one sender after another.
 */
export async function claimDue(db: Db, dialect: Pick<DbDialect, 'forUpdateSkipLocked'>, now: string, limit: number): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await dialect
      .forUpdateSkipLocked(
        trx
          .selectFrom('notify_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit),
      )
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    await trx
      .updateTable('notify_outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), claimed_at: now, updated_at: now }))
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute();
    return ids;
  });
}

/** A sender that died mid-delivery leaves rows in `sending`; after the lease they are tried again. */
export async function releaseStale(db: Executor, claimedBefore: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'pending', claimed_at: null })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', claimedBefore)
    .execute();
}

export async function claimedRow(db: Executor, id: string) {
  return db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function markSent(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'sent', sent_at: now, last_error: null, claimed_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markAttemptFailed(
  db: Executor,
  id: string,
  error: string,
  next: { retryAt: string } | { failed: true },
  now: string,
): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set(
      'failed' in next
        ? { status: 'failed', last_error: error, claimed_at: null, updated_at: now }
        : { status: 'pending', last_error: error, next_attempt_at: next.retryAt, claimed_at: null, updated_at: now },
    )
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

// ---- staff: the outbox page ---------------------------------------------------------------------

export async function listOutbox(db: Executor, scope: Scope, f: OutboxQuery) {
  let q = db.selectFrom('notify_outbox as o').where(scopeWhere(scope, 'o.subdistrict_id', 'o.neighborhood_id'));
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.sourceModule) q = q.where('o.source_module', '=', f.sourceModule);
  if (f.sourceType) q = q.where('o.source_type', '=', f.sourceType);
  if (f.sourceId) q = q.where('o.source_id', '=', f.sourceId);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('accounts as a', 'a.id', 'o.created_by')
    .selectAll('o')
    .select('a.display_name as created_by_name')
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function outboxInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('notify_outbox as o')
    .leftJoin('accounts as a', 'a.id', 'o.created_by')
    .selectAll('o')
    .select('a.display_name as created_by_name')
    .where('o.id', '=', id)
    .where(scopeWhere(scope, 'o.subdistrict_id', 'o.neighborhood_id'))
    .executeTakeFirst();
}

export async function requeue(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('notify_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, claimed_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- anyone signed in: the in-app inbox -----------------------------------------------------------

export async function listInbox(db: Executor, accountId: string, f: { unread?: boolean; page: number; pageSize: number }) {
  let q = db.selectFrom('notify_inbox').where('account_id', '=', accountId);
  if (f.unread) q = q.where('read_at', 'is', null);
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function unreadCount(db: Executor, accountId: string): Promise<number> {
  const r = await db
    .selectFrom('notify_inbox')
    .select(sql<number>`count(*)`.as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the account's own messages read; returns how many of `ids` were its own. */
export async function markRead(db: Executor, accountId: string, ids: string[] | 'all', now: string): Promise<number> {
  let q = db.updateTable('notify_inbox').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function inboxOwned(db: Executor, accountId: string, id: string) {
  return db.selectFrom('notify_inbox').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}
