import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildBeneficiary } from '../../../../test/factories';
import { deliveryFigures, deliveryTimeline } from './deliveries.repository';

// §1 无接触配送 end to end through the API: verified needs → a plan of runs → tasks for two
// volunteers → a volunteer's own tasks only, the phone revealed (audited), delivered with a photo
// (shrunk, location data gone), a repeated report counted once → staff confirm → needs 已送达.

let t: TestApp;
let care: Client;
let zhonghua: Client;
let vol: Client;
let other: Client;
let volId: string;
let otherId: string;

/** a multipart body as a phone's form sends it: text fields, then the photo */
function form(fields: Record<string, string>, photo?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (photo)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${photo.name}"\r\nContent-Type: ${photo.type ?? 'image/jpeg'}\r\n\r\n`,
      ),
      photo.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const report = (c: Client, id: string, fields: Record<string, string>, photo?: { name: string; data: Buffer; type?: string }) => {
  const m = form(fields, photo);
  return c.request('POST', `/api/care/volunteer/tasks/${id}/report`, m.payload, m.headers);
};

/** a phone photo: 2000×1500 JPEG with the camera's make and a GPS position in its EXIF */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 180, g: 120, b: 60 } } })
    .withExif({
      IFD0: { Make: 'LinliTestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 0/1' },
    })
    .jpeg()
    .toBuffer();
}
/** the EXIF tag that points to the GPS block, in either byte order */
const hasGpsTag = (exif: Buffer | undefined) =>
  !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

const needStatus = async (id: string) =>
  (await t.database.db.selectFrom('care_needs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const auditCount = async (action: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

const beneficiaries: { id: string; name: string }[] = [];
const needIds: string[] = [];
let tasks: { id: string; beneficiaryId: string; volunteerId: string | null; status: string }[] = [];

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  zhonghua = await t.as('zhonghua');
  vol = await t.as('volunteer');
  const baiduId = t.org.neighborhoods.白渡 as string;
  const second = await buildAccount(t.database.db, {
    role: 'volunteer',
    orgId: baiduId,
    subdistrictId: t.org.subdistrictId,
    displayName: '志愿者 钱多',
  });
  other = await t.as(second.username);
  otherId = second.id;
  volId = (await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'volunteer').executeTakeFirstOrThrow()).id;
  // three households of 白渡 on one road, one of 中华
  for (const nb of ['白渡', '白渡', '白渡', '中华']) {
    const b = await buildBeneficiary(t, { neighborhood: nb });
    beneficiaries.push({ id: b.id, name: b.name });
  }
  const need = async (beneficiaryId: string, item: string, quantity: number, urgency = 'normal') => {
    const n = await care.post('/api/care/needs', { beneficiaryId, item, quantity, urgency });
    expect(n.status).toBe(200);
    expect((await care.post(`/api/care/needs/${n.body.id}/status`, { to: 'verified' })).status).toBe(200);
    needIds.push(n.body.id);
    return n.body.id as string;
  };
  await need(beneficiaries[0]!.id, 'masks', 20);
  await need(beneficiaries[0]!.id, 'masks', 10, 'urgent');
  await need(beneficiaries[1]!.id, 'vegetables', 1);
  await need(beneficiaries[2]!.id, 'thermometer', 1);
  await need(beneficiaries[3]!.id, 'staples', 1);
  // a need still 登记 (not verified) is not planned
  await care.post('/api/care/needs', { beneficiaryId: beneficiaries[2]!.id, item: 'medicine', quantity: 1, urgency: 'normal' });
});
afterAll(() => t.close());

