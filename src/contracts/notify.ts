import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common';

export const CHANNELS = ['sms', 'email', 'wecom', 'dingtalk', 'inapp'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** what the admin pages show for each code */
export const CHANNEL_LABELS: Record<Channel, string> = {
  sms: '短信',
  email: '电子邮件',
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  inapp: '站内消息',
};
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

export const OutboxSource = z.object({
  module: z.string().nullable(),
  type: z.string().nullable(),
  id: z.string().nullable(),
});

export const OutboxItem = z.object({
  id: Id,
  channel: Channel,
  /** masked: 138****5678, z***@example.com, the robot's host and the last characters of its key */
  recipient: z.string(),
  subject: z.string().nullable(),
  /** the text as sent; null for a secret message (a sign-in code), which is never shown */
  body: z.string().nullable(),
  secret: z.boolean(),
  format: z.enum(['text', 'markdown']),
  status: OutboxStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  source: OutboxSource,
  /** a failed, non-secret message may be sent again */
  canResend: z.boolean(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
export const OutboxPage = pageOf(OutboxItem);
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = PageQuery.extend({
  status: OutboxStatus.optional(),
  channel: Channel.optional(),
  sourceModule: z.string().trim().max(40).optional(),
  sourceType: z.string().trim().max(60).optional(),
  sourceId: z.string().trim().max(64).optional(),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const InboxItem = z.object({
  id: Id,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  source: OutboxSource,
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxPage = pageOf(InboxItem).extend({ unread: z.number().int() });
export type InboxPage = z.infer<typeof InboxPage>;

export const InboxQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;
