import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db';
import type { Database } from '../../db/index';
import { checkedKeys, deriveKeys, KeyMismatch, keyCheckValue, keyFingerprint, MASTER_KEY_FILE } from './keys';

describe('the master key checked against the database', () => {
  let database: Database;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'linli-keys-'));
    dirs.push(d);
    return d;
  };
  const keyA = randomBytes(32).toString('hex');

  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('records a check value of the first key (never the key) and accepts that key again', async () => {
    const keys = await checkedKeys(database.db, { dataDir: dir(), masterKeyHex: keyA });
    expect(keys.audit.equals(deriveKeys(Buffer.from(keyA, 'hex')).audit)).toBe(true);
    const row = await database.db
      .selectFrom('key_check' as never)
      .selectAll()
      .executeTakeFirstOrThrow();
    const { check_value, fingerprint } = row as { check_value: string; fingerprint: string };
    expect(check_value).toBe(keyCheckValue(Buffer.from(keyA, 'hex')));
    expect(check_value).not.toContain(keyA);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint).toBe(keyFingerprint(Buffer.from(keyA, 'hex')));
    // the key from a key file works the same as from the environment
    const d = dir();
    writeFileSync(path.join(d, MASTER_KEY_FILE), `${keyA}\n`, { mode: 0o600 });
    await expect(checkedKeys(database.db, { dataDir: d })).resolves.toBeTruthy();
  });

  it('refuses another key, naming the expected fingerprint and how to provide the key', async () => {
    const d = dir();
    const err = await checkedKeys(database.db, { dataDir: d, masterKeyHex: randomBytes(32).toString('hex') }).catch((e) => e);
    expect(err).toBeInstanceOf(KeyMismatch);
    expect(err.message).toContain('主密钥与数据库不符');
    expect(err.message).toContain(keyFingerprint(Buffer.from(keyA, 'hex')));
    expect(err.message).toContain('LINLI_MASTER_KEY');
    expect(err.message).toContain(path.join(d, MASTER_KEY_FILE));
  });

  it('a fresh data folder without a key refuses instead of making a new key', async () => {
    const d = dir();
    const err = await checkedKeys(database.db, { dataDir: d }).catch((e) => e);
    expect(err).toBeInstanceOf(KeyMismatch);
    expect(err.message).toContain('拒绝生成新密钥');
    expect(existsSync(path.join(d, MASTER_KEY_FILE))).toBe(false);
  });
});

describe('a database written before check values were recorded (before 0013)', () => {
  it('records the key that wrote its audit log, and refuses one that did not', async () => {
    const database = await testDatabase();
    const d = mkdtempSync(path.join(tmpdir(), 'linli-keys-'));
    try {
      const original = randomBytes(32).toString('hex');
      const { AuditLog } = await import('../audit/audit.service');
      const audit = new AuditLog(database.db, database.dialect, deriveKeys(Buffer.from(original, 'hex')).audit);
      await audit.record(
        database.db,
        { actorId: null, actorName: 'cli', role: null, subdistrictId: null, ip: null, requestId: null },
        { action: 'test.before_0013' },
      );
      const err = await checkedKeys(database.db, { dataDir: d, masterKeyHex: randomBytes(32).toString('hex') }).catch((e) => e);
      expect(err).toBeInstanceOf(KeyMismatch);
      expect(err.message).toContain('不是写入本数据库审计日志的密钥');
      expect(
        await database.db
          .selectFrom('key_check' as never)
          .selectAll()
          .execute(),
      ).toHaveLength(0);
      await checkedKeys(database.db, { dataDir: d, masterKeyHex: original });
      const rows = (await database.db
        .selectFrom('key_check' as never)
        .selectAll()
        .execute()) as { fingerprint: string }[];
      expect(rows.map((r) => r.fingerprint)).toEqual([keyFingerprint(Buffer.from(original, 'hex'))]);
    } finally {
      await database.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
