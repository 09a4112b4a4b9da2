import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { systemContext } from '../../../../test/factories';
import { samplePdf } from '../../../../test/sample-files';
import { buildRoom } from './test/interviews-factories';
import { buildFair, buildPosition, buildSeeker } from './test/jobs-factories';

// Issue #10 §3: review and adjust the timetable — move an interview within its room's queue or to
// another room that serves its position (what the admin page's drag and drop and buttons call).

let t: TestApp;
let jobs: Client;
let fairId: string;
let P1: string;
let P2: string;
let A: string;
let B: string;
let C: string;

interface Iv {
  id: string;
  seekerName: string;
  start: string;
  end: string;
  seq: number;
  status: string;
  roomId: string;
}
type Tt = { rooms: { id: string; interviews: Iv[] }[] };
const roomOf = (tt: Tt, id: string) => tt.rooms.find((r) => r.id === id)?.interviews ?? [];

const position = async (title: string) => (await buildPosition(t, { fairId, title })).id;

beforeAll(async () => {
  t = await testApp();
  jobs = await t.as('jobs');
  fairId = (await buildFair(t)).id;
  P1 = await position('Java 开发工程师');
  P2 = await position('测试工程师');
  // four candidates for P1 (one interview each, so no buffer can clash), one for P2
  const names = ['赵一', '钱二', '孙三', '李四', '周五'];
  for (const [i, name] of names.entries()) {
    const s = await buildSeeker(t, { name });
    await t.services.jobs.seekers.applyFor(systemContext(t), s.id, { positionId: i < 4 ? P1 : P2, clientKey: `mv-${i}` });
  }
  const room = async (name: string, positionIds: string[]) =>
    (await jobs.post(`/api/jobs/fairs/${fairId}/rooms`, { name, positionIds, meeting: `会议 ${name}` })).body.id as string;
  A = await room('甲间', [P1]);
  B = await room('乙间', [P1]);
  C = await room('丙间', [P2]);
  const res = await jobs.post(`/api/jobs/fairs/${fairId}/timetable`, { start: '13:00', slotMinutes: 15, bufferMinutes: 5 });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('adjusting the timetable', () => {
  it('moves an interview to another room that serves its position: both queues are re-timed from their start', async () => {
    const tt: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    expect(roomOf(tt, A)).toHaveLength(2);
    expect(roomOf(tt, B)).toHaveLength(2);
    const [a1, a2] = roomOf(tt, A) as [Iv, Iv];
    const moved = await jobs.post(`/api/jobs/interviews/${a1.id}/move`, { roomId: B, index: 0 });
    expect(moved.status).toBe(200);
    const inA = roomOf(moved.body, A);
    const inB = roomOf(moved.body, B);
    expect(inA.map((iv) => iv.id)).toEqual([a2.id]);
    expect(inA[0]).toMatchObject({ start: '13:00', end: '13:15', seq: 1 });
    expect(inB.map((iv) => iv.seekerName)).toEqual([a1.seekerName, ...roomOf(tt, B).map((iv) => iv.seekerName)]);
    expect(inB.map((iv) => iv.start)).toEqual(['13:00', '13:15', '13:30']);
    expect(inB.map((iv) => iv.seq)).toEqual([1, 2, 3]);
    expect(inB[0]?.roomId).toBe(B);
    // the page reloaded shows the same order
    const again: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    expect(roomOf(again, B).map((iv) => iv.id)).toEqual(inB.map((iv) => iv.id));
    // the change is audited
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'jobs.timetable_adjust')
      .execute();
    expect(audit.map((a) => a.target_id)).toContain(a1.id);
  });

  it('an index past the end puts the interview last; within the room it takes the asked place', async () => {
    const tt: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const [b1, b2, b3] = roomOf(tt, B) as [Iv, Iv, Iv];
    const last = await jobs.post(`/api/jobs/interviews/${b1.id}/move`, { roomId: B, index: 99 });
    expect(last.status).toBe(200);
    expect(roomOf(last.body, B).map((iv) => iv.id)).toEqual([b2.id, b3.id, b1.id]);
    const middle = await jobs.post(`/api/jobs/interviews/${b1.id}/move`, { roomId: B, index: 1 });
    expect(roomOf(middle.body, B).map((iv) => iv.id)).toEqual([b2.id, b1.id, b3.id]);
    expect(roomOf(middle.body, B).map((iv) => iv.start)).toEqual(['13:00', '13:15', '13:30']);
  });

  it('refuses a room that does not serve the position, a room of another fair, and a bad index, naming the field', async () => {
    const tt: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const iv = roomOf(tt, A)[0] as Iv;
    const wrong = await jobs.post(`/api/jobs/interviews/${iv.id}/move`, { roomId: C, index: 0 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'roomId', message: '面试间「丙间」不负责岗位「Java 开发工程师」' });
    const elsewhere = (await buildRoom(t)).id;
    const foreign = await jobs.post(`/api/jobs/interviews/${iv.id}/move`, { roomId: elsewhere, index: 0 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0]).toMatchObject({ path: 'roomId', message: '只能调到本场招聘会的面试间' });
    const negative = await jobs.post(`/api/jobs/interviews/${iv.id}/move`, { roomId: A, index: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields[0]).toMatchObject({ path: 'index', message: '位置不能为负数' });
    // nothing moved
    const after: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    expect(roomOf(after, A).map((x) => x.id)).toEqual(roomOf(tt, A).map((x) => x.id));
  });

  it('refuses to move an interview already held or once the timetable is published, and without a session', async () => {
    await jobs.post(`/api/jobs/fairs/${fairId}/timetable/publish`, {});
    const called = await jobs.post(`/api/jobs/rooms/${A}/call-next`, {});
    expect(called.status).toBe(200);
    const id = called.body.called.id as string;
    const held = await jobs.post(`/api/jobs/interviews/${id}/move`, { roomId: B, index: 0 });
    expect(held.status).toBe(409);
    expect(held.body.error.message).toMatch(/^「.+」的面试当前为「面试中」，不能再调整$/);
    const tt: Tt = (await jobs.get(`/api/jobs/fairs/${fairId}/timetable`)).body;
    const waiting = roomOf(tt, B)[0] as Iv;
    // once published the candidates have their times: adjusting is the console's (it re-plans and tells them)
    const published = await jobs.post(`/api/jobs/interviews/${waiting.id}/move`, { roomId: B, index: 1 });
    expect(published.status).toBe(409);
    expect(published.body.error.message).toBe('时间表已发布，请在现场调度台调整（延时、未到场会自动重排并短信通知）');
    const anon = await t.anon().post(`/api/jobs/interviews/${waiting.id}/move`, { roomId: B, index: 1 });
    expect(anon.status).toBe(401);
  });
});

describe('the interviewer’s page', () => {
  it('carries the current candidate’s resume, which the interviewer may open', async () => {
    const queue = (await jobs.get(`/api/jobs/rooms/${A}/queue`)).body;
    expect(queue.current.resume).toBeNull();
    const seekerId = queue.current.interview.seekerId as string;
    await t.services.core.files.store(systemContext(t), samplePdf('赵一'), {
      name: '个人简历.pdf',
      allowed: ['pdf'],
      maxBytes: 5 * 1024 * 1024,
      owner: { type: 'jobs.seeker', id: seekerId },
      subdistrictId: t.org.subdistrictId,
    });
    const again = (await jobs.get(`/api/jobs/rooms/${A}/queue`)).body;
    expect(again.current.resume).toMatchObject({ name: '个人简历.pdf', kind: 'pdf' });
    expect(again.current.application.reasons.length).toBeGreaterThan(0);
    const file = await jobs.get(again.current.resume.url);
    expect(file.status).toBe(200);
  });
});
