import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary } from '../../../../test/factories';
import { type HttpReceiver, startHttpReceiver } from '../../../../test/receivers';

/** Care part 1, finished as its users found it (issue #11 §6). */
let t: TestApp;
let care: Client;
let baidu: Client;
let zhonghua: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
  for (let i = 0; i < 15; i++) await buildBeneficiary(t, { name: `进度${i}` });
});
afterAll(() => t.close());

const newCampaign = async (title: string) => {
  const callerId = (await baidu.get('/api/auth/me')).body.account.id;
  const res = await care.post('/api/care/campaigns', {
    title,
    startsOn: '2026-11-26',
    endsOn: '2026-12-10',
    talkingPoints: '问候身体情况',
    filter: { neighborhoodIds: [t.org.neighborhoods.白渡] },
    splitMode: 'evenly',
    callerIds: [callerId],
    maxAttempts: 3,
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; total: number };
};

describe('campaign progress after an unreached call', () => {
  it('counts a no-answer person back in the queue as tried (未接通 1, 待重拨 1), with attempts', async () => {
    const c = await newCampaign('进度核对');
    expect(c.total).toBe(15);
    const queue = await baidu.get(`/api/care/campaigns/${c.id}/queue`);
    const [first, second] = queue.body.items;
    const missed = await baidu.post(`/api/care/tasks/${first.taskId}/calls`, { clientKey: 'fix-progress-1', outcome: 'no_answer' });
    expect(missed.body).toMatchObject({ taskStatus: 'pending', requeued: true });
    let p = await care.get(`/api/care/campaigns/${c.id}`);
    expect(p.body).toMatchObject({ total: 15, reached: 0, unreached: 1, retry: 1, pending: 14, attempts: 1 });
    expect(p.body.byNeighborhood).toEqual([expect.objectContaining({ label: '白渡', unreached: 1, retry: 1, pending: 14, attempts: 1 })]);

    // the same person tried again, then a wrong number for another: two tried, three attempts
    await baidu.post(`/api/care/tasks/${first.taskId}/calls`, { clientKey: 'fix-progress-2', outcome: 'busy' });
    await baidu.post(`/api/care/tasks/${second.taskId}/calls`, { clientKey: 'fix-progress-3', outcome: 'wrong_number' });
    p = await care.get(`/api/care/campaigns/${c.id}`);
    expect(p.body).toMatchObject({ total: 15, reached: 0, unreached: 2, retry: 1, pending: 13, attempts: 3 });
    expect(p.body.byCaller).toEqual([expect.objectContaining({ unreached: 2, retry: 1, pending: 13, attempts: 3 })]);
    // the list of campaigns says the same
    const list = await care.get('/api/care/campaigns');
    expect(list.body.campaigns.find((x: { id: string }) => x.id === c.id)).toMatchObject({ unreached: 2, pending: 13, attempts: 3 });
  });
});

const cells = (ws: ExcelJS.Worksheet, n: number) =>
  Array.from(ws.getRow(n).values as unknown[], (v) => (v === undefined ? null : v)).slice(1);

describe('running a campaign: its list, edits, reassigning, closing', () => {
  let c: { id: string };
  type Row = {
    taskId: string;
    name: string;
    status: string;
    retry: boolean;
    attempts: number;
    lastOutcome: string | null;
    callerName: string | null;
  };
  let rows: Row[];

  it('lists every person with call status, attempts and last outcome', async () => {
    c = await newCampaign('节日慰问');
    const queue = await baidu.get(`/api/care/campaigns/${c.id}/queue`);
    const [a, b] = queue.body.items;
    await baidu.post(`/api/care/tasks/${a.taskId}/calls`, { clientKey: 'run-call-1', outcome: 'reached', healthStatus: 'good' });
    await baidu.post(`/api/care/tasks/${b.taskId}/calls`, { clientKey: 'run-call-2', outcome: 'no_answer' });
    const res = await care.get(`/api/care/campaigns/${c.id}/tasks`);
    expect(res.status).toBe(200);
    rows = res.body.tasks;
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.taskId === a.taskId)).toMatchObject({
      status: 'reached',
      retry: false,
      attempts: 1,
      lastOutcome: 'reached',
      callerName: '白渡居委 张萍',
    });
    expect(rows.find((r) => r.taskId === b.taskId)).toMatchObject({
      status: 'pending',
      retry: true,
      attempts: 1,
      lastOutcome: 'no_answer',
    });
    expect(rows.filter((r) => r.attempts === 0)).toHaveLength(13);
    expect((await zhonghua.get(`/api/care/campaigns/${c.id}/tasks`)).status).toBe(404);
  });

  it('edits the title, dates and talking points; refuses an end before the start, naming the field', async () => {
    const bad = await care.patch(`/api/care/campaigns/${c.id}`, { endsOn: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'endsOn', message: '结束日期不能早于开始日期' })]);
    const res = await care.patch(`/api/care/campaigns/${c.id}`, { title: '春节慰问', endsOn: '2026-12-31', talkingPoints: '拜年问候' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: '春节慰问', endsOn: '2026-12-31', talkingPoints: '拜年问候', startsOn: '2026-11-26' });
    const task = rows.find((r) => r.attempts === 0) as Row;
    expect((await baidu.get(`/api/care/tasks/${task.taskId}`)).body.talkingPoints).toBe('拜年问候');
  });

  it('reassigns calls still to make to another caller; finished ones stay', async () => {
    const careId = (await care.get('/api/auth/me')).body.account.id;
    const untried = rows.filter((r) => r.attempts === 0).slice(0, 3);
    const reached = rows.find((r) => r.status === 'reached') as Row;
    const res = await care.post(`/api/care/campaigns/${c.id}/reassign`, {
      taskIds: [...untried.map((r) => r.taskId), reached.taskId],
      callerId: careId,
    });
    expect(res.body).toEqual({ moved: 3 });
    const after = (await care.get(`/api/care/campaigns/${c.id}/tasks`)).body.tasks as Row[];
    expect(
      after
        .filter((r) => r.callerName === '优抚科 周敏')
        .map((r) => r.taskId)
        .sort(),
    ).toEqual(untried.map((r) => r.taskId).sort());
    expect((await care.get(`/api/care/campaigns/${c.id}/queue`)).body.items).toHaveLength(3);
    const nobody = await care.post(`/api/care/campaigns/${c.id}/reassign`, { taskIds: [untried[0]?.taskId], callerId: 'no-such-account' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields).toEqual([expect.objectContaining({ path: 'callerId' })]);
    // 中华 staff cannot touch a 白渡 campaign
    expect((await zhonghua.post(`/api/care/campaigns/${c.id}/reassign`, { taskIds: [untried[0]?.taskId], callerId: careId })).status).toBe(
      404,
    );
  });

  it('closes: no more calls (refused in Chinese), figures frozen, exported with the call list', async () => {
    const before = await care.get(`/api/care/campaigns/${c.id}`);
    const closed = await care.post(`/api/care/campaigns/${c.id}/close`, { note: '春节前结束' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedAt: expect.any(String),
      total: 15,
      reached: 1,
      unreached: 1,
      retry: 1,
      pending: 13,
      attempts: 2,
    });
    expect(closed.body.byNeighborhood).toEqual(before.body.byNeighborhood);

    const task = rows.find((r) => r.attempts === 0) as Row;
    const refused = await baidu.post(`/api/care/tasks/${task.taskId}/calls`, { clientKey: 'run-call-late', outcome: 'reached' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('慰问活动已结束');
    expect((await care.post(`/api/care/campaigns/${c.id}/close`, {})).body.error.message).toBe('慰问活动「春节慰问」已经结束');
    expect((await care.patch(`/api/care/campaigns/${c.id}`, { title: 'x' })).status).toBe(409);

    // the stored figures stay what they were at close, even if a task changed underneath
    await t.database.db.updateTable('care_call_tasks').set({ status: 'reached', attempts: 1 }).where('id', '=', task.taskId).execute();
    expect((await care.get(`/api/care/campaigns/${c.id}`)).body).toMatchObject({ reached: 1, pending: 13 });
    await t.database.db.updateTable('care_call_tasks').set({ status: 'pending', attempts: 0 }).where('id', '=', task.taskId).execute();

    const file = await care.get(`/api/care/campaigns/${c.id}/export`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const top = [String(ws.getCell('A1').value), String(ws.getCell('A2').value)].join('\n');
    expect(top).toContain('已接通 1，未接通 1（待重拨 1），待拨打 13，共 15 人，拨打 2 次');
    const headRow = [2, 3].find((n) => cells(ws, n)[0] === '姓名') ?? 0;
    expect(cells(ws, headRow)).toEqual([
      '姓名',
      '居民区',
      '地址',
      '手机号码',
      '话务员',
      '状态',
      '拨打次数',
      '最近结果',
      '最近拨打（北京时间）',
    ]);
    const body = Array.from({ length: 15 }, (_, i) => cells(ws, headRow + 1 + i));
    expect(body.map((r) => r[5]).sort()).toEqual(['已接通', '待重拨', ...Array(13).fill('待拨打')].sort());
    expect(body.every((r) => /^\d{3}\*{4}\d{4}$/.test(String(r[3])))).toBe(true);
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/audit?action=care.campaign_close')).body.total).toBe(1);
    expect((await auditor.get('/api/audit?action=care.campaign_export')).body.total).toBe(1);
  });
});

describe('an urgent need tells the responsible staff at once', () => {
  let robot: HttpReceiver;
  beforeAll(async () => {
    robot = await startHttpReceiver();
  });
  afterAll(() => robot.close());

  it('sets the group robot (subdistrict care staff only), shown masked', async () => {
    const bad = await care.put('/api/care/settings/robot', { webhook: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'webhook', message: '请填写以 https:// 开头的群机器人地址' })]);
    expect((await baidu.put('/api/care/settings/robot', { webhook: `${robot.base}/send?key=nb` })).status).toBe(403);
    const res = await care.put('/api/care/settings/robot', { webhook: `${robot.base}/cgi-bin/webhook/send?key=care-robot-4321` });
    expect(res.status).toBe(200);
    expect(res.body.webhook).not.toContain('care-robot-4321');
    expect(res.body.webhook).toContain('4321');
  });

  it('an urgent need registered on a call reaches the inboxes of subdistrict and neighborhood care staff and the robot; a normal one does not', async () => {
    await t.drain();
    const before = robot.received.length;
    const b = await buildBeneficiary(t, { name: '急需测试' });
    const normal = await care.post('/api/care/needs', { beneficiaryId: b.id, item: 'masks', quantity: 10, urgency: 'normal' });
    expect(normal.status).toBe(200);
    await t.drain();
    expect(robot.received.length).toBe(before);

    const c = await newCampaign('紧急需求核对');
    const task = await t.database.db
      .selectFrom('care_call_tasks')
      .select('id')
      .where('campaign_id', '=', c.id)
      .where('beneficiary_id', '=', b.id)
      .executeTakeFirstOrThrow();
    const call = await baidu.post(`/api/care/tasks/${task.id}/calls`, {
      clientKey: 'urgent-call-1',
      outcome: 'reached',
      needs: [{ item: 'medicine', quantity: 1, urgency: 'critical', note: '胰岛素用完' }],
    });
    expect(call.status).toBe(200);
    expect((await t.drain()).sent).toBe(3);
    expect(robot.received.slice(before).map((r) => r.json)).toEqual([
      { msgtype: 'text', text: { content: '【紧急需求】白渡 急***：药品代配 × 1（特急）：胰岛素用完。请负责同志尽快安排。' } },
    ]);
    expect(robot.received.at(-1)?.url.searchParams.get('key')).toBe('care-robot-4321');
    for (const who of [care, baidu]) {
      const inbox = await who.get('/api/notify/inbox');
      expect(inbox.body.items[0]).toMatchObject({
        title: '紧急需求：白渡 急需测试',
        body: '白渡 急需测试 登记了紧急需求：药品代配 × 1（特急）：胰岛素用完。请尽快安排。',
        link: `/care/beneficiaries/${b.id}`,
      });
    }
    // 中华 staff are not told of a 白渡 person
    expect((await zhonghua.get('/api/notify/inbox')).body.items).toHaveLength(0);
    // a retry of the same submission tells no one again
    await baidu.post(`/api/care/tasks/${task.id}/calls`, {
      clientKey: 'urgent-call-1',
      outcome: 'reached',
      needs: [{ item: 'medicine', quantity: 1, urgency: 'critical' }],
    });
    expect((await t.drain()).sent).toBe(0);
  });
});

