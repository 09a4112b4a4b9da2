import nodemailer, { type Transporter } from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Channel } from '../../../contracts/notify';
import type { Config } from '../../config';
import type { Db } from '../../db/index';
import { lookupHash } from '../crypto/fields';
import type { Keys } from '../crypto/keys';
import { DeliveryError, dingtalkPayload, type RobotFormat, robotOutcome, signedDingtalkUrl, wecomPayload } from './notify.domain';
import type { Recipient } from './outbox';
import type { SmsProvider } from './sms';

/** One outbox row, decrypted, on its way out. */
export interface Delivery {
  id: string;
  subdistrictId: string | null;
  to: Recipient;
  subject: string | null;
  body: string;
  format: RobotFormat;
  link: string | null;
  template: string | null;
  variables: Record<string, string | number> | null;
  source: { module: string | null; type: string | null; id: string | null };
}

/** Delivers one message or throws (a `DeliveryError` says whether trying again can help). */
export type ChannelSender = (d: Delivery) => Promise<void>;

const ROBOT_TIMEOUT_MS = 10_000;

const SIGN_IN_CODE = { module: 'auth', type: 'sms_code' } as const;
const isSignInCode = (d: Delivery) => d.source.module === SIGN_IN_CODE.module && d.source.type === SIGN_IN_CODE.type;

export function smsChannel(db: Db, keys: Keys, provider: SmsProvider, dailyCap: number): ChannelSender {
  return async (d) => {
    if (d.to.channel !== 'sms') throw new DeliveryError('收件人不是手机号', true);
    // sign-in codes have their own limits, per requester (core/auth/sms-codes.service.ts): they
    // neither count against the notification cap nor are held back by it
    if (isSignInCode(d)) {
      await provider.send(d.to.phone, d.body, d.template ? { template: d.template, variables: d.variables ?? {} } : undefined);
      return;
    }
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    const sent = await db
      .selectFrom('notify_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'sms')
      .where('recipient_hash', '=', lookupHash(keys.lookup, d.to.phone))
      .where((eb) =>
        eb.or([
          eb('source_type', 'is', null),
          eb('source_type', '!=', SIGN_IN_CODE.type),
          eb('source_module', 'is', null),
          eb('source_module', '!=', SIGN_IN_CODE.module),
        ]),
      )
      // messages in flight to the same phone count too, the earlier ones first, so that a batch
      // delivered in parallel (or by two processes) cannot slip past the cap together
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'sent'), eb('sent_at', '>', dayAgo)]),
          eb.and([eb('status', '=', 'sending'), eb('id', '<', d.id)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    if (Number(sent.n) >= dailyCap) throw new DeliveryError(`该手机号今日短信已达上限（${dailyCap} 条），未发送`, true);
    await provider.send(d.to.phone, d.body, d.template ? { template: d.template, variables: d.variables ?? {} } : undefined);
  };
}

export function emailChannel(smtp: Config['smtp']): ChannelSender {
  let transport: Transporter | null = null;
  return async (d) => {
    if (d.to.channel !== 'email') throw new DeliveryError('收件人不是电子邮件地址', true);
    if (!smtp.url) throw new DeliveryError('未配置邮件服务器（SMTP_URL），无法发送电子邮件', true);
    transport ??= nodemailer.createTransport({ url: smtp.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    try {
      await transport.sendMail({ from: smtp.from, to: d.to.email, subject: d.subject ?? '邻里通知', text: d.body });
    } catch (err) {
      const e = err as Error & { responseCode?: number; response?: string };
      // 5xx: the server refused this mail for good (unknown mailbox, policy); 4xx and network errors pass
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      throw new DeliveryError(`邮件发送失败：${e.response ?? e.message}`, permanent);
    }
  };
}

async function postRobot(url: string, payload: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(ROBOT_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DeliveryError(`无法连接机器人地址：${(err as Error).message}`);
  }
  const outcome = robotOutcome(res.status, await res.text());
  if (outcome) throw outcome;
}

export function wecomChannel(): ChannelSender {
  return async (d) => {
    if (d.to.channel !== 'wecom') throw new DeliveryError('收件人不是企业微信机器人', true);
    await postRobot(d.to.webhook, wecomPayload(d.format, d.body));
  };
}

export function dingtalkChannel(now: () => number = Date.now): ChannelSender {
  return async (d) => {
    if (d.to.channel !== 'dingtalk') throw new DeliveryError('收件人不是钉钉机器人', true);
    await postRobot(signedDingtalkUrl(d.to.webhook, d.to.secret, now()), dingtalkPayload(d.format, d.body, d.subject));
  };
}

/** In-app: the message becomes a row in the account's inbox (once, even if delivered twice). */
export function inappChannel(db: Db): ChannelSender {
  return async (d) => {
    if (d.to.channel !== 'inapp') throw new DeliveryError('收件人不是站内用户', true);
    const account = await db.selectFrom('accounts').select('id').where('id', '=', d.to.accountId).executeTakeFirst();
    if (!account) throw new DeliveryError('收件账号不存在', true);
    await db
      .insertInto('notify_inbox')
      .values({
        id: uuidv7(),
        subdistrict_id: d.subdistrictId,
        account_id: d.to.accountId,
        outbox_id: d.id,
        title: d.subject ?? d.body.slice(0, 30),
        body: d.body,
        link: d.link,
        source_module: d.source.module,
        source_type: d.source.type,
        source_id: d.source.id,
        created_at: new Date().toISOString(),
        read_at: null,
      })
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .execute();
  };
}

export function defaultChannels(db: Db, keys: Keys, config: Config, sms: SmsProvider): Record<Channel, ChannelSender> {
  return {
    sms: smsChannel(db, keys, sms, config.sms.dailyCap),
    email: emailChannel(config.smtp),
    wecom: wecomChannel(),
    dingtalk: dingtalkChannel(),
    inapp: inappChannel(db),
  };
}