describe('planning and creating delivery runs', () => {
  it('answers 401 to a stranger and 403 to a volunteer', async () => {
    expect((await t.anon().post('/api/care/deliveries/plan', {})).status).toBe(401);
    expect((await vol.post('/api/care/deliveries/plan', {})).status).toBe(403);
    expect((await vol.get('/api/care/deliveries/tasks')).status).toBe(403);
    expect((await care.get('/api/care/volunteer/tasks')).status).toBe(403);
  });

  it('groups needs per household and batches 白渡 by road into runs, balanced between volunteers', async () => {
    const plan = await care.post('/api/care/deliveries/plan', {
      neighborhoodIds: [t.org.neighborhoods.白渡],
      volunteers: [
        { accountId: volId, capacity: null },
        { accountId: otherId, capacity: null },
      ],
      maxPerRun: 2,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ needs: 4, households: 3 });
    const households = plan.body.runs.flatMap((r: { households: unknown[] }) => r.households);
    const first = households.find((h: { beneficiaryId: string }) => h.beneficiaryId === beneficiaries[0]!.id);
    expect(first).toMatchObject({ urgency: 'urgent', items: [{ item: 'masks', label: '口罩', quantity: 30, unit: '个' }] });
    expect(first.needIds).toHaveLength(2);
    expect(plan.body.runs.map((r: { households: unknown[] }) => r.households.length).sort()).toEqual([1, 2]);
    expect(plan.body.runs[0].title).toContain('白渡 · 中山南路');
    expect(new Set(plan.body.runs.map((r: { volunteerId: string }) => r.volunteerId))).toEqual(new Set([volId, otherId]));
  });

  it('refuses an unknown volunteer in words, naming the field', async () => {
    const res = await care.post('/api/care/deliveries/plan', { volunteers: [{ accountId: 'nobody', capacity: 3 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'volunteers.0.accountId', message: '志愿者不存在或已停用' }]);
  });

  it('creates the runs once for one client key and moves the needs to 已安排', async () => {
    const plan = await care.post('/api/care/deliveries/plan', {
      neighborhoodIds: [t.org.neighborhoods.白渡],
      volunteers: [
        { accountId: volId, capacity: null },
        { accountId: otherId, capacity: null },
      ],
      maxPerRun: 2,
    });
    const body = {
      clientKey: 'plan-key-000001',
      mode: 'contactless',
      dueAt: '2026-12-03T10:00:00+08:00',
      runs: plan.body.runs.map((r: { title: string; volunteerId: string; households: { beneficiaryId: string; needIds: string[] }[] }) => ({
        title: r.title,
        volunteerId: r.volunteerId,
        households: r.households.map((h) => ({ beneficiaryId: h.beneficiaryId, needIds: h.needIds })),
      })),
    };
    const made = await care.post('/api/care/deliveries/runs', body);
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ tasks: 3, duplicate: false });
    const again = await care.post('/api/care/deliveries/runs', body);
    expect(again.body).toMatchObject({ runIds: made.body.runIds, duplicate: true });
    expect(await auditCount('care.delivery_create')).toBe(1);
    for (const id of needIds.slice(0, 4)) expect(await needStatus(id)).toBe('arranged');
    expect(await needStatus(needIds[4]!)).toBe('verified');
    const events = await t.database.db
      .selectFrom('care_need_events')
      .selectAll()
      .where('need_id', '=', needIds[0]!)
      .orderBy('at')
      .execute();
    expect(events.at(-1)).toMatchObject({ from_status: 'verified', to_status: 'arranged' });
    // the same needs a second time: refused in words, nothing written
    const twice = await care.post('/api/care/deliveries/runs', { ...body, clientKey: 'plan-key-000002' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/第 1 户的需求已被安排/);

    const list = await care.get('/api/care/deliveries/tasks?pageSize=50');
    expect(list.body.total).toBe(3);
    tasks = list.body.items;
    expect(list.body.items[0]).toMatchObject({ status: 'open', mode: 'contactless', neighborhoodName: '白渡' });
    expect(list.body.items[0].phoneMasked).toMatch(/^139\*\*\*\*\d{4}$/);
    expect(list.body.items[0].address).toMatch(/^中山南路\d+弄3号201室$/);
    // 中华 staff do not see 白渡's tasks
    expect((await zhonghua.get('/api/care/deliveries/tasks')).body.total).toBe(0);
    expect((await zhonghua.get(`/api/care/deliveries/tasks/${tasks[0]!.id}`)).status).toBe(404);
  });
});

