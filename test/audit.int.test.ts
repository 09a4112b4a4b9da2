import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/index';
import { type TestApp, testApp } from './app';
import { linli } from './cli';
import { testDatabaseUrl } from './db';
import { buildBeneficiary } from './factories';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who changed what, with before and after, and the auditor can filter it', async () => {
    const sys = await t.as('sysadmin');
    const estate = t.org.estates.白渡一村 as string;
    expect((await sys.patch(`/api/org/units/${estate}`, { name: '白渡一村（东）' })).status).toBe(200);
    const auditor = await t.as('auditor');
    const res = await auditor.get(`/api/audit?action=org.update&targetId=${estate}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const entry = res.body.items[0];
    expect(entry.actorName).toContain('sysadmin');
    expect(entry.role).toBe('sysadmin');
    expect(entry.requestId).toBeTruthy();
    expect(entry.detail.before.name).toBe('白渡一村');
    expect(entry.detail.after.name).toBe('白渡一村（东）');
    expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('names module actions by their manifest, the record by its masked name, and seeded rows by their origin', async () => {
    await buildBeneficiary(t, { name: '欧阳秀兰' });
    const auditor = await t.as('auditor');
    const res = await auditor.get('/api/audit?action=care.beneficiary_create');
    const entry = res.body.items.find((e: { targetName: string | null }) => e.targetName === '优抚对象 欧***');
    expect(entry, JSON.stringify(res.body.items.map((e: { targetName: string }) => e.targetName))).toBeDefined();
    expect(entry.actionLabel).toEqual({ 'zh-CN': '新增优抚对象', en: 'Add beneficiary' });

    const sys = await t.as('sysadmin');
    const estate = t.org.estates.白渡花苑 as string;
    await sys.patch(`/api/org/units/${estate}`, { name: '白渡花苑（西）' });
    const org = await auditor.get(`/api/audit?action=org.update&targetId=${estate}`);
    expect(org.body.items[0]).toMatchObject({ targetName: '白渡花苑（西）', origin: 'web', actionLabel: null });

    // a row written while seeding says so instead of showing 'seed' as an address
    await t.services.core.audit.record(
      t.database.db,
      { actorId: null, actorName: null, role: null, subdistrictId: t.org.subdistrictId, ip: 'seed', requestId: null },
      { action: 'org.create', targetType: 'org_unit', targetId: estate },
    );
    const seeded = await auditor.get(`/api/audit?action=org.create&targetId=${estate}`);
    expect(seeded.body.items[0]).toMatchObject({ origin: 'seed', ip: null });
  });

  it('notices the newest entries deleted and the head set back to an earlier row', async () => {
    const sys = await t.as('sysadmin');
    for (const name of ['白渡一村（一）', '白渡一村（二）', '白渡一村（三）']) {
      await sys.patch(`/api/org/units/${t.org.estates.白渡一村}`, { name });
    }
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: true });
    const db = t.database.db;
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const earlier = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', '=', head.seq - 2)
      .executeTakeFirstOrThrow();
    const removed = await db.selectFrom('audit_log').selectAll().where('seq', '>', earlier.seq).orderBy('seq').execute();
    await db.deleteFrom('audit_log').where('seq', '>', earlier.seq).execute();
    await db.updateTable('audit_head').set({ seq: earlier.seq, hash: earlier.hash }).where('id', '=', 'chain').execute();
    try {
      const r = (await auditor.get('/api/audit/verify')).body;
      expect(r).toMatchObject({ ok: false, firstBrokenSeq: earlier.seq + 1 });
      expect(r.reason).toContain('链尾签名不符');
      // nor does emptying the signature make it pass: this database's head has been signed before
      await db.updateTable('audit_head').set({ mac: null }).where('id', '=', 'chain').execute();
      expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: false });
    } finally {
      await db.insertInto('audit_log').values(removed).execute();
      await db.updateTable('audit_head').set({ seq: head.seq, hash: head.hash, mac: head.mac }).where('id', '=', 'chain').execute();
    }
    expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('fails the action when its audit entry cannot be written, and keeps nothing of it', async () => {
    const sys = await t.as('sysadmin');
    const db = t.database.db;
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await db.deleteFrom('audit_head').execute();
    try {
      const res = await sys.post('/api/org/units', { parentId: t.org.neighborhoods.金坛, name: '金坛新村' });
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
      const row = await db.selectFrom('org_units').select('id').where('name', '=', '金坛新村').executeTakeFirst();
      expect(row).toBeUndefined();
    } finally {
      await db.insertInto('audit_head').values(head).execute();
    }
  });

  it('verify finds the first entry altered or removed by hand', async () => {
    const sys = await t.as('sysadmin');
    for (const name of ['乔家路甲', '乔家路乙', '乔家路丙']) {
      await sys.post('/api/org/units', { parentId: t.org.neighborhoods.乔家路, name });
    }
    const db = t.database.db;
    const rows = await db.selectFrom('audit_log').select(['seq', 'detail']).orderBy('seq').execute();
    const victim = rows[rows.length - 2];
    if (!victim) throw new Error('no audit rows');
    await db.updateTable('audit_log').set({ detail: '{"after":{"name":"篡改"}}' }).where('seq', '=', victim.seq).execute();
    const auditor = await t.as('auditor');
    const verify = (await auditor.get('/api/audit/verify')).body;
    expect(verify.ok).toBe(false);
    expect(verify.firstBrokenSeq).toBe(victim.seq);
    await db.updateTable('audit_log').set({ detail: victim.detail }).where('seq', '=', victim.seq).execute();
    expect((await auditor.get('/api/audit/verify')).body.ok).toBe(true);
    await db.deleteFrom('audit_log').where('seq', '=', victim.seq).execute();
    expect((await auditor.get('/api/audit/verify')).body.firstBrokenSeq).toBe(victim.seq);
  });
});

describe('linli audit verify (command line)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'linli-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on an intact chain and exits 1 naming the first row changed by hand', async () => {
    const env = { LINLI_DATA_DIR: dir, DATABASE_URL: await testDatabaseUrl(dir), LINLI_ADMIN_PASSWORD: 'Steady-Lantern-4096' };
    for (const [u, role] of [
      ['sys1', 'sysadmin'],
      ['sec1', 'secadmin'],
      ['aud1', 'auditadmin'],
    ]) {
      const r = linli(['create-admin', '--username', u as string, '--name', '管理员', '--role', role as string], env);
      expect(r.status, r.stderr).toBe(0);
    }
    const ok = linli(['audit', 'verify'], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').pop() as string)).toMatchObject({ ok: true, checked: 3 });

    const database = openDatabase(loadConfig({ ...env, NODE_ENV: 'test' }));
    await database.db.updateTable('audit_log').set({ actor_name: 'someone else' }).where('seq', '=', 2).execute();
    await database.close();
    const broken = linli(['audit', 'verify'], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('第 2 条');
  });

  it('refuses a weak administrator password', () => {
    const r = linli(['create-admin', '--username', 'weak1', '--name', '弱', '--role', 'sysadmin'], {
      LINLI_DATA_DIR: dir,
      LINLI_ADMIN_PASSWORD: 'password123',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('密码不符合要求');
  });
});
