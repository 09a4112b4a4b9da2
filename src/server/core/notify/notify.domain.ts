import { createHmac } from 'node:crypto';

/** A delivery that did not happen; `permanent` ones are not retried (bad address, over the cap). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Fills `{name}` placeholders; a placeholder without a value is a programming error, caught at enqueue. */
export function renderTemplate(template: string, variables: Record<string, string | number> = {}): string {
  const missing = new Set<string>();
  const out = template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = variables[name];
    if (v === undefined || v === null) {
      missing.add(name);
      return '';
    }
    return String(v);
  });
  if (missing.size > 0) throw new Error(`通知模板缺少变量：${[...missing].join('、')}`);
  return out;
}

/** Delay before retry `attempt` (1 = after the first failure): base, 2×base, 4×base … at most `capMs`. */
export function backoffMs(attempt: number, baseMs: number, capMs = 6 * 3_600_000): number {
  const exp = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(baseMs * 2 ** exp, capMs);
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** A robot's webhook carries its access token; show only the host and the token's last characters. */
export function maskWebhook(url: string): string {
  try {
    const u = new URL(url);
    const token = u.searchParams.get('key') ?? u.searchParams.get('access_token') ?? '';
    return `${u.host} …${token.slice(-4)}`;
  } catch {
    return '（地址无效）';
  }
}

export function truncateError(message: string): string {
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

// ---- group robots ---------------------------------------------------------------------------

export type RobotFormat = 'text' | 'markdown';

/** WeCom (企业微信) group robot message body. */
export function wecomPayload(format: RobotFormat, body: string): Record<string, unknown> {
  return format === 'markdown' ? { msgtype: 'markdown', markdown: { content: body } } : { msgtype: 'text', text: { content: body } };
}

/** DingTalk (钉钉) group robot message body; markdown needs a title for the chat list. */
export function dingtalkPayload(format: RobotFormat, body: string, title: string | null): Record<string, unknown> {
  return format === 'markdown'
    ? { msgtype: 'markdown', markdown: { title: title ?? body.slice(0, 20), text: body } }
    : { msgtype: 'text', text: { content: body } };
}

/** DingTalk's "加签": base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function signedDingtalkUrl(url: string, secret: string | undefined, timestamp: number): string {
  if (!secret) return url;
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return u.toString();
}

// errcodes meaning "too many messages, slow down": worth retrying
const ROBOT_RATE_LIMITED = new Set([45009, 130101, 660026]);

/** Reads a robot's answer `{ errcode, errmsg }`; anything but errcode 0 is a failure. */
export function robotOutcome(status: number, text: string): DeliveryError | null {
  if (status >= 500 || status === 429 || status === 408) return new DeliveryError(`HTTP ${status}`);
  if (status >= 400) return new DeliveryError(`HTTP ${status}: ${text.slice(0, 200)}`, true);
  let parsed: { errcode?: number; errmsg?: string };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return new DeliveryError(`机器人返回了无法识别的内容：${text.slice(0, 200)}`);
  }
  if (parsed.errcode === 0 || parsed.errcode === undefined) return null;
  const msg = `机器人返回错误 ${parsed.errcode}：${parsed.errmsg ?? ''}`;
  return new DeliveryError(msg, !ROBOT_RATE_LIMITED.has(parsed.errcode));
}
