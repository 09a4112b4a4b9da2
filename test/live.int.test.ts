import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { LiveHub } from '../src/server/core/events/live-hub';
import { openDatabase } from '../src/server/db/index';
import { CAMPAIGN_LIVE } from '../src/server/modules/care/campaigns.live';
import { type Client, type TestApp, testApp } from './app';
import { TEST_DB } from './db';
import { buildAccount, buildBeneficiary } from './factories';
import { applyAll, SseStream } from './sse';

// The live hub under care's campaign progress stream, over real HTTP connections.

let t: TestApp;
let base: string;
let care: Client;
let baidu: Client;
let baiduId: string;
let zhonghuaId: string;
let campaignId: string;
let calls = 0;
const streams: SseStream[] = [];

const url = (path = `/api/care/campaigns/${campaignId}/events`) => `${base}${path}`;
const open = async (c: Client, lastEventId?: string) => {
  const s = await SseStream.open(url(), { cookie: c.cookie, lastEventId });
  streams.push(s);
  return s;
};
const stats = () => t.services.core.live.stats(CAMPAIGN_LIVE, campaignId);

/** baidu records one more call on its next pending task (a bus event on the campaign's topic) */
async function recordCall(outcome: 'reached' | 'wrong_number' = 'reached') {
  const queue = await baidu.get(`/api/care/campaigns/${campaignId}/queue`);
  const task = queue.body.items.find((i: { status: string }) => i.status === 'pending');
  const res = await baidu.post(`/api/care/tasks/${task.taskId}/calls`, { clientKey: `live-call-${++calls}`, outcome });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  care = await t.as('care');
  baidu = await t.as('baidu');
  const zhonghua = await t.as('zhonghua');
  baiduId = (await baidu.get('/api/auth/me')).body.account.id;
  zhonghuaId = (await zhonghua.get('/api/auth/me')).body.account.id;
  for (let i = 0; i < 12; i++) await buildBeneficiary(t, { neighborhood: '白渡' });
  for (let i = 0; i < 5; i++) await buildBeneficiary(t, { neighborhood: '中华' });
  // a subdistrict-wide campaign over two neighborhoods, each neighborhood's staff calling its own
  const res = await care.post('/api/care/campaigns', {
    title: '元旦电话慰问',
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    talkingPoints: '问候身体情况。',
    filter: { neighborhoodIds: [t.org.neighborhoods.白渡, t.org.neighborhoods.中华] },
    splitMode: 'neighborhood',
    callerIds: [baiduId, zhonghuaId],
    maxAttempts: 3,
  });
  expect(res.status).toBe(200);
  campaignId = res.body.id;
});
afterAll(async () => {
  for (const s of streams) s.close();
  await t.close();
});

