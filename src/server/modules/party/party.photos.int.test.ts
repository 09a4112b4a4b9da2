import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount } from '../../../../test/factories';
import { sampleExecutable } from '../../../../test/sample-files';
import { multipart } from '../../../../test/xlsx';
import { buildActivity, buildBranch, buildMember } from './test/party-factories';

/**
 * Photos under a thought (issue 13 follow-up), on SQLite and PostgreSQL: up to 9 per thought,
 * judged by content, shrunk and stripped of EXIF; seen by the activity's branches and the staff
 * reaching it; a secretary marks one 可公开, audited.
 */
let t: TestApp;
let secretary: Client;
let activityId: string;
let b1: string;
const phoneOf = (i: number) => `1371111${String(1000 + i)}`;

async function signInMember(phone: string, ip: string): Promise<Client> {
  const anon = t.anon(ip);
  for (let i = 0; i < 10 && (await t.drain()).sent > 0; i++);
  expect((await anon.post('/api/auth/sms/request', { phone })).status).toBe(200);
  await t.drain();
  const verified = await anon.post('/api/auth/sms/verify', { phone, code: t.sms.lastCode(phone) });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  await anon.refreshCsrf();
  return anon;
}

/** a phone photo: 2000×1500 JPEG with a camera make and a GPS position in its EXIF */
const phonePhoto = (): Promise<Buffer> =>
  sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .withExif({
      IFD0: { Make: 'LinliTestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 0/1' },
    })
    .jpeg()
    .toBuffer();

const photoRows = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('party_thought_photos')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await testApp();
  b1 = await buildBranch(t, { name: '一支部' });
  const b2 = await buildBranch(t, { name: '二支部' });
  await buildMember(t, { branchId: b1, status: 'full', phone: phoneOf(0), name: '照片党员甲' });
  await buildMember(t, { branchId: b1, status: 'full', phone: phoneOf(1), name: '照片党员乙' });
  await buildMember(t, { branchId: b2, status: 'full', phone: phoneOf(2), name: '二支部党员丙' });
  activityId = (await buildActivity(t, [b1], '带照片的主题党日')).id;
  const a = await buildAccount(t.database.db, {
    role: 'party_secretary',
    orgId: t.org.subdistrictId,
    subdistrictId: t.org.subdistrictId,
    resource: { kind: 'party.branch', id: b1 },
  });
  secretary = await t.as(a.username);
}, 60_000);
afterAll(() => t.close());

describe('photos under a thought', () => {
  it('keeps up to 9 shrunk photos without EXIF, seen by the branch, marked 可公开 by the secretary', async () => {
    const m0 = await signInMember(phoneOf(0), '10.0.1.1');
    const posted = await m0.post(`/api/party/me/activities/${activityId}/thoughts`, {
      clientKey: 'photo-thought-01',
      text: '活动现场照片',
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const thoughtId = posted.body.thoughts[0].id as string;
    const upload = (c: Client, name: string, data: Buffer) => {
      const m = multipart(name, data);
      return c.request('POST', `/api/party/me/thoughts/${thoughtId}/photos`, m.payload, m.headers);
    };

    // a program dressed as a photo is refused in words, nothing kept
    const bad = await upload(m0, '现场.jpg', sampleExecutable());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('「现场.jpg」不是图片');
    expect(await photoRows()).toBe(0);

    const first = await upload(m0, '现场1.jpg', await phonePhoto());
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const photo = first.body.thoughts[0].photos[0];
    expect(photo).toMatchObject({ publishable: false });
    const stored = await m0.get(photo.url);
    expect(stored.status).toBe(200);
    const meta = await sharp(stored.raw).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(1280);
    expect(meta.exif).toBeUndefined();

    // someone else's thought is not theirs to add to
    const m1 = await signInMember(phoneOf(1), '10.0.1.2');
    const notMine = await upload(m1, 'x.jpg', await phonePhoto());
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.message).toBe('只能给自己发表的心得添加照片');

    // a fellow member of 一支部 and the secretary see it; 二支部's member does not
    expect((await m1.get(`/api/party/me/activities/${activityId}`)).body.thoughts[0].photos).toHaveLength(1);
    expect((await m1.get(photo.url)).status).toBe(200);
    expect((await secretary.get(photo.url)).status).toBe(200);
    const outsider = await signInMember(phoneOf(2), '10.0.1.3');
    expect((await outsider.get(photo.url)).status).toBe(404);

    // nine in all, the tenth refused
    for (let i = 2; i <= 9; i++) expect((await upload(m0, `现场${i}.png`, await phonePhoto())).status).toBe(200);
    expect(await photoRows()).toBe(9);
    const tenth = await upload(m0, '现场10.jpg', await phonePhoto());
    expect(tenth.status).toBe(400);
    expect(tenth.body.error.message).toBe('每条心得最多 9 张照片');
    expect(await photoRows()).toBe(9);

    // the admin activity page shows them; the secretary marks one 可公开, once audited however often pressed
    const detail = await secretary.get(`/api/party/activities/${activityId}`);
    expect(detail.body.thoughts[0].photos).toHaveLength(9);
    const mark = () => secretary.post(`/api/party/thought-photos/${photo.fileId}/publishable`, { publishable: true });
    const marked = await mark();
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body.thoughts[0].photos[0].publishable).toBe(true);
    await mark();
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'party.photo_publishable').execute();
    expect(audits).toHaveLength(1);
    // a member may not mark it
    expect((await m1.post(`/api/party/thought-photos/${photo.fileId}/publishable`, { publishable: false })).status).toBe(403);

    // the 可公开 photo, and only it, is offered to the month's bulletin, captioned with the activity's title
    const office = await t.as('party');
    const bulletin = await office.post('/api/bulletin/bulletins', { month: '2026-11' });
    expect(bulletin.status, JSON.stringify(bulletin.body)).toBe(200);
    const offered = async () => (await office.get(`/api/bulletin/bulletins/${bulletin.body.id}/photos`)).body.photos;
    expect(await offered()).toEqual([
      expect.objectContaining({
        fileId: photo.fileId,
        module: 'party',
        source: '组织生活',
        caption: '带照片的主题党日',
        date: '2026-11-20',
      }),
    ]);
    // taken back, it is offered no more
    await secretary.post(`/api/party/thought-photos/${photo.fileId}/publishable`, { publishable: false });
    expect(await offered()).toEqual([]);
  });
});

