import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { systemContext } from '../../../../test/factories';
import { type CellValue, manyPeople, writeXlsx } from '../../../../test/xlsx';

const N = 10_000;
let t: TestApp;
let care: Client;
let dir: string;
let rows: CellValue[][];

beforeAll(async () => {
  t = await testApp();
  care = await t.as('registry');
  dir = mkdtempSync(path.join(tmpdir(), 'linli-people-export-'));
  rows = manyPeople(N);
  const file = path.join(dir, 'people.xlsx');
  await writeXlsx(file, rows);
  const run = await t.services.imports.runFile(systemContext(t), 'people', file, { dryRun: false });
  expect(run.report).toMatchObject({ ok: true, created: N });
}, 300_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

describe('people export through the core kit', () => {
  it('10,000 people: every cell as imported, masked, in pinyin order, streamed and audited', async () => {
    const res = await care.get('/api/people/export');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/%E5%B1%85%E6%B0%91%E5%90%8D%E5%8D%95_\d{12}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(String(ws.getCell('A1').value)).toMatch(
      /^导出人：居民信息管理员 孙丽（registry）　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/,
    );
    expect(ws.rowCount).toBe(N + 2);

    // what each imported row must look like once exported, keyed by its (unique) mobile number
    const want = new Map(
      rows.map((r) => {
        const id = String(r[2]);
        const alt = String(r[5] ?? '');
        return [
          maskPhone(String(r[4])),
          [
            r[0],
            '女',
            `${id.slice(6, 10)}-**-**`,
            `${id.slice(0, 6)}********${id.slice(-4)}`,
            maskPhone(String(r[4])),
            alt ? maskPhone(alt) : null,
            r[6],
            `${r[6]} ${r[7]}${r[8]}弄${r[9]}号${r[10]}室`,
          ],
        ];
      }),
    );
    expect(want.size).toBe(N);
    const pinyin = await t.database.db.selectFrom('persons').select(['name_pinyin', 'phone_tail', 'name']).execute();
    const order = pinyin.map((p) => p.name_pinyin).sort();
    const got: string[] = [];
    for (let n = 3; n <= N + 2; n++) {
      const cells = Array.from(ws.getRow(n).values as unknown[], (v) => (v === undefined ? null : v)).slice(1);
      while (cells.length < 8) cells.push(null);
      expect(cells, `row ${n}`).toEqual(want.get(String(cells[4])));
      want.delete(String(cells[4]));
      got.push(String(cells[0]));
    }
    expect(want.size).toBe(0);
    // sorted by pinyin: the names come out in the order of their stored pinyin
    const nameByPinyin = new Map(pinyin.map((p) => [p.name_pinyin, p.name]));
    expect(got.map((name, i) => (nameByPinyin.get(order[i] as string) === name ? '' : name)).filter(Boolean)).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.export').execute();
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ rows: N, title: '居民名单' });
  }, 120_000);
});
