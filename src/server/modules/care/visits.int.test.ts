import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary, systemContext } from '../../../../test/factories';
import { type HttpReceiver, startHttpReceiver } from '../../../../test/receivers';
import { samplePdf, samplePng } from '../../../../test/sample-files';
import { idNumber, multipart } from '../../../../test/xlsx';
import { todayIso } from '../../core/people/id-number';
import { addDays } from './domain/visits';
import { VISITS_OVERDUE_JOB } from './visits.register';
import { visitTimeline } from './visits.service';

let t: TestApp;
let care: Client;
let baidu: Client;
let zhonghua: Client;
let volunteer: Client;
let robot: HttpReceiver;
const today = todayIso();

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
  volunteer = await t.as('volunteer');
  robot = await startHttpReceiver();
});
afterAll(async () => {
  await t.close();
  await robot.close();
});

const accountId = async (username: string) =>
  (await t.database.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('visit rules', () => {
  it('start as the two the office asked for; only the subdistrict edits them, in words', async () => {
    expect((await volunteer.get('/api/care/visit-rules')).status).toBe(403);
    const list = await care.get('/api/care/visit-rules');
    expect(list.status).toBe(200);
    expect(list.body.rules.map((r: { description: string }) => r.description)).toEqual([
      '重点关注：每 30 天至少走访一次',
      '80岁以上、独居：每 14 天至少走访一次',
    ]);
    const denied = await baidu.post('/api/care/visit-rules', { name: '失能每周', flag: '失能', intervalDays: 7 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('街道统一设置');
    const empty = await care.post('/api/care/visit-rules', { name: '全部', intervalDays: 90 });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('anyFlag');
    const bad = await care.post('/api/care/visit-rules', { name: '失能每周', flag: '失能', intervalDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'intervalDays', message: '走访间隔至少 1 天' });
    const made = await care.post('/api/care/visit-rules', { name: '失能每周', flag: '失能', intervalDays: 7, active: false });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ description: '「失能」：每 7 天至少走访一次', active: false });
    const dup = await care.post('/api/care/visit-rules', { name: '失能每周', flag: '失能', intervalDays: 7 });
    expect(dup.body.error.fields[0]).toMatchObject({ path: 'name', message: '规则「失能每周」已存在' });
    // a rule is the subdistrict's: a neighborhood does not find it to edit
    expect((await baidu.put(`/api/care/visit-rules/${made.body.id}`, { name: '失能每周', flag: '失能', intervalDays: 3 })).status).toBe(
      404,
    );
    const edited = await care.put(`/api/care/visit-rules/${made.body.id}`, {
      name: '失能每周',
      flag: '失能',
      intervalDays: 10,
      active: false,
    });
    expect(edited.body.intervalDays).toBe(10);
  });
});

describe('due list, scheduling and recording', () => {
  let old: { id: string };
  let young: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    // 88, living alone: the fortnightly rule governs
    old = await buildBeneficiary(t, { name: '江平' });
    other = await buildBeneficiary(t, { name: '陈志强', neighborhood: '中华' });
    // 66, with children, no reasons: no rule applies
    const ctx = systemContext(t);
    const cats = await t.services.care.beneficiaries.categories(ctx);
    young = await t.services.care.beneficiaries.create(ctx, {
      name: '赵淑芬',
      idNumber: idNumber('19600101', 238),
      neighborhoodId: t.org.neighborhoods.白渡 as string,
      categoryId: cats[0]?.id as string,
      livingSituation: '与子女同住',
      priorityReasons: [],
    });
  });

  it('lists the never-visited priority people as overdue, each neighborhood its own', async () => {
    const all = await care.get('/api/care/visits/due');
    expect(all.status).toBe(200);
    const names = all.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['江平', '陈志强']));
    expect(names).not.toContain('赵淑芬');
    const jiang = all.body.items.find((i: { name: string }) => i.name === '江平');
    expect(jiang).toMatchObject({
      state: 'overdue',
      lastVisitOn: null,
      dueOn: null,
      intervalDays: 14,
      ruleName: '80岁以上独居老人每两周走访',
    });
    expect(jiang.address).toMatch(/^中山南路\d+弄3号201室$/);
    const mine = await baidu.get('/api/care/visits/due?state=overdue');
    expect(mine.body.items.map((i: { name: string }) => i.name)).not.toContain('陈志强');
    expect(mine.body.items.every((i: { neighborhoodName: string }) => i.neighborhoodName === '白渡')).toBe(true);
    expect(young.id).toBeTruthy();
  });

  it('schedules a visit once for a double submit, names a wrong visitor, hides it from another neighborhood', async () => {
    const zhang = await accountId('baidu');
    const badVisitor = await baidu.post('/api/care/visits', {
      clientKey: 'sched-bad-0001',
      beneficiaryId: old.id,
      scheduledOn: today,
      visitorAccountIds: ['nobody-here'],
    });
    expect(badVisitor.status).toBe(400);
    expect(badVisitor.body.error.fields[0]).toMatchObject({ path: 'visitorAccountIds.0', message: '指派的走访人不存在' });
    const body = { clientKey: 'sched-jiang-0001', beneficiaryId: old.id, scheduledOn: today, visitorAccountIds: [zhang] };
    const [a, b] = await Promise.all([baidu.post('/api/care/visits', body), baidu.post('/api/care/visits', body)]);
    expect(a?.status).toBe(200);
    expect(b?.body.id).toBe(a?.body.id);
    expect(a?.body).toMatchObject({ status: 'scheduled', visitorNames: ['白渡居委 张萍'] });
    const n = await t.database.db
      .selectFrom('care_visits')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('beneficiary_id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect((await zhonghua.get(`/api/care/visits/${a?.body.id}`)).status).toBe(404);
    expect(
      (
        await zhonghua.post(`/api/care/visits/${a?.body.id}/record`, {
          clientKey: 'x-zh-00001',
          doneOn: today,
          visitors: '刘',
          conditionSeen: '好',
        })
      ).status,
    ).toBe(404);
    const outside = await zhonghua.post('/api/care/visits', { clientKey: 'sched-zh-0001', beneficiaryId: old.id, scheduledOn: today });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].path).toBe('beneficiaryId');
    // staff change the day and who goes
    const vol = await accountId('volunteer');
    const moved = await baidu.patch(`/api/care/visits/${a?.body.id}`, { scheduledOn: addDays(today, 2), visitorAccountIds: [zhang, vol] });
    expect(moved.body).toMatchObject({ scheduledOn: addDays(today, 2), visitorNames: ['白渡居委 张萍', '志愿者 赵晓东'] });
    const badDay = await baidu.patch(`/api/care/visits/${a?.body.id}`, { scheduledOn: '2026-13-40x' });
    expect(badDay.body.error.fields[0]).toMatchObject({ path: 'scheduledOn', message: '日期格式应为 YYYY-MM-DD' });
    const back = await baidu.patch(`/api/care/visits/${a?.body.id}`, { scheduledOn: today, visitorAccountIds: [zhang] });
    expect(back.status).toBe(200);
    const due = await baidu.get('/api/care/visits/due?state=overdue');
    expect(due.body.items.find((i: { name: string }) => i.name === '江平').scheduled).toMatchObject({
      scheduledOn: today,
      visitorNames: ['白渡居委 张萍'],
    });
  });

  it('records the visit: it leaves the overdue list, counts as a contact, a repeat counts once', async () => {
    const visit = (await baidu.get(`/api/care/visits?beneficiaryId=${old.id}`)).body.visits[0];
    const late = await baidu.post(`/api/care/visits/${visit.id}/record`, {
      clientKey: 'rec-jiang-0001',
      doneOn: addDays(today, 1),
      visitors: '张萍',
      conditionSeen: '精神好',
    });
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0]).toMatchObject({ path: 'doneOn', message: '走访日期不能晚于今天' });
    const missing = await baidu.post(`/api/care/visits/${visit.id}/record`, {
      clientKey: 'rec-jiang-0001',
      doneOn: today,
      visitors: '张萍',
      conditionSeen: '',
    });
    expect(missing.body.error.fields[0]).toMatchObject({ path: 'conditionSeen', message: '请填写走访所见情况' });
    const body = {
      clientKey: 'rec-jiang-0001',
      doneOn: today,
      visitors: '张萍、赵晓东',
      conditionSeen: '精神好，独自在家，家中整洁',
      supplies: '口罩 20 个',
      concerns: '腿脚不便，希望有人陪同就医',
      nextVisitOn: addDays(today, 7),
    };
    const done = await baidu.post(`/api/care/visits/${visit.id}/record`, body);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneOn: today, recordedBy: '白渡居委 张萍', nextVisitOn: addDays(today, 7) });
    const again = await baidu.post(`/api/care/visits/${visit.id}/record`, body);
    expect(again.status).toBe(200);
    const twice = await baidu.post(`/api/care/visits/${visit.id}/record`, { ...body, clientKey: 'rec-jiang-0002' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该走访已走访，不能再次登记');
    const late2 = await baidu.patch(`/api/care/visits/${visit.id}`, { scheduledOn: today });
    expect(late2.status).toBe(409);
    expect(late2.body.error.message).toBe('该走访已走访，不能再改安排');
    const state = await t.database.db
      .selectFrom('care_visit_state')
      .selectAll()
      .where('beneficiary_id', '=', old.id)
      .executeTakeFirstOrThrow();
    expect(state).toMatchObject({ last_visit_on: today, next_visit_on: addDays(today, 7), visits: 1 });
    const row = (await baidu.get('/api/care/visits/due')).body.items.find((i: { name: string }) => i.name === '江平');
    // the visitor planned a week ahead, sooner than the rule's fortnight
    expect(row).toMatchObject({ state: 'due', lastVisitOn: today, dueOn: addDays(today, 7), scheduled: null });
    const b = await baidu.get(`/api/care/beneficiaries/${old.id}`);
    expect(b.body.lastContactAt).not.toBeNull();
  });

  it('records an unscheduled visit straight away; the next visit must come after it', async () => {
    const wrong = await care.post('/api/care/visits/record', {
      clientKey: 'rec-chen-0001',
      beneficiaryId: other.id,
      doneOn: addDays(today, -3),
      visitors: '刘畅',
      conditionSeen: '住院中，家属在',
      nextVisitOn: addDays(today, -3),
    });
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'nextVisitOn', message: '下次走访日期应晚于本次走访日期' });
    const ok = await care.post('/api/care/visits/record', {
      clientKey: 'rec-chen-0001',
      beneficiaryId: other.id,
      doneOn: addDays(today, -20),
      visitors: '刘畅',
      conditionSeen: '住院中，家属在',
    });
    expect(ok.status).toBe(200);
    const again = await care.post('/api/care/visits/record', {
      clientKey: 'rec-chen-0001',
      beneficiaryId: other.id,
      doneOn: addDays(today, -20),
      visitors: '刘畅',
      conditionSeen: '住院中，家属在',
    });
    expect(again.body.id).toBe(ok.body.id);
    const row = (await zhonghua.get('/api/care/visits/due')).body.items.find((i: { name: string }) => i.name === '陈志强');
    expect(row).toMatchObject({ state: 'overdue', daysOverdue: 6, lastVisitOn: addDays(today, -20), dueOn: addDays(today, -6) });
    // a visit written down late, for an earlier day, does not move the last visit back
    await care.post('/api/care/visits/record', {
      clientKey: 'rec-chen-0002',
      beneficiaryId: other.id,
      doneOn: addDays(today, -30),
      visitors: '刘畅',
      conditionSeen: '补记',
    });
    const after = (await zhonghua.get('/api/care/visits/due')).body.items.find((i: { name: string }) => i.name === '陈志强');
    expect(after).toMatchObject({ lastVisitOn: addDays(today, -20), daysOverdue: 6 });
    const state = await t.database.db
      .selectFrom('care_visit_state')
      .selectAll()
      .where('beneficiary_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(state.visits).toBe(2);
  });

  it('takes photos that are images, refuses others in words, shows them only in scope', async () => {
    const visit = (await baidu.get(`/api/care/visits?beneficiaryId=${old.id}`)).body.visits[0];
    const pdf = multipart('走访.pdf', samplePdf());
    const refused = await baidu.request('POST', `/api/care/visits/${visit.id}/photos`, pdf.payload, pdf.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('走访.pdf');
    const png = multipart('门口.png', await samplePng('visit'));
    const stored = await baidu.request('POST', `/api/care/visits/${visit.id}/photos`, png.payload, png.headers);
    expect(stored.status).toBe(200);
    expect(stored.body.photos).toHaveLength(1);
    const url = stored.body.photos[0].url as string;
    expect((await care.get(url)).status).toBe(200);
    expect((await zhonghua.get(url)).status).toBe(404);
    // a phone photo with the home's GPS position: kept shrunk, upright, without EXIF
    const taken = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 90, g: 140, b: 200 } } })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(taken).metadata()).exif).toBeDefined();
    const phone = multipart('客厅.jpg', taken);
    const kept = await baidu.request('POST', `/api/care/visits/${visit.id}/photos`, phone.payload, phone.headers);
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    const file = await care.get(kept.body.photos.at(-1).url as string);
    const meta = await sharp(file.raw).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1280, height: 960 });
    expect(meta.exif).toBeUndefined();
  });

  it('gives the timeline its visits, newest first among them', async () => {
    const entries = await visitTimeline(t.database.db, old.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'visit', by: '白渡居委 张萍', key: expect.stringMatching(/^visit:/) });
    expect(entries[0]?.title).toContain('精神好');
    expect(entries[0]?.details).toEqual(expect.arrayContaining(['走访人：张萍、赵晓东', '送去物资：口罩 20 个']));
  });
});