describe('提醒未读', () => {
  it('reminds only members with an unopened material, in the inbox and by SMS, once a day per package', async () => {
    const pack = await secretary.post('/api/party/packages', {
      title: '提醒测试学习包',
      branchIds: [b1],
      materials: [
        { title: '提纲一', body: '一' },
        { title: '提纲二', body: '二' },
      ],
    });
    expect(pack.status, JSON.stringify(pack.body)).toBe(200);
    // 照片党员甲 opens both; 照片党员乙 signs in (an account for the inbox) but opens nothing
    const m0 = await signInMember(phoneOf(0), '10.0.1.4');
    const mine = await m0.get('/api/party/me/materials');
    const items = mine.body.packages.find((p: { title: string }) => p.title === '提醒测试学习包').items as { id: string }[];
    for (const i of items) expect((await m0.post(`/api/party/me/materials/${i.id}/open`)).status).toBe(200);
    const m1 = await signInMember(phoneOf(1), '10.0.1.5');
    await t.drain();
    const sent = () =>
      t.database.db
        .selectFrom('notify_outbox')
        .select(['channel', 'recipient_account_id', 'body'])
        .where('body', 'like', '%提醒测试学习包%')
        .execute();
    expect(await sent()).toHaveLength(0);

    const first = await secretary.post(`/api/party/packages/${pack.body.id}/remind`, { branchId: b1 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ reminded: 1, alreadyToday: false, message: '已提醒 1 名党员' });
    const rows = await sent();
    expect(rows.map((r) => r.channel).sort()).toEqual(['inapp', 'sms']);
    expect(rows.every((r) => r.body.startsWith('【邻里】照片党员乙同志'))).toBe(true);
    await t.drain();
    const inbox = await m1.get('/api/notify/inbox');
    expect(inbox.body.items.some((i: { body: string }) => i.body.includes('提醒测试学习包'))).toBe(true);

    // the same day again: nothing sent, and said so
    const second = await secretary.post(`/api/party/packages/${pack.body.id}/remind`, {});
    expect(second.body).toMatchObject({ reminded: 0, alreadyToday: true, message: '今天已经提醒过了，每个学习包每天只提醒一次，明天再试' });
    expect(await sent()).toHaveLength(2);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'party.package_remind').execute();
    expect(audits).toHaveLength(1);
    // a member may not press it
    expect((await m1.post(`/api/party/packages/${pack.body.id}/remind`, {})).status).toBe(403);
  });
});
