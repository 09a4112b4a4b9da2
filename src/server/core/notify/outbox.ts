import { uuidv7 } from 'uuidv7';
import type { Channel } from '../../../contracts/notify';
import type { Executor } from '../../db/index';
import type { NotifyOutboxTable } from '../../db/schema';
import { encryptField, lookupHash, maskPhone } from '../crypto/fields';
import type { Keys } from '../crypto/keys';
import { maskEmail, maskWebhook, type RobotFormat, renderTemplate } from './notify.domain';

/** Where a message goes; the address is encrypted in the outbox row. */
export type Recipient =
  | { channel: 'sms'; phone: string }
  | { channel: 'email'; email: string }
  | { channel: 'wecom'; webhook: string }
  | { channel: 'dingtalk'; webhook: string; secret?: string }
  | { channel: 'inapp'; accountId: string };

export interface NotifyMessage {
  /** the tenant the message belongs to; null only for messages before sign-in (SMS codes) */
  subdistrictId: string | null;
  neighborhoodId?: string | null;
  to: Recipient;
  /** e-mail subject, in-app title, DingTalk markdown title */
  subject?: string;
  /** text with `{name}` placeholders, filled from `variables` */
  template: string;
  variables?: Record<string, string | number>;
  format?: RobotFormat;
  /** in-app: where the message leads in the app */
  link?: string;
  /** a sign-in code and the like: stored encrypted, never shown in the outbox, never resent */
  secret?: boolean;
  /** the record the message is about, so its page can list what was sent */
  source?: { module: string; type?: string; id?: string };
  createdBy?: string | null;
  maxAttempts?: number;
}

function addressOf(to: Recipient): { hash: string | null; label: string; accountId: string | null; plain: string | null } {
  switch (to.channel) {
    case 'sms':
      return { hash: to.phone, label: maskPhone(to.phone), accountId: null, plain: JSON.stringify(to) };
    case 'email':
      return { hash: to.email.toLowerCase(), label: maskEmail(to.email), accountId: null, plain: JSON.stringify(to) };
    case 'wecom':
    case 'dingtalk':
      return { hash: to.webhook, label: maskWebhook(to.webhook), accountId: null, plain: JSON.stringify(to) };
    case 'inapp':
      return { hash: null, label: '站内用户', accountId: to.accountId, plain: null };
  }
}

/**
 * The one outbox. Modules call `enqueue` inside their own transaction, so a message exists
 * exactly when their change commits; the sender delivers it afterwards, never in the request.
 */
export class Outbox {
  private wakers: (() => void)[] = [];

  constructor(
    private readonly keys: Keys,
    private readonly defaults: { maxAttempts: number },
  ) {}

  async enqueue(exec: Executor, message: NotifyMessage): Promise<string> {
    const row = this.rowOf(message);
    await exec.insertInto('notify_outbox').values(row).execute();
    return row.id;
  }

  /** ask the sender to look now instead of at its next poll (call after the transaction commits) */
  wake(): void {
    for (const w of this.wakers) w();
  }

  onWake(fn: () => void): () => void {
    this.wakers.push(fn);
    return () => {
      this.wakers = this.wakers.filter((w) => w !== fn);
    };
  }

  private rowOf(m: NotifyMessage): NotifyOutboxTable {
    const body = renderTemplate(m.template, m.variables);
    const address = addressOf(m.to);
    const now = new Date().toISOString();
    const secret = m.secret === true;
    const seal = (v: string) => (secret ? encryptField(this.keys.field, v) : v);
    const channel: Channel = m.to.channel;
    return {
      id: uuidv7(),
      subdistrict_id: m.subdistrictId,
      neighborhood_id: m.neighborhoodId ?? null,
      channel,
      recipient: address.plain === null ? null : encryptField(this.keys.field, address.plain),
      recipient_hash: address.hash === null ? null : lookupHash(this.keys.lookup, address.hash),
      recipient_label: address.label,
      recipient_account_id: address.accountId,
      subject: m.subject ?? null,
      template: m.template,
      variables: m.variables ? seal(JSON.stringify(m.variables)) : null,
      body: seal(body),
      format: m.format ?? 'text',
      link: m.link ?? null,
      secret: secret ? 1 : 0,
      status: 'pending',
      attempts: 0,
      max_attempts: m.maxAttempts ?? this.defaults.maxAttempts,
      next_attempt_at: now,
      claimed_at: null,
      last_error: null,
      sent_at: null,
      created_at: now,
      updated_at: now,
      created_by: m.createdBy ?? null,
      source_module: m.source?.module ?? null,
      source_type: m.source?.type ?? null,
      source_id: m.source?.id ?? null,
    };
  }
}
