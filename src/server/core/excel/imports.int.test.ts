import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { type CellValue, idNumber, manyPeople, multipart, PEOPLE_HEADERS, personRow, xlsxBuffer } from '../../../../test/xlsx';
import { inlineRow, inlineXlsx } from '../../../../test/zip';
import { decryptField, lookupHash } from '../crypto/fields';

let t: TestApp;
let care: Client;
let baidu: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('registry');
  baidu = await t.as('baidu');
});
afterAll(() => t.close());

const upload = (c: Client, fileName: string, data: Buffer, kind = 'people') => {
  const m = multipart(fileName, data);
  return c.request('POST', `/api/imports/${kind}`, m.payload, m.headers);
};
const persons = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

describe('import template and kinds', () => {
  it('lists the kinds a user may import, with columns and drop-down values in their scope', async () => {
    const r = await baidu.get('/api/imports');
    const people = r.body.kinds.find((k: { kind: string }) => k.kind === 'people');
    expect(people.columns.map((c: { header: string }) => c.header)).toEqual([
      '姓名',
      '性别',
      '身份证号',
      '出生日期',
      '手机号码',
      '备用电话',
      '居民区',
      '路名',
      '弄',
      '号',
      '室',
    ]);
    expect(people.columns.find((c: { header: string }) => c.header === '居民区').options).toEqual(['白渡']);
    expect((await (await t.as('volunteer')).get('/api/imports')).body.kinds).toEqual([]);
  });

  it('gives a template with headers, an example row, text cells and drop-down lists', async () => {
    const r = await care.get('/api/imports/people/template');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('导入数据');
    if (!ws) throw new Error('no data sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(PEOPLE_HEADERS);
    expect(ws.getCell('C2').value).toBe('11010519491231002X');
    expect(ws.getColumn(3).numFmt).toBe('@');
    const validations = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
      .dataValidations.model;
    // exceljs expands the range when it reads the file back
    expect(validations.B2).toMatchObject({ type: 'list', formulae: ['选项!$A$2:$A$3'] });
    expect(validations.G50001).toMatchObject({ type: 'list', formulae: ['选项!$B$2:$B$5'] });
    const lists = wb.getWorksheet('选项');
    expect([2, 3, 4, 5].map((i) => lists?.getCell(`B${i}`).value)).toEqual(['白渡', '中华', '金坛', '乔家路']);
    expect(wb.getWorksheet('填写说明')?.getCell('A2').value).toBe('姓名');
  });

  it('skips the example row of an untouched template: nothing to import', async () => {
    const r = await upload(care, 'template.xlsx', (await care.get('/api/imports/people/template')).raw);
    expect(r.body.report).toMatchObject({ ok: false, rows: 0, errors: [{ row: 0, message: expect.stringContaining('没有数据行') }] });
  });
});

describe('bad input: a clear message naming the row and column, or the file, and nothing written', () => {
  it.each([
    ['broken.xlsx', Buffer.from('this is not a workbook at all'), '文件已损坏'],
    ['randombytes.xlsx', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251)), '已损坏'],
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), '旧版 Excel'],
    [
      'locked.xlsx',
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(500),
        Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le'),
        Buffer.alloc(500),
      ]),
      '设有打开密码',
    ],
    ['notes.txt', Buffer.from([0, 1, 2, 3, 4]), '不支持的文件类型'],
  ])('%s', async (name, data, message) => {
    const r = await upload(care, name, data);
    expect(r.status).toBe(200);
    expect(r.body.report).toMatchObject({
      ok: false,
      rows: 0,
      errors: [{ row: 0, column: '', message: expect.stringContaining(message) }],
    });
    expect(r.body.report.errors[0].message).toContain(name);
  });

  it('a truncated workbook', async () => {
    const whole = await xlsxBuffer([personRow()]);
    const r = await upload(care, 'cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(r.body.report.errors).toEqual([{ row: 0, column: '', message: expect.stringMatching(/文件「cut.xlsx」无法读取/) }]);
  });

  it('a zip bomb (a small file expanding past the cap) is refused with the reason in Chinese', async () => {
    const emptyRows = Buffer.from('<row r="3" spans="1:11"/>'.repeat(41_943));
    const bomb = await inlineXlsx(
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, PEOPLE_HEADERS);
        yield '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>';
        for (let i = 0; i < 256; i++) yield emptyRows;
        yield '</sheetData>';
      })(),
    );
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const r = await upload(care, 'bomb.xlsx', bomb);
    expect(r.status).toBe(200);
    expect(r.body.report).toMatchObject({
      ok: false,
      errors: [{ row: 0, column: '', message: expect.stringContaining('文件「bomb.xlsx」无法读取：文件解压后超过 200 MB') }],
    });
  });

  it('text that is not UTF-8 refuses the file instead of storing U+FFFD', async () => {
    const bad = await inlineXlsx([
      '<sheetData>',
      inlineRow(1, PEOPLE_HEADERS),
      Buffer.concat([
        Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>'),
        Buffer.from([0xe6, 0xb1, 0x9f, 0xe5, 0xb9]),
        Buffer.from('</t></is></c></row>'),
      ]),
      '</sheetData>',
    ]);
    const r = await upload(care, 'gbk.xlsx', bad);
    expect(r.body.report.ok).toBe(false);
    expect(r.body.report.errors[0].message).toContain('无法识别的文字');
  });

  it('an upload cut off in the middle: 400 in Chinese, and no partial file left behind', async () => {
    const dir = path.join(t.dataDir, 'imports');
    const before = existsSync(dir) ? readdirSync(dir).sort() : [];
    const whole = multipart('cut.xlsx', await xlsxBuffer(manyPeople(2000)));
    // the connection drops: half the file, no closing boundary
    const cut = whole.payload.subarray(0, Math.floor(whole.payload.length / 2));
    const r = await care.request('POST', '/api/imports/people', cut, whole.headers);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'UPLOAD_INCOMPLETE', message: expect.stringMatching(/上传中断/) });
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(before);
    // cut inside the part's own headers
    const early = await care.request('POST', '/api/imports/people', whole.payload.subarray(0, 60), whole.headers);
    expect(early.status).toBe(400);
    expect(early.body.error.code).toMatch(/UPLOAD_INCOMPLETE|VALIDATION/);
    expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(before);
  });

  it('a wrong header', async () => {
    const headers = [...PEOPLE_HEADERS];
    headers[0] = '性名';
    const r = await upload(care, 'header.xlsx', await xlsxBuffer([personRow()], { headers }));
    expect(r.body.report.errors).toEqual([
      { row: 1, column: '性名', message: expect.stringContaining('第 1 行 A 列「性名」不是本模板的列名') },
      { row: 1, column: '姓名', message: '缺少必填列「姓名」' },
    ]);
  });

  it('a title above the header', async () => {
    const r = await upload(care, 'title.xlsx', await xlsxBuffer([PEOPLE_HEADERS, personRow()], { headers: ['2020年白渡居民名单'] }));
    expect(r.body.report.errors).toEqual([{ row: 1, column: '', message: expect.stringContaining('第 1 行应为表头') }]);
  });

  it('row errors, each with its row and column, in one file', async () => {
    const good = idNumber('19500101', 11);
    const rows: CellValue[][] = [
      personRow({ id: good }),
      personRow({ name: '李四', id: wrongCheck(idNumber('19600101', 12)) }),
      personRow({ name: '王五', id: idNumber('19600101', 13), phone: '1381234567' }),
      personRow({ name: '赵六', id: idNumber('20990101', 14) }),
      personRow({ name: '孙七', id: idNumber('19600101', 15), birth: '2099-01-01' }),
      personRow({ name: '周八', id: idNumber('19600101', 16), gender: '男' }),
      personRow({ name: '吴九', id: idNumber('19600101', 17), neighborhood: '不存在' }),
      personRow({ name: '郑十', id: good.toLowerCase() }),
      personRow({ name: '', id: idNumber('19600101', 19) }),
      [...personRow({ name: '冯一' }).slice(0, 2), Number('310101196001010190'), ...personRow().slice(3)],
      personRow({ name: '陈二', id: idNumber('19600101', 21), birth: '1960-02-30' }),
    ];
    const r = await upload(care, 'rows.xlsx', await xlsxBuffer(rows));
    expect(r.body.report).toMatchObject({ ok: false, rows: 11 });
    expect(r.body.report.errors).toEqual([
      { row: 3, column: '身份证号', message: '身份证号校验位不正确，请核对号码' },
      { row: 4, column: '手机号码', message: '手机号码应为 11 位数字，当前为 10 位' },
      { row: 5, column: '身份证号', message: '身份证号中的出生日期 2099-01-01 晚于今天' },
      { row: 6, column: '出生日期', message: '出生日期 2099-01-01 晚于今天' },
      { row: 7, column: '性别', message: '性别与身份证号不符（身份证号显示为女）' },
      { row: 8, column: '居民区', message: '居民区「不存在」不存在或不在您的管辖范围内（可填：白渡、中华、金坛、乔家路）' },
      { row: 9, column: '身份证号', message: '与第 2 行的身份证号相同：同一人在一个文件中只能出现一次' },
      { row: 10, column: '姓名', message: '请填写姓名' },
      { row: 11, column: '身份证号', message: expect.stringContaining('数字位数过多') },
      { row: 12, column: '出生日期', message: '出生日期「1960-02-30」格式不正确，应为 1990-01-31' },
    ]);
    // the preview did not write, and neither does a commit of a file with errors
    expect(await persons()).toBe(0);
    const c = await care.post(`/api/imports/people/${r.body.id}/commit`);
    expect(c.body.report).toMatchObject({ ok: false, created: 0 });
    expect(c.body.status).toBe('previewed');
    expect(await persons()).toBe(0);
  });

  it('a merged cell', async () => {
    const r = await upload(
      care,
      'merged.xlsx',
      await xlsxBuffer([personRow(), personRow({ id: idNumber('19700101', 33) })], { merge: 'H3:I3' }),
    );
    expect(r.body.report.errors).toEqual([
      { row: 3, column: '路名', message: '第 3 行有合并单元格（H3:I3），请取消合并，并在每个单元格中分别填写' },
    ]);
  });

  it('a neighborhood worker cannot import into another neighborhood', async () => {
    const r = await upload(baidu, 'other.xlsx', await xlsxBuffer([personRow({ neighborhood: '中华' })]));
    expect(r.body.report.errors).toEqual([{ row: 2, column: '居民区', message: '居民区「中华」不存在或不在您的管辖范围内（可填：白渡）' }]);
  });
});

