import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount } from '../../../../test/factories';
import { idNumber } from '../../../../test/xlsx';
import { scopeFor, systemActor } from '../access/actor';
import { allPermissions } from '../modules/install';
import { iteratePersons, listPersons } from './people.repository';

let t: TestApp;
let care: Client;
let baidu: Client;
let zhonghua: Client;
const jiang = idNumber('19560314', 123);
let jiangId: string;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('registry');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
  const r = await care.post('/api/people', {
    name: '江平',
    idNumber: jiang,
    phone: '13812345678',
    altPhone: '021-63281234',
    neighborhoodId: t.org.neighborhoods.白渡,
    road: '中山南路',
    lane: '100弄',
    building: '5',
    room: '301室',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  jiangId = r.body.person.id;
  await care.post('/api/people', {
    name: '王小明',
    idNumber: idNumber('19800101', 457, '310104'),
    phone: '13900001111',
    neighborhoodId: t.org.neighborhoods.中华,
  });
});
afterAll(() => t.close());

describe('people registry', () => {
  it('stores ID numbers and phones encrypted, with birth date and gender from the ID', async () => {
    const row = await t.database.db.selectFrom('persons').selectAll().where('id', '=', jiangId).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(jiang.slice(6));
    expect(row.phone_enc).not.toContain('12345678');
    expect(row).toMatchObject({
      gender: 'male',
      birth_date: '1956-03-14',
      id_tail: jiang.slice(-4),
      phone_tail: '5678',
      lane: '100',
      room: '301',
    });
  });

  it('shows masked values in lists and details', async () => {
    const d = await care.get(`/api/people/${jiangId}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      name: '江平',
      idNumberMasked: `310101********${jiang.slice(-4)}`,
      phoneMasked: '138****5678',
      altPhoneMasked: '021****1234',
      neighborhoodName: '白渡',
      address: { text: '白渡 中山南路100弄5号301室' },
    });
    expect(JSON.stringify(d.body)).not.toContain(jiang);
    expect(JSON.stringify(d.body)).not.toContain('13812345678');
  });

  it.each([
    ['jp', '江平'],
    ['jiangping', '江平'],
    ['JIANG', '江平'],
    ['江', '江平'],
    ['5678', '江平'],
    ['13812345678', '江平'],
    [jiang, '江平'],
    [`310101********${jiang.slice(-4)}`, '江平'],
    [`****${jiang.slice(-4)}`, '江平'],
    ['1111', '王小明'],
    ['wxm', '王小明'],
  ])('finds a person by %s', async (q, name) => {
    const r = await care.get(`/api/people?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: { name: string }) => p.name)).toEqual([name]);
  });

  it('does not find by a wrong ID and filters by neighborhood', async () => {
    const wrong = jiang.slice(0, 17) + (jiang[17] === '1' ? '2' : '1');
    expect((await care.get(`/api/people?q=${wrong}`)).body.total).toBe(0);
    const r = await care.get(`/api/people?neighborhoodId=${t.org.neighborhoods.中华}`);
    expect(r.body.items.map((p: { name: string }) => p.name)).toEqual(['王小明']);
  });

  it('keeps neighborhood staff inside their neighborhood: a 白渡 person is 404 to 中华', async () => {
    expect((await zhonghua.get(`/api/people/${jiangId}`)).status).toBe(404);
    expect((await zhonghua.patch(`/api/people/${jiangId}`, { name: '改名' })).status).toBe(404);
    // (revealing is not a neighborhood worker's at all: 403 before any record is looked at)
    expect((await zhonghua.post(`/api/people/${jiangId}/reveal`, { field: 'idNumber' })).status).toBe(403);
    const list = await zhonghua.get('/api/people?q=jp');
    expect(list.body.total).toBe(0);
    expect((await zhonghua.get('/api/people')).body.items.map((p: { name: string }) => p.name)).toEqual(['王小明']);
    expect((await baidu.get(`/api/people/${jiangId}`)).status).toBe(200);
  });

  it('reveals a full value only with people:reveal, and audits every reveal', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'people.reveal').execute();
    const care = await t.as('registry');
    const r = await care.post(`/api/people/${jiangId}/reveal`, { field: 'idNumber' });
    expect(r.body).toEqual({ field: 'idNumber', value: jiang });
    expect((await care.post(`/api/people/${jiangId}/reveal`, { field: 'phone' })).body.value).toBe('13812345678');
    const after = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.reveal').orderBy('seq').execute();
    expect(after.length - before.length).toBe(2);
    expect(after.at(-1)).toMatchObject({ target_id: jiangId, actor_name: expect.stringContaining('registry') });
    expect(after.at(-1)?.detail).not.toContain('13812345678');
    // neither the neighborhood's own staff (they see the masked value) nor an office without the registry
    for (const who of ['baidu', 'care', 'jobs', 'auditor', 'volunteer', 'sysadmin']) {
      const c = await t.as(who);
      expect((await c.post(`/api/people/${jiangId}/reveal`, { field: 'idNumber' })).status, who).toBe(403);
    }
    // the registry is granted as a whole through its own role
    const officer = await buildAccount(t.database.db, {
      role: 'registry_officer',
      orgId: t.org.subdistrictId,
      subdistrictId: t.org.subdistrictId,
    });
    expect((await (await t.as(officer.username)).post(`/api/people/${jiangId}/reveal`, { field: 'phone' })).body.value).toBe('13812345678');
    expect((await (await t.as('jobs')).get('/api/people')).status).toBe(403);
  });

  it('merges the same person created twice, and keeps a history of phone and address changes', async () => {
    const again = await baidu.post('/api/people', { name: '江平', idNumber: jiang.toLowerCase(), phone: '13812345678' });
    expect(again.body.outcome).toBe('unchanged');
    const moved = await baidu.post('/api/people', { name: '江平', idNumber: jiang, phone: '13700002222', room: '402' });
    expect(moved.body.outcome).toBe('updated');
    expect(moved.body.person.id).toBe(jiangId);
    const patched = await baidu.patch(`/api/people/${jiangId}`, { altPhone: null });
    expect(patched.status).toBe(200);
    const h = patched.body.contactHistory;
    expect(h.map((c: { field: string }) => c.field).sort()).toEqual(['address', 'altPhone', 'phone']);
    expect(h.find((c: { field: string }) => c.field === 'phone')).toMatchObject({
      before: '138****5678',
      after: '137****2222',
      source: 'manual',
    });
    expect(h.find((c: { field: string }) => c.field === 'address')).toMatchObject({
      before: '白渡 中山南路100弄5号301室',
      after: '白渡 中山南路100弄5号402室',
    });
    expect(h.find((c: { field: string }) => c.field === 'altPhone')).toMatchObject({ before: '021****1234', after: null });
    expect(await t.database.db.selectFrom('persons').select('id').where('name', '=', '江平').execute()).toHaveLength(1);
  });

  it('refuses bad input with Chinese messages naming the field', async () => {
    const wrong = jiang.slice(0, 17) + (jiang[17] === '1' ? '2' : '1');
    const r = await care.post('/api/people', { name: '李四', idNumber: wrong, phone: '1381234567' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]).toEqual({ path: 'idNumber', message: '身份证号校验位不正确，请核对号码' });
    const p = await care.post('/api/people', { name: '李四', idNumber: idNumber('19700101', 1), phone: '1381234567' });
    expect(p.body.error.fields[0]).toEqual({ path: 'phone', message: '手机号码应为 11 位数字，当前为 10 位' });
    const g = await care.post('/api/people', { name: '李四', idNumber: idNumber('19700101', 1), gender: 'female' });
    expect(g.body.error.fields[0].path).toBe('gender');
    const n = await zhonghua.post('/api/people', {
      name: '李四',
      idNumber: idNumber('19700101', 1),
      neighborhoodId: t.org.neighborhoods.白渡,
    });
    expect(n.body.error.fields[0]).toMatchObject({ path: 'neighborhoodId' });
  });

  it('exports the filtered list, masked, with who and when on top, and audits the export', async () => {
    const res = await care.get(`/api/people/export?neighborhoodId=${t.org.neighborhoods.白渡}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('居民名单'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(String(ws.getCell('A1').value)).toMatch(
      /^导出人：居民信息管理员 孙丽（registry）　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）　筛选条件：居民区：白渡$/,
    );
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '姓名',
      '性别',
      '出生日期',
      '身份证号',
      '手机号码',
      '备用电话',
      '居民区',
      '地址',
    ]);
    expect(ws.rowCount).toBe(3);
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    expect(row.slice(0, 5)).toEqual(['江平', '男', '1956-**-**', `310101********${jiang.slice(-4)}`, '137****2222']);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.export').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ rows: 1, filters: { neighborhoodId: t.org.neighborhoods.白渡 } });
  });

  it('exports to neighborhood staff only what they can see', async () => {
    const res = await zhonghua.get('/api/people/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(3);
    expect(ws?.getCell('A3').value).toBe('王小明');
  });

  it('pages an export through people of the same pinyin without losing or repeating one', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await care.post('/api/people', {
        name: '张伟',
        idNumber: idNumber('19650101', 200 + i),
        neighborhoodId: t.org.neighborhoods.白渡,
      });
      expect(r.status).toBe(200);
    }
    const scope = scopeFor(systemActor(t.org.subdistrictId, allPermissions()), 'people:read');
    const { ilike } = t.database.dialect;
    const all = await listPersons(t.database.db, scope, {}, ilike, { limit: 100, offset: 0 });
    const paged = [];
    // pages of two: page boundaries fall between people whose pinyin is the same
    for await (const p of iteratePersons(t.database.db, scope, {}, ilike, 2)) paged.push(p.id);
    expect(paged).toEqual(all.rows.map((r) => r.id));
    expect(new Set(paged).size).toBe(all.total);
  });

  it('pages the list in a stable order, each page the next rows, for subdistrict and neighborhood staff alike', async () => {
    for (const c of [care, baidu]) {
      const all = await c.get('/api/people?page=1&pageSize=200');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBe(all.body.total);
      const paged: string[] = [];
      for (let page = 1; paged.length < all.body.total; page++) {
        const r = await c.get(`/api/people?page=${page}&pageSize=2`);
        expect(r.body.total).toBe(all.body.total);
        paged.push(...r.body.items.map((p: { id: string }) => p.id));
      }
      expect(paged).toEqual(all.body.items.map((p: { id: string }) => p.id));
      const beyond = await c.get(`/api/people?page=${Math.ceil(all.body.total / 2) + 1}&pageSize=2`);
      expect(beyond.body).toEqual({ items: [], total: all.body.total });
    }
  });

  it('refuses a page beyond the deepest one served, naming the field', async () => {
    const r = await care.get('/api/people?page=10001&pageSize=20');
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'page', message: '页码不能大于 10000，请用筛选条件缩小范围' }]);
    expect((await care.get('/api/people?page=10000&pageSize=20')).status).toBe(200);
  });
});

describe('an ID number registered in another neighborhood is no oracle', () => {
  const elsewhere = idNumber('19800101', 457, '310104'); // 王小明, 中华

  it('person create: the same neutral answer as for any person the actor cannot write', async () => {
    const r = await baidu.post('/api/people', { name: '某人', idNumber: elsewhere, neighborhoodId: t.org.neighborhoods.白渡 });
    const out = await baidu.post('/api/people', {
      name: '某人',
      idNumber: idNumber('19800101', 458),
      neighborhoodId: t.org.neighborhoods.中华,
    });
    expect(r.status).toBe(400);
    expect(out.status).toBe(400);
    expect(r.body.error.message).not.toMatch(/已登记|其他居民区|已属于|已存在/);
    expect(r.body.error).toEqual({ ...out.body.error, requestId: r.body.error.requestId });
  });

  it('import preview: the row error says no more, and every preview is audited', async () => {
    const { multipart, personRow, xlsxBuffer } = await import('../../../../test/xlsx');
    const m = multipart(
      '白渡居民.xlsx',
      await xlsxBuffer([
        personRow({ name: '某人', id: elsewhere, neighborhood: '白渡' }),
        personRow({ name: '另一人', id: idNumber('19800101', 458), neighborhood: '中华' }),
        personRow({ name: '第三人', id: idNumber('19800101', 459), neighborhood: '白渡' }),
      ]),
    );
    const r = await baidu.request('POST', '/api/imports/people', m.payload, m.headers);
    expect(r.status).toBe(200);
    expect(r.body.report.errors).toHaveLength(2);
    const a = r.body.report.errors.find((e: { row: number }) => e.row === 2);
    expect(a.message).not.toMatch(/已登记|其他居民区|已属于|已存在/);
    // word for word what a person outside the actor's neighborhoods gets when created by hand
    const out = await baidu.post('/api/people', {
      name: '某人',
      idNumber: idNumber('19800101', 458),
      neighborhoodId: t.org.neighborhoods.中华,
    });
    expect(a).toEqual({ row: 2, column: '居民区', message: out.body.error.message });

    const entry = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import.preview')
      .where('target_id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBeTruthy();
    expect(JSON.parse(entry.detail ?? '{}')).toMatchObject({ kind: 'people', fileName: '白渡居民.xlsx', rows: 3, ok: false, errors: 2 });
  });
});