describe('campaign progress on the live hub', () => {
  it('answers with unbuffered event-stream headers and a snapshot with an id', async () => {
    const s = await open(care);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toContain('text/event-stream');
    expect(s.headers['cache-control']).toContain('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    const [first] = await s.count(1);
    expect(first).toMatchObject({ event: 'snapshot', id: expect.stringMatching(/^[0-9a-f]{8}\.\d+$/) });
    expect(first?.data).toMatchObject({ id: campaignId, total: 17, pending: 17 });
    s.close();
  });

  it('shows neighborhood staff only their neighborhood and the calls in it, on the stream, the poll and the detail', async () => {
    const all = await open(care);
    const mine = await open(baidu);
    const [[a], [m]] = await Promise.all([all.count(1), mine.count(1)]);
    expect(a?.data.byNeighborhood.map((r: { label: string }) => r.label).sort()).toEqual(['中华', '白渡']);
    expect(a?.data.byCaller.map((r: { label: string }) => r.label).sort()).toEqual(['中华居委 刘畅', '白渡居委 张萍']);
    // 白渡 staff: no 中华 row, no 中华 caller, totals of 白渡 alone
    expect(m?.data.byNeighborhood).toEqual([expect.objectContaining({ label: '白渡', total: 12 })]);
    expect(m?.data.byCaller).toEqual([expect.objectContaining({ label: '白渡居委 张萍', total: 12 })]);
    expect(m?.data).toMatchObject({ total: 12, pending: 12 });
    const detail = await baidu.get(`/api/care/campaigns/${campaignId}`);
    expect(detail.body.byNeighborhood).toEqual(m?.data.byNeighborhood);
    expect(detail.body.total).toBe(12);
    const list = await baidu.get('/api/care/campaigns');
    expect(list.body.campaigns.find((x: { id: string }) => x.id === campaignId)).toMatchObject({ total: 12, pending: 12 });
    const poll = await baidu.get(`/api/care/campaigns/${campaignId}/live`);
    expect(poll.status).toBe(200);
    expect(poll.body).toEqual({ lastEventId: m?.id, view: m?.data });
    // a 白渡 call reaches both, as a delta of the fields that changed
    await recordCall();
    const [[, da], [, dm]] = await Promise.all([all.count(2), mine.count(2)]);
    expect(dm).toMatchObject({ event: 'delta', data: { reached: 1, pending: 11 } });
    expect(dm?.data).not.toHaveProperty('title');
    expect(da).toMatchObject({ event: 'delta', data: { reached: 1, pending: 16 } });
    expect(applyAll(mine.messages)).toEqual((await baidu.get(`/api/care/campaigns/${campaignId}`)).body);
    all.close();
    mine.close();
  });

  it('loads the shared state once per event for 200 subscribers, and once for a burst', async () => {
    const subs = await Promise.all(Array.from({ length: 200 }, (_, i) => open(i % 2 ? care : baidu)));
    await Promise.all(subs.map((s) => s.count(1)));
    const before = stats();
    // (streams of earlier tests may still be on their way out)
    expect(before?.subscribers).toBeGreaterThanOrEqual(200);
    expect(before?.views).toBe(2);
    await recordCall();
    await Promise.all(subs.map((s) => s.count(2)));
    expect(stats()?.loads).toBe((before?.loads ?? 0) + 1);
    // five events in one tick: one load (and no frame, nothing changed)
    const bus = t.services.core.events;
    await Promise.all(Array.from({ length: 5 }, () => bus.publish(`care.campaign.${campaignId}`, {})));
    await recordCall();
    await Promise.all(subs.map((s) => s.count(3)));
    expect(stats()?.loads).toBe((before?.loads ?? 0) + 3);
    expect(subs.every((s) => s.messages.length === 3)).toBe(true);
    for (const s of subs) s.close();
  });

  it('loses no event across a forced reconnect with Last-Event-ID', async () => {
    const watcher = await open(care);
    const s = await open(care);
    await Promise.all([watcher.count(1), s.count(1)]);
    const seen = s.lastId as string;
    s.close();
    for (let i = 0; i < 3; i++) {
      await recordCall(i === 1 ? 'wrong_number' : 'reached');
      await watcher.count(2 + i);
    }
    const again = await open(care, seen);
    const missed = await again.count(3);
    const seq = Number(seen.split('.')[1]);
    expect(missed.map((m) => [m.event, m.id])).toEqual([1, 2, 3].map((k) => ['delta', `${seen.split('.')[0]}.${seq + k}`]));
    const view = applyAll(missed, s.messages[0]?.data);
    expect(view).toEqual((await care.get(`/api/care/campaigns/${campaignId}`)).body);
    expect(view).toEqual(applyAll(watcher.messages));
    // an id of another process (or of before a restart) gets a full snapshot
    const foreign = await open(care, `00000000.${seq}`);
    expect((await foreign.count(1))[0]).toMatchObject({ event: 'snapshot', data: view });
    // and nothing missed: nothing sent but the keep-alive comments to come
    const current = await open(care, again.lastId as string);
    const next = current.count(1);
    await recordCall();
    expect((await next)[0]).toMatchObject({ event: 'delta' });
    for (const x of [watcher, again, foreign, current]) x.close();
  });

  it('closes the stream of a session that signs out', async () => {
    const other = await t.as('baidu');
    const s = await open(other);
    const kept = await open(baidu);
    await Promise.all([s.count(1), kept.count(1)]);
    expect((await other.post('/api/auth/logout')).status).toBe(200);
    await s.end();
    expect(s.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'signed_out', message: expect.stringContaining('登录') } });
    // the same account's other session keeps its stream
    await recordCall();
    expect((await kept.count(2))[1]?.event).toBe('delta');
    // and the signed-out cookie cannot reopen it
    const refused = await SseStream.open(url(), { cookie: other.cookie ?? 'gone' });
    expect(refused.status).toBe(401);
    kept.close();
  });

  it('follows grant changes: a narrowed scope gets the new view, a lost permission ends the stream', async () => {
    // 白渡 staff calling in a campaign split evenly over 白渡 and 中华: it sees 白渡, and its own 中华 calls
    const staff = await buildAccount(t.database.db, {
      role: 'neighborhood_staff',
      orgId: t.org.neighborhoods.白渡 as string,
      subdistrictId: t.org.subdistrictId,
      displayName: '白渡居委 测试',
    });
    const created = await care.post('/api/care/campaigns', {
      title: '平分慰问',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      talkingPoints: '问候。',
      filter: { neighborhoodIds: [t.org.neighborhoods.白渡, t.org.neighborhoods.中华] },
      splitMode: 'evenly',
      callerIds: [staff.id, zhonghuaId],
      maxAttempts: 3,
    });
    expect(created.status).toBe(200);
    const own = created.body.byCaller.find((r: { label: string }) => r.label === '白渡居委 测试');
    const c = await t.as(staff.username);
    const s = await SseStream.open(`${base}/api/care/campaigns/${created.body.id}/events`, { cookie: c.cookie });
    streams.push(s);
    const [first] = await s.count(1);
    expect(first?.data.byNeighborhood).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: '白渡', total: 12 }), expect.objectContaining({ label: '中华' })]),
    );
    expect(first?.data.byCaller.map((r: { label: string }) => r.label).sort()).toEqual(['中华居委 刘畅', '白渡居委 测试']);
    const regrant = async (role: string, orgId: string) => {
      await t.database.db.updateTable('account_roles').set({ role, org_id: orgId }).where('account_id', '=', staff.id).execute();
      await t.services.auth.sessionsChanged(staff.id);
    };
    // now a volunteer: its own calls only
    await regrant('volunteer', t.org.neighborhoods.白渡 as string);
    const [, narrowed] = await s.count(2);
    expect(narrowed?.event).toBe('snapshot');
    expect(narrowed?.data.byCaller).toEqual([own]);
    expect(narrowed?.data.total).toBe(own.total);
    // no care permission at all: the stream ends
    await regrant('party_staff', t.org.subdistrictId);
    await s.end();
    expect(s.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'forbidden' } });
  });

  it('ends the stream when an administrator changes the account’s roles', async () => {
    const staff = await buildAccount(t.database.db, { role: 'care_staff', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId });
    const s = await open(await t.as(staff.username));
    await s.count(1);
    const admin = await t.as('sysadmin');
    const res = await admin.patch(`/api/accounts/${staff.id}`, { roles: [{ role: 'volunteer', orgId: t.org.neighborhoods.白渡 }] });
    expect(res.status).toBe(200);
    await s.end();
    expect(s.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'signed_out' } });
  });

  it('refuses a campaign the actor may not see before any stream starts', async () => {
    const volunteer = await t.as('volunteer');
    const s = await SseStream.open(url(), { cookie: volunteer.cookie });
    expect(s.status).toBe(404);
    s.close();
  });
});

