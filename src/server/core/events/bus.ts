import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { DbDialect } from '../../db/dialect/index';

export interface BusEvent {
  topic: string;
  /** small facts only (ids, counts): a subscriber reads what it needs through its own scoped queries */
  data: Record<string, unknown>;
}

const CHANNEL = 'linli_events';

/**
 * The real-time bus: in-process subscribers, and on PostgreSQL every process through
 * LISTEN/NOTIFY, so that a live page served by one process sees a change made in another.
 * Publish after the transaction that made the change has committed.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly origin = randomUUID();
  private unlisten?: () => Promise<void>;

  constructor(
    private readonly dialect: DbDialect,
    private readonly log: FastifyBaseLogger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (!this.dialect.notifications) return;
    this.unlisten = await this.dialect.notifications.listen(CHANNEL, (payload) => {
      try {
        const { origin, ...event } = JSON.parse(payload) as BusEvent & { origin: string };
        if (origin !== this.origin) this.deliver(event);
      } catch (err) {
        this.log.warn({ err }, 'bad event on the bus');
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.emitter.removeAllListeners();
  }

  async publish(topic: string, data: Record<string, unknown> = {}): Promise<void> {
    const event: BusEvent = { topic, data };
    // here at once (a caller may rely on it for its very next request), elsewhere through the database
    this.deliver(event);
    if (this.dialect.notifications && this.unlisten) {
      await this.dialect.notifications.notify(CHANNEL, JSON.stringify({ ...event, origin: this.origin }));
    }
  }

  /** `topic` matches exactly, or every topic under it when it ends in `.*` */
  subscribe(topic: string, handler: (event: BusEvent) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  private deliver(event: BusEvent): void {
    this.emitter.emit(event.topic, event);
    const parts = event.topic.split('.');
    for (let i = parts.length - 1; i > 0; i--) this.emitter.emit(`${parts.slice(0, i).join('.')}.*`, event);
  }
}
