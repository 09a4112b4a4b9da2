import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { TEST_DB } from '../../../../test/db';
import { systemContext } from '../../../../test/factories';
import { applyAll, SseStream } from '../../../../test/sse';
import { buildApp } from '../../app';
import { LiveHub } from '../../core/events/live-hub';
import { openDatabase } from '../../db/index';
import { FAIRDAY_LIVE, fairDayLive } from './interviews.live';
import { buildEmployer, buildFair, buildSeeker } from './test/jobs-factories';

// Issue #10 part 2: rooms → timetable → publish (SMS with a personal link) → the fair-day console
// (call next, no-show and re-plan, finish, outcome) → the candidate's page → the report.

let t: TestApp;
let jobs: Client;
let fairId: string;
let P1: string;
let P2: string;
let R1: string;
let R2: string;
const seekers: { id: string; name: string; phone: string }[] = [];
const streams: SseStream[] = [];
let base: string;

/** the afternoon of the fair (13:00 Beijing time is 05:00 UTC) */
const at =
  (hhmm: string, day = '2026-12-16') =>
  () =>
    new Date(`${day}T${hhmm}:00+08:00`);

async function position(title: string) {
  const employerId = await buildEmployer(t);
  const p = await t.services.jobs.positions.createPosition(systemContext(t), {
    employerId,
    fairId,
    title,
    category: '软件开发',
    industry: '互联网',
    district: '黄浦区',
    salaryMin: 8000,
    salaryMax: 12000,
    education: '本科',
    majors: ['软件工程'],
    experienceYears: 0,
    headcount: 2,
    description: '后端开发',
    skills: 'Java MySQL',
  });
  return p.id;
}

function tokenOf(phone: string): string {
  const sms = [...t.sms.sent].reverse().find((s) => s.phone === phone && s.text.includes('/m/jobs/q/'));
  const m = sms?.text.match(/\/m\/jobs\/q\/([A-Za-z0-9_-]+)/);
  if (!m?.[1]) throw new Error(`no personal link sent to ${phone}`);
  return m[1];
}

const roomOf = (
  tt: { rooms: { id: string; interviews: { seekerId: string; start: string; status: string; id: string }[] }[] },
  id: string,
) => tt.rooms.find((r) => r.id === id)?.interviews ?? [];

beforeAll(async () => {
  t = await testApp();
  jobs = await t.as('jobs');
  fairId = (await buildFair(t)).id;
  P1 = await position('Java 开发工程师');
  P2 = await position('测试工程师');
  for (const name of ['甲求职', '乙求职', '丙求职', '丁求职']) {
    const s = await buildSeeker(t, { name });
    seekers.push({ id: s.id, name, phone: '' });
  }
  const phones = await t.database.db.selectFrom('jobs_seekers').select(['id', 'phone_enc']).execute();
  const { decryptField } = await import('../../core/crypto/fields');
  for (const s of seekers) s.phone = decryptField(t.keys.field, phones.find((p) => p.id === s.id)?.phone_enc as string);
  const apply = (i: number, positionId: string) =>
    t.services.jobs.seekers.applyFor(systemContext(t), seekers[i]?.id as string, { positionId, clientKey: `iv-${i}-${positionId}` });
  await apply(0, P1);
  await apply(0, P2);
  await apply(1, P1);
  await apply(2, P1);
  await apply(3, P2);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of streams) s.close();
  await t.close();
});

