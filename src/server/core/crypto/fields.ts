import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';

const VERSION = 'v1';

// random IVs drawn from a pool refilled in bulk: one call to the CSPRNG per 4096 fields, not one each
const IV_POOL = Buffer.alloc(12 * 4096);
let ivAt = IV_POOL.length;
function nextIv(): Buffer {
  if (ivAt >= IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivAt = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivAt, ivAt + 12));
  ivAt += 12;
  return iv;
}

/** AES-256-GCM; the stored form is `v1:` + base64(iv | tag | ciphertext). */
export function encryptField(key: Buffer, plain: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function decryptField(key: Buffer, stored: string): string {
  const [version, body] = stored.split(':', 2);
  if (version !== VERSION || !body) throw new Error('unknown field encryption format');
  const buf = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

/** Keyed hash for finding a sensitive value without keeping it in clear. */
export function lookupHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value.trim().toUpperCase()).digest('hex');
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
}
