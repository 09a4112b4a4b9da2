import type { FastifyBaseLogger } from 'fastify';

/** An SMS gateway. Production deployments plug their carrier's API in behind this. */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/** Development provider: the message goes to the server log instead of a phone. */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(phone: string, text: string): Promise<void> {
    this.log.info({ sms: { phone, text } }, `[SMS] ${phone}: ${text}`);
  }
}
