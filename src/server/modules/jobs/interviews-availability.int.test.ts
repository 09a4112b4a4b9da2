import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { systemContext } from '../../../../test/factories';
import { idNumber } from '../../../../test/xlsx';
import { buildEmployer, buildFair } from './test/jobs-factories';

// A seeker may give the times they can attend on the fair day (staff's register-on-behalf form and
// the phone profile page); the timetable places them only inside, and lists who cannot be placed, why.

let t: TestApp;
let jobs: Client;
let fairId: string;
let P1: string;

const PROFILE = {
  gender: 'female',
  birthYear: 1998,
  status: 'graduate',
  education: '本科',
  school: '上海大学',
  major: '软件工程',
  graduationYear: 2020,
  categories: ['软件开发'],
  industries: [],
  districts: ['黄浦区'],
  salaryMin: 8000,
  salaryMax: 10000,
  experienceYears: 0,
  skills: 'Java',
  smsOptIn: false,
  consent: true,
};

async function resident(phone: string): Promise<Client> {
  const c = t.anon(`10.1.${phone.slice(-2)}.1`);
  expect((await c.post('/api/auth/sms/request', { phone })).status).toBe(200);
  await t.drain();
  expect((await c.post('/api/auth/sms/verify', { phone, code: t.sms.lastCode(phone) })).status).toBe(200);
  await c.refreshCsrf();
  return c;
}

beforeAll(async () => {
  t = await testApp();
  jobs = await t.as('jobs');
  fairId = (await buildFair(t)).id;
  const employerId = await buildEmployer(t);
  P1 = (
    await t.services.jobs.positions.createPosition(systemContext(t), {
      employerId,
      fairId,
      title: 'Java 开发工程师',
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
      skills: 'Java',
    })
  ).id;
});
afterAll(() => t.close());

describe('candidate availability on the fair day', () => {
  it('refuses a window that ends before it starts, in Chinese, naming the field', async () => {
    const res = await jobs.post('/api/jobs/seekers', {
      ...PROFILE,
      name: '错时段',
      idNumber: idNumber('19980301', 701),
      phone: '13700009701',
      available: [['15:00', '14:00']],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({ path: 'available', message: '可参加时段的结束须晚于开始' });
  });

  it('places each candidate inside their windows and lists the one who cannot be placed, with the reason', async () => {
    const reg = (name: string, i: number, available?: [string, string][]) =>
      jobs.post('/api/jobs/seekers', {
        ...PROFILE,
        name,
        idNumber: idNumber('19980301', 710 + 2 * i),
        phone: `1370000971${i}`,
        ...(available ? { available } : {}),
      });
    const late = await reg('午后来', 0, [['14:00', '15:00']]);
    expect(late.status).toBe(200);
    expect(late.body.available).toEqual([['14:00', '15:00']]);
    const anyTimeRes = await reg('随时来', 1);
    expect(anyTimeRes.body).toMatchObject({ name: '随时来' });
    const anyTime = anyTimeRes.body;
    expect(anyTime.available).toBeNull();
    const morning = (await reg('只上午', 2, [['09:00', '11:30']])).body;
    const split = (
      await reg('两段', 3, [
        ['13:00', '13:10'],
        ['13:30', '14:00'],
      ])
    ).body;
    // a resident on the phone page gives their own times
    const phone = '13800139021';
    const me = await resident(phone);
    const mine = await me.put('/api/jobs/me', { ...PROFILE, name: '自己来', phone, available: [['15:30', '16:30']] });
    expect(mine.status).toBe(200);
    expect(mine.body.seeker.available).toEqual([['15:30', '16:30']]);
    // a later save of the profile that does not show the times keeps them
    const again = await me.put('/api/jobs/me', { ...PROFILE, name: '自己来', phone });
    expect(again.body.seeker.available).toEqual([['15:30', '16:30']]);
    const selfId = again.body.seeker.id as string;
    for (const [i, id] of [late.body.id, anyTime.id, morning.id, split.id, selfId].entries()) {
      await t.services.jobs.seekers.applyFor(systemContext(t), id, { positionId: P1, clientKey: `av-${i}` });
    }
    const room = await jobs.post(`/api/jobs/fairs/${fairId}/rooms`, {
      name: '面试间 A',
      positionIds: [P1],
      meeting: '腾讯会议 111 222 333',
    });
    expect(room.status).toBe(200);
    const res = await jobs.post(`/api/jobs/fairs/${fairId}/timetable`, { start: '13:00', slotMinutes: 15, bufferMinutes: 5 });
    expect(res.status).toBe(200);
    const ivs = res.body.rooms[0].interviews as { seekerName: string; start: string; end: string }[];
    const of = (name: string) => ivs.find((iv) => iv.seekerName === name);
    const inside = (name: string, from: string, to: string) => {
      const iv = of(name);
      return !!iv && iv.start >= from && iv.end <= to;
    };
    expect(ivs).toHaveLength(4);
    expect(inside('午后来', '14:00', '15:00')).toBe(true);
    expect(inside('自己来', '15:30', '16:30')).toBe(true);
    // 13:00–13:10 is too short for 15 minutes: the second window
    expect(inside('两段', '13:30', '14:00')).toBe(true);
    expect(of('随时来')).toBeDefined();
    expect(of('只上午')).toBeUndefined();
    expect(res.body.unscheduled).toHaveLength(1);
    expect(res.body.unscheduled[0]).toMatchObject({ seekerName: '只上午', positionTitle: 'Java 开发工程师' });
    expect(res.body.unscheduled[0].reason).toMatch(/可用时段|时段/);
    expect(res.body.unscheduled[0].reason).toContain('只上午');
  });
});