describe('preview → commit', () => {
  let firstJob: string;

  it('previews counts, the first rows masked, and writes nothing', async () => {
    const r = await upload(care, '居民.xlsx', await xlsxBuffer(manyPeople(30)));
    expect(r.status).toBe(200);
    firstJob = r.body.id;
    expect(r.body).toMatchObject({
      fileName: '居民.xlsx',
      status: 'previewed',
      report: { ok: true, rows: 30, created: 30, updated: 0, unchanged: 0, errors: [] },
    });
    expect(r.body.sample).toHaveLength(20);
    expect(r.body.sample[0].row).toBe(2);
    expect(r.body.sample[0].cells[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(r.body.sample[0].cells[4]).toMatch(/^139\*{4}\d{4}$/);
    expect(await persons()).toBe(0);
  });

  it('only the uploader sees or commits an upload', async () => {
    expect((await baidu.get(`/api/imports/people/${firstJob}`)).status).toBe(404);
    expect((await baidu.post(`/api/imports/people/${firstJob}/commit`)).status).toBe(404);
    expect((await care.get(`/api/imports/people/${firstJob}`)).status).toBe(200);
  });

  it('commits every row, audits it, and refuses a second commit', async () => {
    const c = await care.post(`/api/imports/people/${firstJob}/commit`);
    expect(c.body).toMatchObject({ status: 'committed', report: { ok: true, rows: 30, created: 30 } });
    expect(await persons()).toBe(30);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.commit').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ kind: 'people', fileName: '居民.xlsx', created: 30 });
    expect((await care.post(`/api/imports/people/${firstJob}/commit`)).status).toBe(409);
  });

  it('the same file again changes nothing', async () => {
    const before = await t.database.db.selectFrom('persons').select(['id', 'updated_at']).orderBy('id').execute();
    const r = await upload(care, '居民.xlsx', await xlsxBuffer(manyPeople(30)));
    expect(r.body.report).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 30 });
    const c = await care.post(`/api/imports/people/${r.body.id}/commit`);
    expect(c.body.report).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 30 });
    expect(await t.database.db.selectFrom('persons').select(['id', 'updated_at']).orderBy('id').execute()).toEqual(before);
  });

  it('all or nothing: one bad row at the end and none of the good rows is written', async () => {
    const rows = [...manyPeople(40, ['白渡'], 1000), personRow({ id: wrongCheck(idNumber('19710101', 5)) })];
    const r = await upload(care, 'late-error.xlsx', await xlsxBuffer(rows));
    expect(r.body.report).toMatchObject({ ok: false, rows: 41, created: 40, errors: [{ row: 42, column: '身份证号' }] });
    const c = await care.post(`/api/imports/people/${r.body.id}/commit`);
    expect(c.body.report).toMatchObject({ ok: false, created: 0 });
    expect(await persons()).toBe(30);
  });

  it('merges the same person arriving through two imports, keeping the contact history', async () => {
    const id = idNumber('19450808', 71);
    const a = await upload(care, 'a.csv', Buffer.from(`姓名,身份证号,居民区,路名,弄,号,室\n钱老伯,${id},金坛,外马路,12,3,201\n`));
    expect((await care.post(`/api/imports/people/${a.body.id}/commit`)).body.report).toMatchObject({ ok: true, created: 1 });
    const b = await upload(
      care,
      'b.xlsx',
      await xlsxBuffer([
        personRow({
          name: '钱老伯',
          id,
          phone: '13611112222',
          neighborhood: '金坛',
          road: '外马路',
          lane: '12',
          building: '3',
          room: '202',
        }),
      ]),
    );
    expect(b.body.report).toMatchObject({ ok: true, created: 0, updated: 1 });
    await care.post(`/api/imports/people/${b.body.id}/commit`);
    const found = await care.get('/api/people?q=qlb');
    expect(found.body.total).toBe(1);
    const detail = await care.get(`/api/people/${found.body.items[0].id}`);
    expect(detail.body.phoneMasked).toBe('136****2222');
    expect(detail.body.contactHistory.map((h: { field: string; source: string }) => [h.field, h.source]).sort()).toEqual([
      ['address', 'import:people'],
      ['phone', 'import:people'],
    ]);
  });

  it('reads CSV saved by Excel on Chinese Windows (GB18030) and with a UTF-8 BOM', async () => {
    const text = `姓名,身份证号,居民区\r\n"欧阳 娜娜",${idNumber('19880808', 82)},乔家路\r\n`;
    const gbk = Buffer.from(new Uint8Array([0xc5, 0xb7]));
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('欧');
    const encoded = Buffer.from(
      // encode via the decoder's inverse: build GB18030 bytes for this small text
      [...text].flatMap((ch) => [...gb18030(ch)]),
    );
    const r = await upload(care, 'gbk.csv', encoded);
    expect(r.body.report, JSON.stringify(r.body.report)).toMatchObject({ ok: true, rows: 1, created: 1 });
    const bom = await upload(care, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.body.report).toMatchObject({ ok: true, rows: 1 });
    expect(bom.body.sample[0].cells[0]).toBe('欧阳 娜娜');
  });

  it('discards an upload', async () => {
    const r = await upload(care, 'x.xlsx', await xlsxBuffer([personRow({ id: idNumber('19900101', 99) })]));
    expect((await care.delete(`/api/imports/people/${r.body.id}`)).status).toBe(200);
    expect((await care.post(`/api/imports/people/${r.body.id}/commit`)).status).toBe(409);
  });
});