describe('the volunteer’s own tasks', () => {
  const mine = () => tasks.find((x) => x.volunteerId === volId)!;
  const theirs = () => tasks.find((x) => x.volunteerId === otherId)!;

  it('lists only their own tasks; another volunteer’s task is not found', async () => {
    const list = await vol.get('/api/care/volunteer/tasks');
    expect(list.status).toBe(200);
    expect(list.body.tasks.length).toBeGreaterThan(0);
    expect(list.body.tasks.every((x: { volunteerId: string }) => x.volunteerId === volId)).toBe(true);
    expect((await vol.get(`/api/care/volunteer/tasks/${theirs().id}`)).status).toBe(404);
    expect((await vol.post(`/api/care/volunteer/tasks/${theirs().id}/phone`)).status).toBe(404);
    expect((await vol.post(`/api/care/volunteer/tasks/${theirs().id}/status`, { to: 'taken' })).status).toBe(404);
    expect((await report(vol, theirs().id, { clientKey: 'steal-000001', outcome: 'failed', reason: '其他' })).status).toBe(404);
  });

  it('reveals the phone within the task, audited', async () => {
    const before = await auditCount('care.delivery_phone_reveal');
    const res = await vol.post(`/api/care/volunteer/tasks/${mine().id}/phone`);
    expect(res.status).toBe(200);
    expect(res.body.phone).toMatch(/^139\d{8}$/);
    expect(await auditCount('care.delivery_phone_reveal')).toBe(before + 1);
  });

  it('must take a task before reporting it', async () => {
    const early = await report(
      vol,
      mine().id,
      { clientKey: 'early-000001', outcome: 'delivered' },
      { name: 'a.jpg', data: await phonePhoto() },
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('请先领取该任务');
    const taken = await vol.post(`/api/care/volunteer/tasks/${mine().id}/status`, { to: 'taken' });
    expect(taken.body.status).toBe('taken');
    // a double tap on 领取 changes nothing
    expect((await vol.post(`/api/care/volunteer/tasks/${mine().id}/status`, { to: 'taken' })).body.status).toBe('taken');
    expect((await vol.post(`/api/care/volunteer/tasks/${mine().id}/status`, { to: 'on_way' })).body.status).toBe('on_way');
  });

  it('refuses a photo that is not an image, by its content, naming the field', async () => {
    const res = await report(
      vol,
      mine().id,
      { clientKey: 'pdf-0000001', outcome: 'delivered' },
      { name: '门口.jpg', data: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'), type: 'image/jpeg' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'photo', message: '「门口.jpg」不是图片，请用手机拍照或选择 JPG、PNG 照片' }]);
    const none = await report(vol, mine().id, { clientKey: 'nophoto-0001', outcome: 'delivered' });
    expect(none.body.error.fields).toEqual([{ path: 'photo', message: '请拍一张送达照片' }]);
  });

  it('stores the photo shrunk and without its location; a repeated report counts once', async () => {
    const photo = await phonePhoto();
    expect(hasGpsTag((await sharp(photo).metadata()).exif)).toBe(true);
    const key = { clientKey: 'deliver-0000001', outcome: 'delivered', note: '放在门口鞋柜上' };
    const first = await report(vol, mine().id, key, { name: 'IMG_0001.jpg', data: photo });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ duplicate: false, task: { status: 'delivered', note: '放在门口鞋柜上' } });
    // the retry from the offline queue: same key, same answer, nothing more written
    const retry = await report(vol, mine().id, key, { name: 'IMG_0001.jpg', data: photo });
    expect(retry.body).toMatchObject({ duplicate: true, task: { status: 'delivered' } });
    expect(await auditCount('care.delivery_report')).toBe(1);
    const files = await t.database.db.selectFrom('files').selectAll().where('owner_type', '=', 'care.delivery').execute();
    expect(files).toHaveLength(1);

    const url = first.body.task.photoUrl as string;
    const got = await vol.get(url);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(got.raw).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(1280);
    expect(meta.exif).toBeUndefined();
    expect(got.raw.includes(Buffer.from('LinliTestCam'))).toBe(false);
    expect(got.raw.length).toBeLessThan(photo.length);
    // care staff of the scope see it; 中华 staff and another volunteer do not
    expect((await care.get(url)).status).toBe(200);
    expect((await zhonghua.get(url)).status).toBe(404);
    expect((await other.get(url)).status).toBe(404);
  });

  it('asks for a reason when not delivered, and puts the needs back to 已核实', async () => {
    const id = theirs().id;
    await other.post(`/api/care/volunteer/tasks/${id}/status`, { to: 'taken' });
    const bare = await report(other, id, { clientKey: 'fail-00000001', outcome: 'failed' });
    expect(bare.body.error.fields).toEqual([{ path: 'reason', message: '请选择未能送达的原因' }]);
    const res = await report(other, id, { clientKey: 'fail-00000001', outcome: 'failed', reason: '无人应门' });
    expect(res.body.task).toMatchObject({ status: 'failed', failReason: '无人应门' });
    const links = await t.database.db.selectFrom('care_delivery_task_needs').select('need_id').where('task_id', '=', id).execute();
    for (const l of links) expect(await needStatus(l.need_id)).toBe('verified');
  });
});

describe('reassigning a run', () => {
  it('gives a run made without a volunteer to one; an unknown volunteer is refused in words', async () => {
    const zh = beneficiaries[3]!;
    const made = await care.post('/api/care/deliveries/runs', {
      clientKey: 'plan-key-zh-0001',
      mode: 'handover',
      dueAt: '2026-12-03T10:00:00+08:00',
      runs: [{ title: '中华 · 中山南路', volunteerId: null, households: [{ beneficiaryId: zh.id, needIds: [needIds[4]] }] }],
    });
    expect(made.body).toMatchObject({ tasks: 1, duplicate: false });
    const runId = made.body.runIds[0];
    const bad = await care.post(`/api/care/deliveries/runs/${runId}/volunteer`, { volunteerId: 'nobody' });
    expect(bad.body.error.fields).toEqual([{ path: 'volunteerId', message: '志愿者不存在或已停用' }]);
    // 中华 staff may; 白渡's volunteer gets it
    expect((await zhonghua.post(`/api/care/deliveries/runs/${runId}/volunteer`, { volunteerId: volId })).body).toMatchObject({ tasks: 1 });
    const mine = await vol.get('/api/care/volunteer/tasks');
    expect(mine.body.tasks.map((x: { name: string }) => x.name)).toContain(zh.name);
    expect(await auditCount('care.delivery_assign')).toBe(1);
  });
});

describe('staff confirm receipt', () => {
  it('refuses to confirm what was not delivered, then confirms once and moves the needs to 已送达', async () => {
    const failed = tasks.find((x) => x.volunteerId === otherId)!;
    const no = await care.post(`/api/care/deliveries/tasks/${failed.id}/confirm`, {});
    expect(no.status).toBe(409);
    expect(no.body.error.message).toBe('配送任务状态不能从「未能送达」改为「已回访确认」');

    const done = tasks.find((x) => x.volunteerId === volId)!;
    expect((await zhonghua.post(`/api/care/deliveries/tasks/${done.id}/confirm`, {})).status).toBe(404);
    const ok = await care.post(`/api/care/deliveries/tasks/${done.id}/confirm`, { note: '电话回访，已收到' });
    expect(ok.body).toMatchObject({ status: 'confirmed', confirmNote: '电话回访，已收到' });
    expect((await care.post(`/api/care/deliveries/tasks/${done.id}/confirm`, {})).body.status).toBe('confirmed');
    expect(await auditCount('care.delivery_confirm')).toBe(1);
    const links = await t.database.db.selectFrom('care_delivery_task_needs').select('need_id').where('task_id', '=', done.id).execute();
    for (const l of links) {
      expect(await needStatus(l.need_id)).toBe('delivered');
      const events = await t.database.db
        .selectFrom('care_need_events')
        .selectAll()
        .where('need_id', '=', l.need_id)
        .orderBy('at')
        .execute();
      expect(events.map((e) => e.to_status)).toEqual(['registered', 'verified', 'arranged', 'delivered']);
    }
  });

  it('lists the beneficiary’s deliveries on the timeline and counts them by neighborhood', async () => {
    const done = tasks.find((x) => x.volunteerId === volId)!;
    const entries = await deliveryTimeline(t.database.db, done.beneficiaryId);
    expect(entries.map((e) => e.title.split('：')[0])).toEqual(expect.arrayContaining(['安排配送', '已送达', '已回访确认收到']));
    expect(entries.every((e) => e.kind === 'delivery' && e.key.startsWith('delivery:'))).toBe(true);
    const figures = await deliveryFigures(t.database.db, { subdistrictIds: [t.org.subdistrictId], neighborhoodIds: [] });
    const baidu = figures.find((f) => f.neighborhoodName === '白渡');
    const total = tasks.length;
    expect(baidu).toMatchObject({ failed: 1 });
    expect((baidu?.done ?? 0) + (baidu?.pending ?? 0) + (baidu?.failed ?? 0)).toBe(total);
    const api = await care.get('/api/care/deliveries/figures');
    expect(api.body.figures).toEqual(figures);
  });
});

describe('a volunteer signs in by SMS code', () => {
  it('once the account has a sign-in phone, the code opens their tasks', async () => {
    const admin = await t.as('sysadmin');
    const bound = await admin.patch(`/api/accounts/${volId}`, { signInPhone: '13600001234' });
    expect(bound.status).toBe(200);
    // one phone, one account
    const clash = await admin.patch(`/api/accounts/${otherId}`, { signInPhone: '13600001234' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields).toEqual([{ path: 'signInPhone', message: '该手机号已绑定其他账号' }]);
    const phone = t.anon('10.0.0.9');
    expect((await phone.post('/api/auth/sms/request', { phone: '13600001234' })).status).toBe(200);
    await t.drain();
    const verified = await phone.post('/api/auth/sms/verify', { phone: '13600001234', code: t.sms.lastCode('13600001234') });
    expect(verified.status).toBe(200);
    await phone.refreshCsrf();
    const list = await phone.get('/api/care/volunteer/tasks');
    expect(list.status).toBe(200);
    expect(list.body.tasks.every((x: { volunteerId: string }) => x.volunteerId === volId)).toBe(true);
  });
});
