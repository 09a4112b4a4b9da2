import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { BENEFICIARY_HEADERS, beneficiaryRows } from '../../../../test/care-xlsx';
import { type CellValue, multipart, xlsxBuffer } from '../../../../test/xlsx';

let t: TestApp;
let care: Client;
let baidu: Client;
let zhonghua: Client;
let volunteer: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
  volunteer = await t.as('volunteer');
});
afterAll(() => t.close());

const upload = async (c: Client, rows: CellValue[][]) => {
  const m = multipart('优抚对象.xlsx', await xlsxBuffer(rows, { headers: BENEFICIARY_HEADERS }));
  return c.request('POST', '/api/imports/beneficiaries', m.payload, m.headers);
};
const count = async (table: 'care_beneficiaries' | 'persons') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('优抚对象 import', () => {
  it('shows both bad rows of a 30-row workbook, writes nothing, then imports the fixed file', async () => {
    const rows = beneficiaryRows(30);
    const bad = rows.map((r) => [...r]);
    (bad[4] as (string | null)[])[2] = `${String(bad[4]?.[2]).slice(0, 17)}${String(bad[4]?.[2]).endsWith('1') ? '2' : '1'}`;
    (bad[11] as (string | null)[])[3] = '1370000123';
    const preview = await upload(care, bad);
    expect(preview.status).toBe(200);
    expect(preview.body.report.ok).toBe(false);
    expect(preview.body.report.errors).toEqual([
      expect.objectContaining({ row: 6, column: '身份证号' }),
      expect.objectContaining({ row: 13, column: '手机号码' }),
    ]);
    expect(preview.body.report.errors[0].message).toContain('校验');
    const refused = await care.post(`/api/imports/beneficiaries/${preview.body.id}/commit`);
    expect(refused.body).toMatchObject({ status: 'previewed', report: { ok: false } });
    expect(await count('care_beneficiaries')).toBe(0);
    expect(await count('persons')).toBe(0);

    const good = await upload(care, rows);
    expect(good.body.report).toMatchObject({ ok: true, rows: 30, errors: [] });
    const done = await care.post(`/api/imports/beneficiaries/${good.body.id}/commit`);
    expect(done.status).toBe(200);
    expect(done.body.report).toMatchObject({ ok: true, created: 30, updated: 0, unchanged: 0 });
    expect(await count('care_beneficiaries')).toBe(30);

    // the same file again changes nothing
    const again = await upload(care, rows);
    const second = await care.post(`/api/imports/beneficiaries/${again.body.id}/commit`);
    expect(second.body.report).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 30 });
  });

  it('splits 重点关注原因 on 、 and derives flags from living situation', async () => {
    const list = await care.get(`/api/care/beneficiaries?neighborhoodId=${t.org.neighborhoods.白渡}&pageSize=50`);
    const first = list.body.items.find((b: { name: string }) => b.name === '王建国');
    expect(first.flags).toEqual(expect.arrayContaining(['慢性病', '行动不便', '独居']));
    expect(first.phoneMasked).toMatch(/^137\*{4}\d{4}$/);
    const flagged = await care.get('/api/care/beneficiaries?flag=行动不便&pageSize=50');
    expect(flagged.body.total).toBe(15);
  });

  it('keeps the change of a phone as history, and lists show the latest', async () => {
    const list = await care.get(`/api/care/beneficiaries?q=wjg`);
    const id = list.body.items[0].id;
    const res = await care.patch(`/api/care/beneficiaries/${id}`, { phone: '13611112222' });
    expect(res.status).toBe(200);
    expect(res.body.phoneMasked).toBe('136****2222');
    expect(res.body.contactHistory[0]).toMatchObject({ field: 'phone', before: '137****1000', after: '136****2222' });
    expect(res.body.contactHistory[0].changedBy).toContain('优抚科');
  });

  it('lets only subdistrict care staff add a category, which every neighborhood then uses', async () => {
    const baidu = await t.as('baidu');
    const refused = await baidu.post('/api/care/categories', { name: '居民区自设类别' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('街道统一设置');
    const care = await t.as('care');
    expect((await care.post('/api/care/categories', { name: '见义勇为人员' })).status).toBe(200);
    const seen = (await baidu.get('/api/care/categories')).body.categories.map((c: { name: string }) => c.name);
    expect(seen).toContain('见义勇为人员');
    expect(seen).not.toContain('居民区自设类别');
  });

  it('hides another neighborhood’s beneficiaries from neighborhood staff', async () => {
    const zh = await zhonghua.get('/api/care/beneficiaries?pageSize=100');
    expect(zh.body.items.every((b: { neighborhoodName: string }) => b.neighborhoodName === '中华')).toBe(true);
    const baiduPerson = (await baidu.get('/api/care/beneficiaries?pageSize=1')).body.items[0];
    expect((await zhonghua.get(`/api/care/beneficiaries/${baiduPerson.id}`)).status).toBe(404);
    expect((await volunteer.get('/api/care/beneficiaries')).status).toBe(403);
  });

  it('exports the filtered list masked, naming who exported it, and audits the export', async () => {
    const res = await baidu.request('GET', '/api/care/beneficiaries/export');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws?.getRow(1).getCell(1).value)).toContain('导出人：白渡居委 张萍');
    const ids: string[] = [];
    ws?.eachRow((row, n) => {
      if (n > 2) ids.push(String(row.getCell(4).value));
    });
    expect(ids.length).toBe(12);
    expect(ids.every((v) => /^\d{6}\*{8}\d{3}[\dX]$/.test(v))).toBe(true);
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/audit?action=care.export')).body.total).toBe(1);
  });
});

