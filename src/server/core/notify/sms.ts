import type { FastifyBaseLogger } from 'fastify';

/** A template message: carriers' APIs (Aliyun, Tencent Cloud) send a registered template and its variables. */
export interface SmsTemplate {
  template: string;
  variables: Record<string, string | number>;
}

/** An SMS gateway. Production deployments plug their carrier's API in behind this. */
export interface SmsProvider {
  readonly name: string;
  /** `text` is the rendered message; `template` is there for gateways that want the template and its values */
  send(phone: string, text: string, template?: SmsTemplate): Promise<void>;
}

/** Development provider: the message goes to the server log instead of a phone. */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(phone: string, text: string): Promise<void> {
    this.log.info({ sms: { phone, text } }, `[SMS] ${phone}: ${text}`);
  }
}
