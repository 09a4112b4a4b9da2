import type { InboxItem, OutboxItem } from '../../../contracts/notify';
import type { NotifyInboxTable, NotifyOutboxTable } from '../../db/schema';

export function presentOutbox(row: NotifyOutboxTable & { created_by_name: string | null }): OutboxItem {
  const secret = row.secret === 1;
  return {
    id: row.id,
    channel: row.channel as OutboxItem['channel'],
    recipient: row.recipient_label,
    subject: row.subject,
    body: secret ? null : row.body,
    secret,
    format: row.format === 'markdown' ? 'markdown' : 'text',
    status: row.status as OutboxItem['status'],
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    source: { module: row.source_module, type: row.source_type, id: row.source_id },
    canResend: row.status === 'failed' && !secret,
  };
}

export function presentInbox(row: NotifyInboxTable): InboxItem {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    link: row.link,
    source: { module: row.source_module, type: row.source_type, id: row.source_id },
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
