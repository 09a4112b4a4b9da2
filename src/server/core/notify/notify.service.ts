import {
  type InboxPage,
  type InboxQuery,
  OUTBOX_STATUS_LABELS,
  type OutboxItem,
  type OutboxPage,
  type OutboxQuery,
  type OutboxStatus,
} from '../../../contracts/notify';
import { scopeFor } from '../access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../context';
import { conflict, notFound } from '../errors';
import { presentInbox, presentOutbox } from './notify.presenter';
import { inboxOwned, listInbox, listOutbox, markRead, outboxInScope, requeue, unreadCount } from './notify.repository';

/** Staff's view of the outbox (state, resend) and everyone's in-app inbox. */
export class NotifyService {
  constructor(private readonly core: Core) {}

  async list(ctx: RequestContext, q: OutboxQuery): Promise<OutboxPage> {
    const { rows, total } = await listOutbox(this.core.db, scopeFor(requireActor(ctx), 'notify:read'), q);
    return { items: rows.map(presentOutbox), total };
  }

  async get(ctx: RequestContext, id: string): Promise<OutboxItem> {
    const row = await outboxInScope(this.core.db, scopeFor(requireActor(ctx), 'notify:read'), id);
    if (!row) throw notFound('消息');
    return presentOutbox(row);
  }

  /** Puts a failed message back in the queue, with fresh attempts; audited. */
  async resend(ctx: RequestContext, id: string): Promise<OutboxItem> {
    const scope = scopeFor(requireActor(ctx), 'notify:manage');
    const item = await this.core.db.transaction().execute(async (trx) => {
      const row = await outboxInScope(trx, scope, id);
      if (!row) throw notFound('消息');
      if (row.secret) throw conflict('验证码等保密消息不能重发，请让收件人重新获取');
      if (row.status !== 'failed') {
        throw conflict(`只有发送失败的消息可以重发（这条消息${OUTBOX_STATUS_LABELS[row.status as OutboxStatus] ?? row.status}）`);
      }
      await requeue(trx, id, nowIso());
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'notify.resend',
        targetType: 'notify_outbox',
        targetId: id,
        detail: { channel: row.channel, recipient: row.recipient_label, lastError: row.last_error },
      });
      return presentOutbox((await outboxInScope(trx, scope, id)) ?? row);
    });
    this.core.notify.wake();
    return item;
  }

  async inbox(ctx: RequestContext, q: InboxQuery): Promise<InboxPage> {
    const accountId = requireActor(ctx).accountId;
    const { rows, total } = await listInbox(this.core.db, accountId, { ...q, unread: q.unread === 'true' });
    return { items: rows.map(presentInbox), total, unread: await unreadCount(this.core.db, accountId) };
  }

  async unread(ctx: RequestContext): Promise<number> {
    return unreadCount(this.core.db, requireActor(ctx).accountId);
  }

  async markRead(ctx: RequestContext, id: string): Promise<void> {
    const accountId = requireActor(ctx).accountId;
    if (!(await inboxOwned(this.core.db, accountId, id))) throw notFound('消息');
    await markRead(this.core.db, accountId, [id], nowIso());
  }

  async markAllRead(ctx: RequestContext): Promise<void> {
    await markRead(this.core.db, requireActor(ctx).accountId, 'all', nowIso());
  }
}