// only PostgreSQL carries events between processes (LISTEN/NOTIFY); SQLite serves one process
if (TEST_DB === 'postgres')
  describe('across processes', () => {
    it('a call recorded on one app instance reaches a stream served by another over the same database', async () => {
      const database = openDatabase({ database: { kind: 'postgres', url: t.database.url } });
      const { app: b, services } = await buildApp({
        config: t.services.core.config,
        database,
        keys: t.keys,
        logger: false,
        backgroundSender: false,
      });
      try {
        await b.listen({ port: 0, host: '127.0.0.1' });
        const port = (b.server.address() as AddressInfo).port;
        const s = await SseStream.open(`http://127.0.0.1:${port}/api/care/campaigns/${campaignId}/events`, { cookie: care.cookie });
        streams.push(s);
        const [first] = await s.count(1);
        // published on A (this test's app): B's hub hears it through LISTEN/NOTIFY and loads once
        await recordCall();
        const [, delta] = await s.count(2);
        expect(delta?.event).toBe('delta');
        expect(applyAll(s.messages)).toEqual((await care.get(`/api/care/campaigns/${campaignId}`)).body);
        expect(delta?.data.reached).toBe(first?.data.reached + 1);
        expect(services.core.live.stats(CAMPAIGN_LIVE, campaignId)).toMatchObject({ loads: 2, subscribers: 1 });
        s.close();
        // a sign-out on A ends that session's stream on B
        const leaving = await t.as('baidu');
        const onB = await SseStream.open(`http://127.0.0.1:${port}/api/care/campaigns/${campaignId}/events`, { cookie: leaving.cookie });
        streams.push(onB);
        await onB.count(1);
        expect((await leaving.post('/api/auth/logout')).status).toBe(200);
        await onB.end();
        expect(onB.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'signed_out' } });
      } finally {
        await b.close();
        await database.close();
      }
    });
  });

