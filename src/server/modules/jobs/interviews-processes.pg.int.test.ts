import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestApp } from '../../../../test/app';
import { systemContext } from '../../../../test/factories';
import { freePort } from '../../../../test/pg-cluster';
import { applyAll, SseStream } from '../../../../test/sse';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { decryptField } from '../../core/crypto/fields';
import { deriveKeys } from '../../core/crypto/keys';
import { type Database, openDatabase } from '../../db/index';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo';
import { buildEmployer, buildFair, buildSeeker } from './test/jobs-factories';

// Issue #10, more than one process: two real app processes (`main.ts start`) on the test cluster.
// An officer's call-next on process A reaches a candidate's page streaming from process B, and
// two officers pressing call-next on A and B at the same moment call one candidate. PostgreSQL only:
// on SQLite a database belongs to one process (interviews.int.test.ts covers that case).
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const MASTER = randomBytes(32).toString('hex');

interface Proc {
  child: ChildProcess;
  base: string;
}

let dir: string;
let url: string;
let database: Database;
const procs: Proc[] = [];

async function startProcess(name: string): Promise<Proc> {
  const dataDir = path.join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      LINLI_MASTER_KEY: MASTER,
      LINLI_LOG_LEVEL: 'silent',
      LINLI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (out.includes('已启动')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${out}`)));
  });
  const proc = { child, base: `http://127.0.0.1:${port}` };
  procs.push(proc);
  return proc;
}

/** an officer signed in on one process: cookie and CSRF token */
async function officer(p: Proc) {
  const login = await fetch(`${p.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'jobs', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const me = (await (await fetch(`${p.base}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return (route: string, body: unknown) =>
    fetch(`${p.base}${route}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-fairday-'));
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const a = await startProcess('a');
  await startProcess('b');
  database = openDatabase({ database: { kind: 'postgres', url } });
  void a;
}, 120_000);

afterAll(async () => {
  for (const p of procs) {
    if (p.child.exitCode !== null) continue;
    const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
    p.child.kill('SIGTERM');
    await exited;
  }
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// several app processes share one database only on PostgreSQL (SQLite is one process by design;
// vitest.config.ts runs `*.pg.int.test.ts` on PostgreSQL only)
describe('the fair day on two app processes', () => {
  it('a call-next on A reaches a candidate page on B; officers on A and B at once call one candidate', async () => {
    const [A, B] = procs as [Proc, Proc];
    const { org } = await seedDemo(database.db);
    // the fair is made by the services of a third, in-process app on the same database
    const keys = deriveKeys(Buffer.from(MASTER, 'hex'));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LINLI_DATA_DIR: path.join(dir, 'c'), LINLI_LOG_LEVEL: 'silent' });
    const c = await buildApp({ config, database, keys, logger: false, backgroundSender: false });
    try {
      const t = { services: c.services, org, database: { db: database.db } } as unknown as TestApp;
      const ctx = systemContext(t);
      const fairId = (await buildFair(t)).id;
      const employerId = await buildEmployer(t);
      const position = await c.services.jobs.positions.createPosition(ctx, {
        employerId,
        fairId,
        title: '仓储管理员',
        category: '物流/仓储',
        industry: '物流',
        district: '黄浦区',
        salaryMin: 6000,
        salaryMax: 8000,
        education: '高中',
        majors: [],
        experienceYears: 0,
        headcount: 3,
        description: '仓库收发货',
        skills: '叉车',
      });
      const seekerIds: string[] = [];
      for (const n of ['一', '二', '三']) {
        const s = await buildSeeker(t, { name: `候选人${n}` });
        seekerIds.push(s.id);
        await c.services.jobs.seekers.applyFor(ctx, s.id, { positionId: position.id, clientKey: `procs-${n}` });
      }
      const room = await c.services.jobs.interviews.createRoom(ctx, fairId, {
        name: '仓储面试间',
        positionIds: [position.id],
        meeting: '会议号 700 800 900',
      });
      await c.services.jobs.interviews.generate(ctx, fairId, { start: '13:00', slotMinutes: 15, bufferMinutes: 5 });
      await c.services.jobs.interviews.publish(ctx, fairId);
      const first = await database.db
        .selectFrom('jobs_interviews')
        .select(['seeker_id'])
        .where('room_id', '=', room?.id as string)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirstOrThrow();
      const tokenRow = await database.db
        .selectFrom('jobs_candidate_tokens')
        .select('token_enc')
        .where('seeker_id', '=', first.seeker_id)
        .executeTakeFirstOrThrow();
      const token = decryptField(keys.field, tokenRow.token_enc);

      const stream = await SseStream.open(`${B.base}/api/jobs/q/${token}/stream`);
      try {
        expect(stream.status).toBe(200);
        await stream.count(1);
        expect(applyAll(stream.messages).items[0].message).toMatch(/^您是下一位/);
        const onA = await officer(A);
        const onB = await officer(B);
        const [x, y] = await Promise.all([
          onA(`/api/jobs/rooms/${room?.id}/call-next`, { current: null }),
          onB(`/api/jobs/rooms/${room?.id}/call-next`, { current: null }),
        ]);
        expect([x.status, y.status].sort()).toEqual([200, 409]);
        const called = await database.db.selectFrom('jobs_interviews').select('seeker_id').where('status', '=', 'interviewing').execute();
        expect(called).toEqual([{ seeker_id: first.seeker_id }]);
        // the page on B hears it through PostgreSQL's LISTEN/NOTIFY
        const isCalled = () => applyAll(stream.messages).items[0]?.meeting === '会议号 700 800 900';
        for (let n = 2; !isCalled(); n++) await stream.count(n);
        expect(applyAll(stream.messages).items[0].message).toContain('轮到您了');
        expect(JSON.stringify(stream.messages)).not.toMatch(/候选人[二三]/);
      } finally {
        stream.close();
      }
    } finally {
      await c.app.close();
    }
  });
});