describe('talking-point templates and the needs list search', () => {
  it('starts with 防疫, 节日慰问 and 高温关怀; the care office adds and edits; neighborhoods read only', async () => {
    const list = await baidu.get('/api/care/templates');
    expect(list.body.templates.map((x: { name: string }) => x.name)).toEqual(['防疫', '节日慰问', '高温关怀']);
    expect(list.body.templates[0].talkingPoints).toContain('戴口罩');
    const made = await care.post('/api/care/templates', { name: '重阳节', talkingPoints: '敬老问候；了解身体情况。' });
    expect(made.status).toBe(200);
    const again = await care.post('/api/care/templates', { name: '重阳节', talkingPoints: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('模板「重阳节」已存在');
    const empty = await care.post('/api/care/templates', { name: '空', talkingPoints: ' ' });
    expect(empty.body.error.fields).toEqual([expect.objectContaining({ path: 'talkingPoints', message: '请输入慰问要点' })]);
    expect((await baidu.post('/api/care/templates', { name: '居委自定', talkingPoints: 'x' })).status).toBe(403);
    expect((await baidu.patch(`/api/care/templates/${made.body.id}`, { name: '改' })).status).toBe(404);
    const edited = await care.patch(`/api/care/templates/${made.body.id}`, {
      talkingPoints: '敬老问候；了解身体和生活情况。',
      active: false,
    });
    expect(edited.body).toMatchObject({ name: '重阳节', talkingPoints: '敬老问候；了解身体和生活情况。', active: false });
    expect((await care.get('/api/care/templates')).body.templates.map((x: { name: string }) => x.name)).toEqual([
      '防疫',
      '节日慰问',
      '高温关怀',
      '重阳节',
    ]);
  });

  it('finds needs by the person’s name, pinyin initials or phone tail, in scope only', async () => {
    const b = await buildBeneficiary(t, { name: '欧阳需求', phone: '13912345678' });
    await care.post('/api/care/needs', { beneficiaryId: b.id, item: 'vegetables', quantity: 2, urgency: 'normal' });
    const other = await buildBeneficiary(t, { name: '司马无关' });
    await care.post('/api/care/needs', { beneficiaryId: other.id, item: 'vegetables', quantity: 1, urgency: 'normal' });
    for (const q of ['欧阳需求', '欧阳', 'oyxq', '5678']) {
      const res = await care.get(`/api/care/needs?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((n: { name: string }) => n.name),
        q,
      ).toEqual(['欧阳需求']);
    }
    expect((await zhonghua.get(`/api/care/needs?q=${encodeURIComponent('欧阳需求')}`)).body.items).toEqual([]);
  });
});
