import type { FastifyBaseLogger } from 'fastify';
import type { Channel } from '../../../contracts/notify';
import type { DbDialect } from '../../db/dialect/index';
import type { Db } from '../../db/index';
import type { NotifyOutboxTable } from '../../db/schema';
import { decryptField } from '../crypto/fields';
import type { Keys } from '../crypto/keys';
import type { ChannelSender, Delivery } from './channels';
import { backoffMs, DeliveryError, type RobotFormat, truncateError } from './notify.domain';
import { claimDue, claimedRow, markAttemptFailed, markSent, releaseStale } from './notify.repository';
import type { Recipient } from './outbox';

export interface SenderOptions {
  /** first retry delay; doubles with each further failure */
  backoffMs: number;
  /** how often to look for due messages when nobody wakes the sender */
  pollMs: number;
  batch?: number;
  /** a message left `sending` this long (its sender died) is tried again */
  leaseMs?: number;
  /** how rows are locked when claimed (PostgreSQL: SKIP LOCKED); without it, SQLite's plain path */
  dialect?: Pick<DbDialect, 'forUpdateSkipLocked'>;
}

const plain: Pick<DbDialect, 'forUpdateSkipLocked'> = { forUpdateSkipLocked: (qb) => qb };

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers the outbox in the background: claims due messages (safely across processes), sends
 * each on its channel, records sent / retry-later / failed with the reason.
 */
export class NotifySender {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private kicked = false;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly keys: Keys,
    private readonly channels: Record<Channel, ChannelSender>,
    private readonly log: FastifyBaseLogger,
    private readonly opts: SenderOptions,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** look for due messages now (after a commit that enqueued one) */
  wake(): void {
    if (this.started) this.kick();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain;
  }

  /** Sends everything due at `at` (default now) and returns when done: the tests' deterministic step. */
  drain(at: Date = new Date()): Promise<DrainResult> {
    return this.serial(() => this.pass(at));
  }

  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    this.serial(async () => {
      this.kicked = false;
      if (this.started) await this.pass(new Date());
    }).catch((err) => this.log.error({ err }, 'notify sender pass failed'));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async pass(at: Date): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    const now = at.toISOString();
    await releaseStale(this.db, new Date(at.getTime() - (this.opts.leaseMs ?? 10 * 60_000)).toISOString());
    for (;;) {
      // claim the whole batch before delivering any of it, so that checks across the batch
      // (the SMS daily cap) see every message in flight; rows another sender holds are passed over
      const mine = await claimDue(this.db, this.opts.dialect ?? plain, now, this.opts.batch ?? 20);
      if (mine.length === 0) break;
      const outcomes = await Promise.all(mine.map((id) => this.deliver(id, at)));
      for (const o of outcomes) result[o]++;
    }
    return result;
  }

  private async deliver(id: string, at: Date): Promise<keyof DrainResult> {
    const now = at.toISOString();
    const row = await claimedRow(this.db, id);
    try {
      const send = this.channels[row.channel as Channel];
      if (!send) throw new DeliveryError(`未知的发送渠道：${row.channel}`, true);
      await send(this.decode(row));
      await markSent(this.db, id, now);
      return 'sent';
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message ?? String(err));
      const reason = truncateError(e.message);
      const giveUp = e.permanent || row.attempts >= row.max_attempts;
      this.log.warn({ outboxId: id, channel: row.channel, attempt: row.attempts, permanent: e.permanent }, `notify: ${reason}`);
      if (giveUp) {
        await markAttemptFailed(this.db, id, reason, { failed: true }, now);
        return 'failed';
      }
      const retryAt = new Date(at.getTime() + backoffMs(row.attempts, this.opts.backoffMs)).toISOString();
      await markAttemptFailed(this.db, id, reason, { retryAt }, now);
      return 'retrying';
    }
  }

  private decode(row: NotifyOutboxTable): Delivery {
    const open = (v: string) => (row.secret ? decryptField(this.keys.field, v) : v);
    let to: Recipient;
    try {
      to =
        row.channel === 'inapp'
          ? { channel: 'inapp', accountId: row.recipient_account_id ?? '' }
          : (JSON.parse(decryptField(this.keys.field, row.recipient ?? '')) as Recipient);
    } catch {
      throw new DeliveryError('无法解密收件人地址（主密钥是否已更换？）', true);
    }
    return {
      id: row.id,
      subdistrictId: row.subdistrict_id,
      to,
      subject: row.subject,
      body: open(row.body),
      format: row.format as RobotFormat,
      link: row.link,
      template: row.template,
      variables: row.variables ? (JSON.parse(open(row.variables)) as Record<string, string | number>) : null,
      source: { module: row.source_module, type: row.source_type, id: row.source_id },
    };
  }
}
