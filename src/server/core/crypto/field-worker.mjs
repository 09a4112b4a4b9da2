// Seals (AES-256-GCM) and hashes batches of sensitive values off the main thread, for imports
// that write tens of thousands of people: the main thread meanwhile checks and inserts rows.
// Values come and go packed into one string (see `pack` in sealer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { encryptField, lookupHash } from './field-cipher.mjs';

const field = Buffer.from(workerData.field);
const lookup = Buffer.from(workerData.lookup);
const SEP = '\u0000';
const unpack = (p) => (typeof p === 'string' ? p.split(SEP) : p);
// hex and base64 never hold NUL: the answer always packs into one string
const pack = (values) => (values.length === 0 ? [] : values.join(SEP));

parentPort.on('message', ({ id, hash, seal }) => {
  try {
    const hashes = unpack(hash).map((v) => lookupHash(lookup, v));
    const sealed = unpack(seal).map((v) => encryptField(field, v));
    parentPort.postMessage({ id, hashes: pack(hashes), sealed: pack(sealed) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