describe('rooms and the timetable', () => {
  it('refuses a room without positions or with a bad window, in Chinese, naming the field', async () => {
    const res = await jobs.post(`/api/jobs/fairs/${fairId}/rooms`, {
      name: '',
      positionIds: [],
      meeting: '888',
      available: [['15:00', '14:00']],
    });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries(res.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields.name).toBe('请填写面试间名称');
    expect(fields.positionIds).toBe('请选择至少一个岗位');
    expect(fields.available).toBe('可用时段的结束须晚于开始');
  });

  it('generates a timetable from the applications: every application placed, makespan beside its lower bound', async () => {
    R1 = (await jobs.post(`/api/jobs/fairs/${fairId}/rooms`, { name: '面试间 A', positionIds: [P1], meeting: '腾讯会议 111 222 333' })).body
      .id;
    R2 = (await jobs.post(`/api/jobs/fairs/${fairId}/rooms`, { name: '面试间 B', positionIds: [P2], meeting: 'https://meeting.example/b' }))
      .body.id;
    const res = await jobs.post(`/api/jobs/fairs/${fairId}/timetable`, { start: '13:00', slotMinutes: 15, bufferMinutes: 5 });
    expect(res.status).toBe(200);
    const tt = res.body;
    expect(roomOf(tt, R1)).toHaveLength(3);
    expect(roomOf(tt, R2)).toHaveLength(2);
    expect(tt.unscheduled).toEqual([]);
    // three interviews of 15 minutes in room A: 45 minutes is the bound and the plan reaches it
    expect(tt.lowerBoundMinutes).toBe(45);
    expect(tt.makespanMinutes).toBe(45);
    expect(roomOf(tt, R1).map((iv: { start: string }) => iv.start)).toEqual(['13:00', '13:15', '13:30']);
    // 甲 has two interviews, at least 5 minutes apart
    const mine = tt.rooms
      .flatMap((r: { interviews: { seekerId: string; start: string; end: string }[] }) => r.interviews)
      .filter((iv: { seekerId: string }) => iv.seekerId === seekers[0]?.id);
    expect(mine).toHaveLength(2);
  });

  it('moves an interview within its room and refuses a room that does not serve its position', async () => {
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const inA = roomOf(tt, R1);
    // 乙 and 丙 have one interview each: swapping them cannot clash with anything
    const singles = inA.map((iv, index) => ({ ...iv, index })).filter((iv) => iv.seekerId !== seekers[0]?.id);
    const [early, late] = singles as [(typeof singles)[number], (typeof singles)[number]];
    const wrong = await jobs.post(`/api/jobs/interviews/${late.id}/move`, { roomId: R2, index: 0 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'roomId', message: '面试间「面试间 B」不负责岗位「Java 开发工程师」' });
    const moved = await jobs.post(`/api/jobs/interviews/${late.id}/move`, { roomId: R1, index: early.index });
    expect(moved.status).toBe(200);
    expect(roomOf(moved.body, R1).find((iv) => iv.id === late.id)?.start).toBe(early.start);
    expect(roomOf(moved.body, R1).find((iv) => iv.id === early.id)?.start).toBe(late.start);
    // 甲's interview moved onto the time of their other interview's buffer is refused, naming them
    const jia = inA.find((iv) => iv.seekerId === seekers[0]?.id) as { id: string };
    const jiaOther = roomOf(tt, R2).find((iv) => iv.seekerId === seekers[0]?.id) as { start: string };
    // a slot of room A that starts less than 15 minutes' slot + 5 minutes' buffer from 甲's other interview
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    const clashAt = roomOf(moved.body, R1).findIndex((iv) => Math.abs(minutes(iv.start) - minutes(jiaOther.start)) < 15 + 5);
    expect(clashAt, 'a slot of room A too close to 甲’s other interview').toBeGreaterThanOrEqual(0);
    const refused = await jobs.post(`/api/jobs/interviews/${jia.id}/move`, { roomId: R1, index: clashAt });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('「甲求职」');
  });
});