// GB18030 bytes of one character, found by searching the two-byte range (test-only; fine for a few characters)
const gbCache = new Map<string, Buffer>();
function gb18030(ch: string): Buffer {
  if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch);
  const hit = gbCache.get(ch);
  if (hit) return hit;
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const buf = Buffer.from([a, b]);
      if (dec.decode(buf) === ch) {
        gbCache.set(ch, buf);
        return buf;
      }
    }
  }
  throw new Error(`no GB18030 code for ${ch}`);
}

describe('sealing', () => {
  it('seals the values of each row, sealed ahead over several batches, even where rows share a phone', async () => {
    // 700 rows: three batches sealed while the one before is written; every fourth row shares a family phone
    const rows = manyPeople(700, ['白渡', '中华'], 50_000).map((r, i) => {
      const row = [...r];
      if (i % 4 === 0) row[4] = '13912345678';
      return row;
    });
    const r = await upload(care, 'sealed.xlsx', await xlsxBuffer(rows));
    expect((await care.post(`/api/imports/people/${r.body.id}/commit`)).body.report).toMatchObject({ ok: true, created: 700 });
    const stored = await t.database.db
      .selectFrom('persons')
      .select(['id_hash', 'id_number_enc', 'phone_enc', 'phone_hash', 'alt_phone_enc'])
      .where(
        'id_hash',
        'in',
        rows.map((row) => lookupHash(t.keys.lookup, String(row[2]))),
      )
      .execute();
    expect(stored).toHaveLength(700);
    const byHash = new Map(stored.map((s) => [s.id_hash, s]));
    const sealed = new Set<string>();
    for (const row of rows) {
      const s = byHash.get(lookupHash(t.keys.lookup, String(row[2])));
      expect(decryptField(t.keys.field, s?.id_number_enc ?? '')).toBe(row[2]);
      expect(decryptField(t.keys.field, s?.phone_enc ?? '')).toBe(row[4]);
      expect(s?.phone_hash).toBe(lookupHash(t.keys.lookup, String(row[4])));
      if (row[5]) expect(decryptField(t.keys.field, s?.alt_phone_enc ?? '')).toBe(row[5]);
      else expect(s?.alt_phone_enc).toBeNull();
      for (const v of [s?.id_number_enc, s?.phone_enc, s?.alt_phone_enc]) if (v) sealed.add(v);
    }
    // a fresh IV for every stored value: none sealed once and stored twice
    expect(sealed.size).toBe(700 * 2 + rows.filter((row) => row[5]).length);
  });
});
