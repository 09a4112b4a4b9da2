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

/**
 * Development provider: the message goes to the terminal instead of a phone, as one readable line
 * (`[SMS] 13900001234: 【邻里】您的登录验证码是 123456，…`), and to the log at debug.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(phone: string, text: string): Promise<void> {
    process.stdout.write(`[SMS] ${phone}: ${text}\n`);
    this.log.debug({ sms: { phone } }, 'SMS written to the terminal (console provider)');
  }
}
