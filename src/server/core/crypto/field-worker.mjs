// Seals (AES-256-GCM) and hashes batches of sensitive values off the main thread, for imports
// that write tens of thousands of people: the main thread meanwhile checks and inserts rows.
import { parentPort, workerData } from 'node:worker_threads';
import { encryptField, lookupHash } from './field-cipher.mjs';

const field = Buffer.from(workerData.field);
const lookup = Buffer.from(workerData.lookup);

parentPort.on('message', ({ id, op, values }) => {
  try {
    const out = op === 'seal' ? values.map((v) => encryptField(field, v)) : values.map((v) => lookupHash(lookup, v));
    parentPort.postMessage({ id, out });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
