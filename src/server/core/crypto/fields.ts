import { createDecipheriv } from 'node:crypto';
import { encryptField, keyObject, lookupHash, VERSION } from './field-cipher.mjs';

// sealing and hashing live in plain JavaScript, shared with the worker that seals an import's fields
export { encryptField, lookupHash };

export function decryptField(key: Buffer, stored: string): string {
  const [version, body] = stored.split(':', 2);
  if (version !== VERSION || !body) throw new Error('unknown field encryption format');
  const buf = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyObject(key), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
}