describe('overdue reminders', () => {
  it('tell the responsible staff and the neighborhood robot once a day per overdue visit', async () => {
    const zhang = await accountId('baidu');
    const late = await buildBeneficiary(t, { name: '李秀英' });
    await t.services.care.beneficiaries.update(systemContext(t), late.id, { staffAccountId: zhang });
    const badRobot = await baidu.put('/api/care/visit-robots', { orgId: t.org.neighborhoods.中华, webhook: `${robot.base}/send?key=zh` });
    expect(badRobot.body.error.fields[0].path).toBe('orgId');
    const set = await baidu.put('/api/care/visit-robots', {
      orgId: t.org.neighborhoods.白渡,
      webhook: `${robot.base}/send?key=baidu-visits`,
    });
    expect(set.status).toBe(200);
    expect(set.body.robots[0].webhookMasked).not.toContain('baidu-visits');

    const outbox = async () =>
      t.database.db
        .selectFrom('notify_outbox')
        .select(['channel', 'neighborhood_id'])
        .where('source_type', '=', 'care.visit_overdue')
        .execute();
    expect(await t.services.core.schedule.runIfDue(VISITS_OVERDUE_JOB)).toBe(true);
    const first = await outbox();
    // in 白渡 李秀英 (never visited) is overdue; 江平 was visited today; 中华's 陈志强 is overdue but 中华 has no robot and no staff
    const baiduRobot = first.filter((m) => m.channel === 'wecom');
    expect(baiduRobot.length).toBeGreaterThanOrEqual(1);
    expect(first.filter((m) => m.channel === 'inapp')).toHaveLength(1);
    await t.drain();
    await robot.waitFor(baiduRobot.length);
    const texts = robot.received.map((r) => r.json.text.content as string);
    expect(texts.some((s) => s.startsWith('【上门走访逾期】白渡 李**：从未走访，请尽快安排（'))).toBe(true);
    expect(texts.join('')).not.toContain('李秀英');
    const staff = await baidu.get('/api/notify/inbox');
    expect(staff.body.items.some((i: { title: string }) => i.title === '上门走访逾期')).toBe(true);

    // the same day again: nothing new; the next day: told again
    expect(await t.services.care.visits.notifyOverdue(new Date())).toBe(0);
    expect((await outbox()).length).toBe(first.length);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await t.services.care.visits.notifyOverdue(tomorrow)).toBeGreaterThan(0);
    expect((await outbox()).length).toBe(first.length * 2);
  });
});
