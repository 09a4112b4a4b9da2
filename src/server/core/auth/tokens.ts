import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');

/** sessions are stored under the hash of their token, so a database dump yields no usable cookie */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export const newSmsCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const codeHash = (key: Buffer, phone: string, code: string) =>
  createHmac('sha256', key).update(`sms:${phone}:${code}`).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