describe('the hub on its own', () => {
  it('ends a stream at the heartbeat after its session timed out (no sign-out event ever came)', async () => {
    const hub = new LiveHub(t.services.core.events, t.services.core.log, { heartbeatMs: 20 });
    hub.register({
      name: 'toy',
      busTopic: (k) => `toy.${k}`,
      authorize: async () => ({}),
      viewKey: () => '*',
      load: async (k) => ({ k }),
      view: (s: { k: string }) => ({ k: s.k }),
    });
    const actor = { accountId: 'a' } as never;
    let signedIn = true;
    const server = http.createServer(async (req, res) => {
      const opened = await hub.open('toy', req.url?.slice(1) ?? '', actor, async () => (signedIn ? actor : null));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      opened.attach(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const s = await SseStream.open(`http://127.0.0.1:${port}/one`);
      await s.count(1);
      await s.keepAlives(2);
      expect(s.messages).toHaveLength(1);
      signedIn = false;
      await s.count(2);
      expect(s.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'signed_out' } });
      s.close();
    } finally {
      hub.stop();
      await new Promise((r) => server.close(r));
    }
  });

  it('sends keep-alive comments between frames, and a load that fails never opens a stream', async () => {
    const bus = t.services.core.events;
    const hub = new LiveHub(bus, t.services.core.log, { heartbeatMs: 20 });
    let fail = false;
    hub.register({
      name: 'toy',
      busTopic: (k) => `toy.${k}`,
      authorize: async () => ({}),
      viewKey: () => '*',
      load: async (k) => {
        if (fail) throw new Error('database away');
        return { k };
      },
      view: (s: { k: string }) => ({ k: s.k }),
    });
    const actor = { accountId: 'a' } as never;
    const server = http.createServer(async (req, res) => {
      try {
        const opened = await hub.open('toy', req.url?.slice(1) ?? '', actor, async () => actor);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        opened.attach(res);
      } catch {
        res.writeHead(500).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const s = await SseStream.open(`http://127.0.0.1:${port}/one`);
      expect((await s.count(1))[0]).toMatchObject({ event: 'snapshot', data: { k: 'one' } });
      // no event: only keep-alives keep coming
      await s.keepAlives(2);
      expect(s.messages).toHaveLength(1);
      s.close();
      fail = true;
      const refused = await SseStream.open(`http://127.0.0.1:${port}/two`);
      expect(refused.status).toBe(500);
      refused.close();
    } finally {
      hub.stop();
      await new Promise((r) => server.close(r));
    }
  });
  it('sends nothing for a view returned as the same object, only the changed fields otherwise, and a snapshot when a field goes away', async () => {
    const bus = t.services.core.events;
    const hub = new LiveHub(bus, t.services.core.log, { heartbeatMs: 24 * 3600_000 });
    let state: { n: number; note?: string } = { n: 1, note: '备注' };
    const big = { rows: ['甲', '乙'] };
    const views = new WeakMap<object, object>();
    hub.register({
      name: 'same',
      busTopic: () => 'same.tick',
      authorize: async () => ({}),
      viewKey: () => '*',
      load: async () => state,
      // one view object per state object; `big` is the same object in every view
      view: (s: { n: number; note?: string }) => {
        let v = views.get(s);
        if (!v) {
          v = { n: s.n, big, ...(s.note ? { note: s.note } : {}) };
          views.set(s, v);
        }
        return v;
      },
    });
    const actor = { accountId: 'a' } as never;
    const server = http.createServer(async (_req, res) => {
      const opened = await hub.open('same', 'k', actor, async () => actor);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      opened.attach(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const s = await SseStream.open(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect((await s.count(1))[0]).toMatchObject({ event: 'snapshot', data: { n: 1, big: { rows: ['甲', '乙'] }, note: '备注' } });
      // the same state (so the same view object) published, then a change: only the change arrives
      await bus.publish('same.tick', {});
      while ((hub.stats('same', 'k')?.seq ?? 0) < 2) await new Promise((r) => setImmediate(r));
      state = { n: 2, note: '备注' };
      await bus.publish('same.tick', {});
      await s.count(2);
      expect(s.messages[1]).toMatchObject({ event: 'delta', data: { n: 2 } });
      expect(Object.keys(s.messages[1]?.data)).toEqual(['n']);
      state = { n: 3 };
      await bus.publish('same.tick', {});
      await s.count(3);
      expect(s.messages[2]).toMatchObject({ event: 'snapshot', data: { n: 3, big: { rows: ['甲', '乙'] } } });
      expect(s.messages[2]?.data.note).toBeUndefined();
      expect(s.messages).toHaveLength(3);
      s.close();
    } finally {
      hub.stop();
      await new Promise((r) => server.close(r));
    }
  });
});