describe('集中电话慰问 campaign', () => {
  let campaignId: string;
  let callerId: string;

  it('creates a campaign over 白渡 and splits its list to the caller', async () => {
    callerId = (await baidu.get('/api/auth/me')).body.account.id;
    const res = await care.post('/api/care/campaigns', {
      title: '防疫电话慰问',
      startsOn: '2026-11-26',
      endsOn: '2026-12-10',
      talkingPoints: '了解身体和生活情况；宣传防疫知识：勤洗手、戴口罩、少聚集。',
      filter: { neighborhoodIds: [t.org.neighborhoods.白渡] },
      splitMode: 'neighborhood',
      callerIds: [callerId],
      maxAttempts: 3,
    });
    expect(res.status).toBe(200);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({ total: 12, pending: 12, reached: 0 });
    expect(res.body.byNeighborhood).toEqual([expect.objectContaining({ label: '白渡', total: 12, pending: 12 })]);
  });

  it('refuses a campaign without callers, naming the field', async () => {
    const res = await care.post('/api/care/campaigns', {
      title: 'x',
      startsOn: '2026-11-26',
      endsOn: '2026-11-20',
      talkingPoints: 'x',
      filter: {},
      splitMode: 'evenly',
      callerIds: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['callerIds']));
  });

  it('records a reached call with two needs and an unreached one; the unreached person returns to the queue', async () => {
    const queue = await baidu.get(`/api/care/campaigns/${campaignId}/queue`);
    expect(queue.body.items).toHaveLength(12);
    const [first, second] = queue.body.items;

    const screen = await baidu.get(`/api/care/tasks/${first.taskId}`);
    expect(screen.body.talkingPoints).toContain('勤洗手');
    expect(screen.body.beneficiary.phoneMasked).toMatch(/\*{4}/);
    const phones = await baidu.post(`/api/care/tasks/${first.taskId}/phones`);
    expect(phones.body.phone).toMatch(/^1\d{10}$/);

    const reached = await baidu.post(`/api/care/tasks/${first.taskId}/calls`, {
      clientKey: 'call-0001-reached',
      outcome: 'reached',
      healthStatus: 'fair',
      livingStatus: 'normal',
      mood: 'good',
      adviceGiven: true,
      needs: [
        { item: 'masks', quantity: 20, urgency: 'normal' },
        { item: 'medicine', quantity: 1, urgency: 'urgent', note: '降压药' },
      ],
    });
    expect(reached.status).toBe(200);
    expect(reached.body).toMatchObject({ taskStatus: 'reached', needIds: [expect.any(String), expect.any(String)], duplicate: false });
    // a double tap sends the same submission again: it counts once
    const again = await baidu.post(`/api/care/tasks/${first.taskId}/calls`, {
      clientKey: 'call-0001-reached',
      outcome: 'reached',
      adviceGiven: true,
      needs: [
        { item: 'masks', quantity: 20, urgency: 'normal' },
        { item: 'medicine', quantity: 1, urgency: 'urgent', note: '降压药' },
      ],
    });
    expect(again.body).toMatchObject({ duplicate: true, callId: reached.body.callId });

    const missed = await baidu.post(`/api/care/tasks/${second.taskId}/calls`, { clientKey: 'call-0002-noanswer', outcome: 'no_answer' });
    expect(missed.body).toMatchObject({ taskStatus: 'pending', requeued: true });

    const after = await baidu.get(`/api/care/campaigns/${campaignId}/queue`);
    const back = after.body.items.find((i: { taskId: string }) => i.taskId === second.taskId);
    expect(back).toMatchObject({ status: 'pending', attempts: 1, lastOutcome: 'no_answer' });
    // tried people go after the untried ones
    expect(after.body.items.at(-1).status).toBe('reached');

    const needs = await care.get('/api/care/needs/summary');
    expect(needs.body.cells).toEqual([
      expect.objectContaining({ item: 'masks', neighborhoodName: '白渡', quantity: 20, people: 1 }),
      expect.objectContaining({ item: 'medicine', neighborhoodName: '白渡', quantity: 1, urgent: 1 }),
    ]);
    const progress = await care.get(`/api/care/campaigns/${campaignId}`);
    // the no-answer person is back in the queue but counts as tried (issue #11 §6)
    expect(progress.body).toMatchObject({ reached: 1, pending: 10, unreached: 1, retry: 1, attempts: 2 });
    expect(progress.body.byCaller).toEqual([expect.objectContaining({ label: '白渡居委 张萍', reached: 1, unreached: 1, pending: 10 })]);
    const detail = await care.get(`/api/care/beneficiaries/${first.beneficiaryId}`);
    expect(detail.body.lastContactAt).toBeTruthy();
    expect(detail.body.calls[0]).toMatchObject({ outcome: 'reached', healthStatus: 'fair' });
  });

  it('a wrong number ends the attempts and raises a task to correct the phone', async () => {
    const queue = await baidu.get(`/api/care/campaigns/${campaignId}/queue`);
    const third = queue.body.items.find((i: { attempts: number }) => i.attempts === 0);
    const res = await baidu.post(`/api/care/tasks/${third.taskId}/calls`, { clientKey: 'call-0003-wrong', outcome: 'wrong_number' });
    expect(res.body.taskStatus).toBe('unreached');
    const todos = await care.get('/api/care/todos?status=open');
    expect(todos.body.todos).toEqual([expect.objectContaining({ kind: 'fix_phone', beneficiaryId: third.beneficiaryId })]);
    expect((await baidu.post(`/api/care/tasks/${third.taskId}/calls`, { clientKey: 'call-0004-late', outcome: 'reached' })).status).toBe(
      409,
    );
  });

  it('keeps callers to their own tasks: 中华 staff cannot open a 白渡 call', async () => {
    const queue = await baidu.get(`/api/care/campaigns/${campaignId}/queue`);
    const task = queue.body.items[0].taskId;
    expect((await zhonghua.get(`/api/care/tasks/${task}`)).status).toBe(404);
    expect((await zhonghua.get(`/api/care/campaigns/${campaignId}/queue`)).status).toBe(404);
  });

  it('moves a need through its statuses and refuses a skip', async () => {
    const list = await care.get('/api/care/needs?open=true');
    const masks = list.body.items.find((n: { item: string }) => n.item === 'masks');
    expect((await care.post(`/api/care/needs/${masks.id}/status`, { to: 'delivered' })).status).toBe(409);
    for (const to of ['verified', 'arranged', 'delivered']) {
      expect((await care.post(`/api/care/needs/${masks.id}/status`, { to })).body.status).toBe(to);
    }
    const summary = await care.get('/api/care/needs/summary');
    expect(summary.body.cells.map((c: { item: string }) => c.item)).toEqual(['medicine']);
  });
});