describe('publishing and the fair day', () => {
  it('publishes: each candidate gets one SMS with times, rooms and a personal link; the page shows their wait and no other name', async () => {
    const res = await jobs.post(`/api/jobs/fairs/${fairId}/timetable/publish`, {});
    expect(res.status).toBe(200);
    expect(res.body.told).toBe(4);
    await t.drain();
    const first = t.sms.sent.find((s) => s.phone === seekers[0]?.phone);
    expect(first?.text).toContain('面试安排');
    expect(first?.text).toContain('面试间 A');
    expect(first?.text).toContain('面试间 B');
    expect((await jobs.post(`/api/jobs/fairs/${fairId}/timetable/publish`, {})).status).toBe(409);
    // generating again would lose the published times
    expect((await jobs.post(`/api/jobs/fairs/${fairId}/timetable`, { slotMinutes: 15, bufferMinutes: 5 })).status).toBe(409);

    t.services.jobs.interviews.clock = at('12:50');
    const anon = t.anon();
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const thirdInA = roomOf(tt, R1)[2] as { seekerId: string; start: string };
    const who = seekers.find((s) => s.id === thirdInA.seekerId);
    const page = await anon.get(`/api/jobs/q/${tokenOf(who?.phone as string)}`);
    expect(page.status).toBe(200);
    const item = page.body.view.items.find((i: { room: string }) => i.room === '面试间 A');
    expect(item.message).toBe(`您前面还有 2 人，预计 ${thirdInA.start} 进入`);
    expect(item.meeting).toBeNull();
    const text = JSON.stringify(page.body);
    for (const s of seekers) expect(text).not.toContain(s.name);
    // a made-up link is not found
    expect((await anon.get('/api/jobs/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('call-next shows the first candidate their room at once (live), and two officers at the same moment call one candidate', async () => {
    t.services.jobs.interviews.clock = at('13:00');
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const firstA = roomOf(tt, R1)[0] as { id: string; seekerId: string };
    const phone = seekers.find((s) => s.id === firstA.seekerId)?.phone as string;
    const s = await SseStream.open(`${base}/api/jobs/q/${tokenOf(phone)}/stream`);
    streams.push(s);
    expect(s.status).toBe(200);
    await s.count(1);
    const called = await jobs.post(`/api/jobs/rooms/${R1}/call-next`, { current: null });
    expect(called.status).toBe(200);
    expect(called.body.called).toMatchObject({ id: firstA.id, status: 'interviewing' });
    await s.count(2);
    const view = applyAll(s.messages);
    const mine = view.items.find((i: { id: string }) => i.id === firstA.id);
    expect(mine).toMatchObject({ status: 'interviewing', meeting: '腾讯会议 111 222 333' });
    expect(mine.message).toContain('轮到您了');

    // room B: two officers press at once
    const officer2 = await t.as('jobs');
    const [x, y] = await Promise.all([
      jobs.post(`/api/jobs/rooms/${R2}/call-next`, { current: null }),
      officer2.post(`/api/jobs/rooms/${R2}/call-next`, { current: null }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const rows = await t.database.db
      .selectFrom('jobs_interviews')
      .select('id')
      .where('room_id', '=', R2)
      .where('status', '=', 'interviewing')
      .execute();
    expect(rows).toHaveLength(1);
    // and both finishing the same one and calling the next: one goes through
    const current = rows[0]?.id as string;
    const [u, v] = await Promise.all([
      jobs.post(`/api/jobs/rooms/${R2}/call-next`, { current }),
      officer2.post(`/api/jobs/rooms/${R2}/call-next`, { current }),
    ]);
    expect([u.status, v.status].sort()).toEqual([200, 409]);
    const after = await t.database.db.selectFrom('jobs_interviews').select(['status']).where('room_id', '=', R2).execute();
    expect(after.map((r) => r.status).sort()).toEqual(['done', 'interviewing']);
  });

  it('a no-show re-plans the room: the next candidates move up and are told by SMS; the console lists the no-show', async () => {
    t.services.jobs.interviews.clock = at('13:02');
    const before = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const current = roomOf(before, R1).find((iv) => iv.status === 'interviewing') as { id: string; seekerId: string; start: string };
    const sentBefore = t.sms.sent.length;
    const res = await jobs.post(`/api/jobs/interviews/${current.id}/no-show`, { requeue: false });
    expect(res.status).toBe(200);
    expect(res.body.told).toBeGreaterThanOrEqual(1);
    const board = res.body.board.find((b: { id: string }) => b.id === R1);
    expect(board.noShows).toHaveLength(1);
    expect(board.now).toBeNull();
    const afterTt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const queued = roomOf(afterTt, R1).filter((iv) => iv.status === 'scheduled' || iv.status === 'waiting');
    const earlier = queued.filter((iv) => iv.start < (roomOf(before, R1).find((b) => b.id === iv.id)?.start as string));
    expect(earlier.length).toBeGreaterThanOrEqual(1);
    // earlier than planned, but no sooner than 10 minutes' notice from 13:02
    for (const iv of queued) expect(iv.start >= '13:12').toBe(true);
    await t.drain();
    for (const iv of earlier) {
      const phone = seekers.find((s) => s.id === iv.seekerId)?.phone as string;
      const told = t.sms.sent.slice(sentBefore).find((s) => s.phone === phone);
      expect(told?.text).toContain('面试时间有调整');
      expect(told?.text).toContain(iv.start);
    }
    const head = queued[0] as { id: string; seekerId: string; start: string };
    const headPhone = seekers.find((s) => s.id === head.seekerId)?.phone as string;
    const page = await t.anon().get(`/api/jobs/q/${tokenOf(headPhone)}`);
    expect(page.body.view.items.find((i: { id: string }) => i.id === head.id).message).toBe(
      `您是下一位，预计 ${head.start} 进入，请做好准备`,
    );
    // the no-show's own SMS link keeps working, and says so
    const gonePhone = seekers.find((s) => s.id === current.seekerId)?.phone as string;
    const mine = (await t.anon().get(`/api/jobs/q/${tokenOf(gonePhone)}`)).body.view.items.find((i: { id: string }) => i.id === current.id);
    expect(mine.status).toBe('no_show');
    // finishing something not in the room
    expect((await jobs.post(`/api/jobs/interviews/${current.id}/finish`)).status).toBe(409);
  });

  it('records the outcome, pauses a room, logs a phone call; the report counts it all', async () => {
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const inB = roomOf(tt, R2).find((iv) => iv.status === 'interviewing') as { id: string };
    const q = await jobs.get(`/api/jobs/rooms/${R2}/queue`);
    expect(q.status).toBe(200);
    expect(q.body.current.interview.id).toBe(inB.id);
    expect(q.body.current.application.reasons.length).toBeGreaterThan(0);
    expect((await jobs.post(`/api/jobs/interviews/${inB.id}/outcome`, { outcome: 'maybe' })).body.error.fields[0].message).toBe(
      '请选择面试结果',
    );
    const out = await jobs.post(`/api/jobs/interviews/${inB.id}/outcome`, { outcome: 'pass', note: '基础扎实', offer: '月薪 10000 元' });
    expect(out.body).toMatchObject({ outcome: 'pass', outcomeLabel: '通过', offer: '月薪 10000 元' });
    const done = roomOf(tt, R2).find((iv) => iv.status === 'done') as { id: string };
    await jobs.post(`/api/jobs/interviews/${done.id}/outcome`, { outcome: 'fail' });
    expect((await jobs.post(`/api/jobs/rooms/${R1}/pause`, { paused: true })).status).toBe(200);
    const refused = await jobs.post(`/api/jobs/rooms/${R1}/call-next`, { current: null });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('面试间「面试间 A」已暂停，请先恢复');
    await jobs.post(`/api/jobs/rooms/${R1}/pause`, { paused: false });
    const waiting = roomOf(tt, R1).find((iv) => iv.status === 'scheduled' || iv.status === 'waiting') as { id: string };
    expect((await jobs.post(`/api/jobs/interviews/${waiting.id}/phone-call`)).status).toBe(200);
    const events = await t.database.db.selectFrom('jobs_console_events').select('kind').where('fair_id', '=', fairId).execute();
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['call_next', 'finish', 'no_show', 'pause', 'resume', 'phone_call']));

    const report = (await jobs.get(`/api/jobs/fairs/${fairId}/report`)).body;
    expect(report.totals).toEqual({ registered: 5, scheduled: 5, interviewed: 2, noShows: 1, passed: 1, offers: 1 });
    const byStatus = report.rows.filter((r: { by: string }) => r.by === 'seekerStatus');
    expect(byStatus).toEqual([expect.objectContaining({ key: 'graduate', label: '应届毕业生', registered: 5 })]);
    const xlsx = await jobs.get(`/api/jobs/fairs/${fairId}/report.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    for (const by of ['room', 'candidate']) {
      const file = await jobs.get(`/api/jobs/fairs/${fairId}/timetable.xlsx?by=${by}`);
      expect(file.status).toBe(200);
      expect(String(file.headers['content-disposition'])).toContain('.xlsx');
    }
  });

  it('a personal link stops working when revoked, and after the fair day', async () => {
    const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const lastB = roomOf(tt, R2).find((iv) => iv.status !== 'done' && iv.status !== 'interviewing');
    const anyA = roomOf(tt, R1).find((iv) => iv.status === 'scheduled' || iv.status === 'waiting') as { id: string; seekerId: string };
    const phoneA = seekers.find((s) => s.id === anyA.seekerId)?.phone as string;
    t.services.jobs.interviews.clock = at('23:50');
    expect((await t.anon().get(`/api/jobs/q/${tokenOf(phoneA)}`)).status).toBe(200);
    t.services.jobs.interviews.clock = at('00:10', '2026-12-17');
    expect((await t.anon().get(`/api/jobs/q/${tokenOf(phoneA)}`)).status).toBe(404);
    t.services.jobs.interviews.clock = at('14:00');
    // an open page, and another candidate's, before the revoke
    const open = await SseStream.open(`${base}/api/jobs/q/${tokenOf(phoneA)}/stream`);
    streams.push(open);
    await open.count(1);
    const otherPhone = seekers.find((s) => s.id !== anyA.seekerId)?.phone as string;
    const other = await SseStream.open(`${base}/api/jobs/q/${tokenOf(otherPhone)}/stream`);
    streams.push(other);
    await other.count(1);
    // the link was checked lately (as the heartbeat does), so a revoke must reach that memory too
    const { actor: linkActor } = await t.services.jobs.interviews.tokenActor(tokenOf(phoneA));
    expect(await t.services.jobs.interviews.tokenStillLive(linkActor)).not.toBeNull();
    // the same link on a hub of its own whose heartbeat never comes: only the revoke's event can end it
    const quiet = new LiveHub(t.services.core.events, t.services.core.log, { heartbeatMs: 24 * 3600_000 });
    quiet.register(fairDayLive(t.services.jobs.interviews));
    const server = http.createServer(async (_req, res) => {
      const { actor, fairId: key } = await t.services.jobs.interviews.tokenActor(tokenOf(phoneA));
      const opened = await quiet.open(FAIRDAY_LIVE, key, actor, () => t.services.jobs.interviews.tokenStillLive(actor), {
        goneReason: 'link_gone',
      });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      opened.attach(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const onQuiet = await SseStream.open(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      streams.push(onQuiet);
      await onQuiet.count(1);
      expect((await jobs.post(`/api/jobs/interviews/${anyA.id}/revoke-link`)).status).toBe(200);
      await onQuiet.end();
      expect(onQuiet.comments).toBe(0);
      expect(onQuiet.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'link_gone' } });
    } finally {
      quiet.stop();
      await new Promise((r) => server.close(r));
    }
    // the route's stream: it ends with a last word
    await open.end();
    const last = open.messages.at(-1);
    expect(last?.event).toBe('end');
    expect(last?.data).toEqual({ reason: 'link_gone', message: '此链接已失效（已过期或已收回），如有疑问请联系工作人员' });
    expect(open.messages.filter((m) => m.event === 'end')).toHaveLength(1);
    // only that link's stream: another candidate's page stays open
    expect(other.ended).toBe(false);
    expect(other.messages.some((m) => m.event === 'end')).toBe(false);
    expect((await t.anon().get(`/api/jobs/q/${tokenOf(otherPhone)}`)).status).toBe(200);
    other.close();
    const gone = await t.anon().get(`/api/jobs/q/${tokenOf(phoneA)}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe('面试排队页面不存在或无权查看');
    expect((await SseStream.open(`${base}/api/jobs/q/${tokenOf(phoneA)}/stream`)).status).toBe(404);
    expect(lastB === undefined || typeof lastB.id === 'string').toBe(true);
  });
});

// several app processes share one database only on PostgreSQL (SQLite is one process by design)
if (TEST_DB === 'postgres')
  describe('two app instances on one PostgreSQL', () => {
    /** process B: a second app on the same database, listening */
    async function processB() {
      const database = openDatabase({ database: { kind: 'postgres', url: t.database.url } });
      const { app, services } = await buildApp({
        config: t.services.core.config,
        database,
        keys: t.keys,
        logger: false,
        backgroundSender: false,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return {
        services,
        port: (app.server.address() as AddressInfo).port,
        async close() {
          await app.close();
          await database.close();
        },
      };
    }

    it("an officer's call-next on A reaches a candidate stream on B", async () => {
      const b = await processB();
      const { port } = b;
      try {
        t.services.jobs.interviews.clock = at('14:00');
        const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
        const cur = roomOf(tt, R2).find((iv) => iv.status === 'interviewing') as { id: string; seekerId: string };
        const next = roomOf(tt, R2).find((iv) => iv.status === 'scheduled' || iv.status === 'waiting');
        // room B's queue: re-queue the current one so there is someone to call
        await jobs.post(`/api/jobs/interviews/${cur.id}/no-show`, { requeue: true });
        const target = next ?? cur;
        const phone = seekers.find((s) => s.id === target.seekerId)?.phone as string;
        const s = await SseStream.open(`http://127.0.0.1:${port}/api/jobs/q/${tokenOf(phone)}/stream`);
        streams.push(s);
        await s.count(1);
        const res = await jobs.post(`/api/jobs/rooms/${R2}/call-next`, { current: null });
        expect(res.status).toBe(200);
        const isCalled = () =>
          applyAll(s.messages).items.some(
            (i: { status: string; meeting: string | null }) => i.status === 'interviewing' && i.meeting === 'https://meeting.example/b',
          );
        for (let n = 2; !isCalled(); n++) await s.count(n);
        expect(isCalled()).toBe(true);
        s.close();
      } finally {
        await b.close();
      }
    });

    it('a link revoked on A ends its page on B, and B refuses it since', async () => {
      const b = await processB();
      const { port, services: onB } = b;
      try {
        onB.jobs.interviews.clock = at('14:00');
        t.services.jobs.interviews.clock = at('14:00');
        const tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
        const iv = roomOf(tt, R2)[0] as { id: string; seekerId: string };
        const phone = seekers.find((x) => x.id === iv.seekerId)?.phone as string;
        // B has read the link lately (its heartbeat would have)
        const { actor } = await onB.jobs.interviews.tokenActor(tokenOf(phone));
        expect(await onB.jobs.interviews.tokenStillLive(actor)).not.toBeNull();
        const s = await SseStream.open(`http://127.0.0.1:${port}/api/jobs/q/${tokenOf(phone)}/stream`);
        streams.push(s);
        await s.count(1);
        expect((await jobs.post(`/api/jobs/interviews/${iv.id}/revoke-link`)).status).toBe(200);
        await s.end();
        expect(s.messages.at(-1)).toMatchObject({ event: 'end', data: { reason: 'link_gone' } });
        expect((await SseStream.open(`http://127.0.0.1:${port}/api/jobs/q/${tokenOf(phone)}/stream`)).status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${port}/api/jobs/q/${tokenOf(phone)}`)).status).toBe(404);
      } finally {
        await b.close();
      }
    });
  });
