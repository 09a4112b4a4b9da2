import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db';
import type { Database } from '../../db/index';
import { AuditLog, GENESIS, HEAD_SIGNED } from './audit.service';

/**
 * A database from before signed audit heads (migration 0015): its chain starts at GENESIS and its
 * head has no MAC. On its first start the head is signed once, with an entry saying so; from then
 * on cutting the tail is caught, as on a chain born signed.
 */
let database: Database;
let audit: AuditLog;
const who = { actorId: null, actorName: 'test', role: null, subdistrictId: null, ip: null, requestId: null };

const head = () => database.db.selectFrom('audit_head').select(['seq', 'hash', 'mac']).executeTakeFirstOrThrow();

beforeAll(async () => {
  database = await testDatabase();
  audit = new AuditLog(database.db, database.dialect, randomBytes(32));
  // the old chain: starts at GENESIS, heads never signed
  await database.db.updateTable('audit_head').set({ seq: 0, hash: GENESIS, mac: null }).execute();
  for (let i = 1; i <= 4; i++) await audit.record(database.db, who, { action: 'legacy.change', detail: { i } });
  await database.db.updateTable('audit_head').set({ mac: null }).execute();
});
afterAll(() => database.close());

describe('audit chains from before signed heads', () => {
  it('verifies an old unsigned chain as it stands', async () => {
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 4 });
  });

  it('signs the head once on start, with an entry that says from where', async () => {
    await audit.signHead();
    await audit.signHead();
    const signed = await database.db.selectFrom('audit_log').select(['seq', 'detail']).where('action', '=', HEAD_SIGNED).execute();
    expect(signed).toEqual([{ seq: 5, detail: JSON.stringify({ from: 4 }) }]);
    expect((await head()).mac).toMatch(/^[0-9a-f]{64}$/);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: 5 });
  });

  it('catches a tail cut back to an earlier entry with the head made unsigned again', async () => {
    await audit.record(database.db, who, { action: 'legacy.change', detail: { i: 6 } });
    const earlier = await database.db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', 5).executeTakeFirstOrThrow();
    await database.db.deleteFrom('audit_log').where('seq', '>', 5).execute();
    await database.db.updateTable('audit_head').set({ seq: earlier.seq, hash: earlier.hash, mac: null }).execute();
    const r = await audit.verify();
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('链尾签名不符');
    // and a restart does not sign the cut head as if it were an old chain
    await audit.signHead();
    expect((await head()).mac).toBeNull();
    expect((await audit.verify()).ok).toBe(false);
  });
});
