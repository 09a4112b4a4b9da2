import { describe, expect, it } from 'vitest';
import { decryptField, lookupHash } from './fields';
import { deriveKeys } from './keys';
import { FieldSealer } from './sealer';

const keys = deriveKeys(Buffer.alloc(32, 3));
// Chinese, astral and plain text alike, and enough of them to go to the worker
const values = Array.from({ length: 200 }, (_, i) =>
  i % 3 === 0 ? `江平${i}` : i % 3 === 1 ? `𠀋${i}x` : `1390000${String(i).padStart(4, '0')}`,
);

describe('FieldSealer', () => {
  it('seals in the worker what decrypts back byte for byte, with a fresh IV each time', async () => {
    const sealer = new FieldSealer(keys);
    const sealed = await sealer.seal(values);
    expect(sealed.map((s) => decryptField(keys.field, s))).toEqual(values);
    expect(new Set(sealed).size).toBe(values.length);
    const again = await sealer.seal(values);
    expect(again.some((s, i) => s === sealed[i])).toBe(false);
    expect(sealer.workerBatches).toBe(2);
  });

  it('hashes in the worker exactly as lookupHash does, large batches and small ones', async () => {
    const sealer = new FieldSealer(keys);
    expect(await sealer.hash(values)).toEqual(values.map((v) => lookupHash(keys.lookup, v)));
    expect(await sealer.hash(values.slice(0, 3))).toEqual(values.slice(0, 3).map((v) => lookupHash(keys.lookup, v)));
    // the small batch was done on the spot
    expect(sealer.workerBatches).toBe(1);
  });

  it('answers concurrent batches each with its own results', async () => {
    const sealer = new FieldSealer(keys);
    const a = values.slice(0, 100);
    const b = values.slice(100);
    const [ha, hb] = await Promise.all([sealer.hash(a), sealer.hash(b)]);
    expect(ha).toEqual(a.map((v) => lookupHash(keys.lookup, v)));
    expect(hb).toEqual(b.map((v) => lookupHash(keys.lookup, v)));
  });
});

describe('FieldSealer.run', () => {
  it('hashes and seals in one trip, each answer in the order asked', async () => {
    const sealer = new FieldSealer(keys);
    const r = await sealer.run({ hash: values.slice(0, 50), seal: values.slice(50) });
    expect(r.hashes).toEqual(values.slice(0, 50).map((v) => lookupHash(keys.lookup, v)));
    expect(r.sealed.map((s) => decryptField(keys.field, s))).toEqual(values.slice(50));
    expect(sealer.workerBatches).toBe(1);
  });

  it('sends a value holding NUL, or an empty string, as it is', async () => {
    const sealer = new FieldSealer(keys);
    const odd = [...values.slice(0, 20), 'a\u0000b', '', '\u0000'];
    const r = await sealer.run({ hash: [], seal: odd });
    expect(r.hashes).toEqual([]);
    expect(r.sealed.map((s) => decryptField(keys.field, s))).toEqual(odd);
    expect(sealer.workerBatches).toBe(1);
  });
});
