// AES-256-GCM sealing and keyed hashes of sensitive fields. Plain JavaScript so that the main
// thread (through fields.ts) and the sealing worker (field-worker.mjs) run this one code.
import { createCipheriv, createHmac, createSecretKey, randomFillSync } from 'node:crypto';

export const VERSION = 'v1';

// random IVs drawn from a pool refilled in bulk: one call to the CSPRNG per 4096 fields, not one each
const IV_POOL = Buffer.alloc(12 * 4096);
let ivAt = IV_POOL.length;
function nextIv() {
  if (ivAt >= IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivAt = 0;
  }
  // a view, used at once and never kept: the pool is refilled only after 4096 more fields
  const iv = IV_POOL.subarray(ivAt, ivAt + 12);
  ivAt += 12;
  return iv;
}

// a KeyObject per key Buffer: handing OpenSSL a ready key skips importing the raw bytes on every field
const keyObjects = new WeakMap();
export function keyObject(key) {
  let k = keyObjects.get(key);
  if (!k) {
    k = createSecretKey(key);
    keyObjects.set(key, k);
  }
  return k;
}

/** AES-256-GCM; the stored form is `v1:` + base64(iv | tag | ciphertext). */
export function encryptField(key, plain) {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  const ct = cipher.update(plain, 'utf8');
  const rest = cipher.final(); // empty for GCM, kept for form's sake
  const out = Buffer.allocUnsafe(28 + ct.length + rest.length);
  iv.copy(out, 0);
  cipher.getAuthTag().copy(out, 12);
  ct.copy(out, 28);
  rest.copy(out, 28 + ct.length);
  return `${VERSION}:${out.toString('base64')}`;
}

/** Keyed hash for finding a sensitive value without keeping it in clear. */
export function lookupHash(key, value) {
  return createHmac('sha256', keyObject(key)).update(value.trim().toUpperCase()).digest('hex');
}
