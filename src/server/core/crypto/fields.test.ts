import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, lookupHash, maskIdNumber, maskPhone } from './fields';
import { deriveKeys } from './keys';

const keys = deriveKeys(randomBytes(32));

describe('field encryption', () => {
  it('round-trips any text and never stores it in clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (plain) => {
        const stored = encryptField(keys.field, plain);
        expect(decryptField(keys.field, stored)).toBe(plain);
        expect(stored).not.toContain(plain.length > 3 ? plain : '\u0000never');
      }),
    );
  });

  it('refuses a tampered value and a wrong key', () => {
    const stored = encryptField(keys.field, '310101199001011234');
    const body = Buffer.from(stored.slice(3), 'base64');
    body[body.length - 1] = (body.at(-1) ?? 0) ^ 1;
    expect(() => decryptField(keys.field, `v1:${body.toString('base64')}`)).toThrow();
    expect(() => decryptField(deriveKeys(randomBytes(32)).field, stored)).toThrow();
  });

  it('derives separate keys for separate uses', () => {
    expect(keys.field.equals(keys.lookup)).toBe(false);
    expect(keys.lookup.equals(keys.audit)).toBe(false);
  });

  it('hashes lookups the same way regardless of case and spaces', () => {
    expect(lookupHash(keys.lookup, ' 31010119900101123x')).toBe(lookupHash(keys.lookup, '31010119900101123X'));
  });

  it('masks phones and ID numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('310101199001011234')).toBe('310101********1234');
  });
});
