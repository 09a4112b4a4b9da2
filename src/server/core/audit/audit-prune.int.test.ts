import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/db';
import type { Database } from '../../db/index';
import { AuditLog } from './audit.service';

/** Pruning past the retention period keeps the rest of the chain checkable, and hand-removal still shows. */
let database: Database;
let audit: AuditLog;
const who = { actorId: null, actorName: 'test', role: null, subdistrictId: null, ip: null, requestId: null };
const rows = () => database.db.selectFrom('audit_log').select(['seq', 'action', 'at', 'detail']).orderBy('seq').execute();

beforeAll(async () => {
  database = await testDatabase();
  audit = new AuditLog(database.db, database.dialect, randomBytes(32));
  await audit.signHead();
  for (let i = 1; i <= 6; i++) await audit.record(database.db, who, { action: 'test.change', detail: { i } });
});
afterAll(() => database.close());

describe('pruning the audit log', () => {
  it('removes the entries before the cutoff, records that it did, and the chain still verifies', async () => {
    const before = await rows();
    const cutoff = new Date(Date.parse((before[3] as { at: string }).at) + 1);
    const newest = Math.max(...before.map((r) => r.seq));
    const expectGone = before.filter((r) => r.at < cutoff.toISOString() && r.seq < newest).map((r) => r.seq);
    expect(await audit.prune(cutoff)).toBe(expectGone.length);
    const after = await rows();
    expect(after.map((r) => r.seq)).toEqual([...before.map((r) => r.seq).filter((s) => !expectGone.includes(s)), before.length + 1]);
    expect(after.at(-1)).toMatchObject({
      action: 'audit.pruned',
      detail: JSON.stringify({ through: Math.max(...expectGone), count: expectGone.length, before: cutoff.toISOString() }),
    });
    expect(await audit.verify()).toMatchObject({ ok: true, checked: after.length });
    // pruning again with the same cutoff removes only what the first run had to keep as the newest
    const keptNewest = after.filter((r) => r.at < cutoff.toISOString() && r.seq < Math.max(...after.map((x) => x.seq))).length;
    expect(keptNewest).toBeLessThanOrEqual(1);
    expect(await audit.prune(cutoff)).toBe(keptNewest);
  });

  it('never removes the newest entry, whatever the cutoff', async () => {
    const newest = (await rows()).at(-1);
    await audit.prune(new Date(Date.now() + 3600_000));
    const left = await rows();
    expect(left.map((r) => r.seq)).toEqual([newest?.seq, (newest?.seq ?? 0) + 1]);
    expect(left.map((r) => r.action)).toEqual([newest?.action, 'audit.pruned']);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('catches an entry removed by hand after the pruned start, and a start moved by hand', async () => {
    for (let i = 7; i <= 9; i++) await audit.record(database.db, who, { action: 'test.change', detail: { i } });
    const first = await database.db.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    const head = await database.db.selectFrom('audit_head').select(['pruned_seq', 'pruned_hash']).executeTakeFirstOrThrow();
    // moving the signed start forward over the first entry does not pass for a pruning
    const row = await database.db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', first.seq).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_head').set({ pruned_seq: row.seq, pruned_hash: row.hash }).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, reason: expect.stringContaining('链首签名不符') });
    await database.db.updateTable('audit_head').set({ pruned_seq: head.pruned_seq, pruned_hash: head.pruned_hash }).execute();
    expect((await audit.verify()).ok).toBe(true);
    await database.db.deleteFrom('audit_log').where('seq', '=', first.seq).execute();
    expect(await audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: first.seq });
  });
});
