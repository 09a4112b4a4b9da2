import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { BENEFICIARY_HEADERS } from '../../../../test/care-xlsx';
import { systemContext } from '../../../../test/factories';
import { type CellValue, manyPeople, writeXlsx } from '../../../../test/xlsx';
import type { CareNeedsTable } from './care.tables';

const N = 10_000;
const NEIGHBORHOODS = ['白渡', '中华', '金坛', '乔家路'];
const CATEGORIES = ['残疾军人', '烈士遗属', '复员军人', '带病回乡退伍军人', '现役军人家属', '其他退役军人'];
const ITEMS: [string, string][] = [
  ['masks', '口罩'],
  ['thermometer', '体温计'],
];

let t: TestApp;
let care: Client;
let dir: string;
/** the import's rows, by ID number */
const input = new Map<string, CellValue[]>();

const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

async function sheetOf(raw: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}
const cells = (ws: ExcelJS.Worksheet, n: number) =>
  Array.from(ws.getRow(n).values as unknown[], (v) => (v === undefined ? null : v)).slice(1);

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  dir = mkdtempSync(path.join(tmpdir(), 'linli-care-export-'));
  // 10,000 beneficiaries through the real import
  const rows = manyPeople(N, NEIGHBORHOODS).map((row, i) => {
    const p = (k: number): CellValue => row[k] ?? null;
    const r: CellValue[] = [
      p(0),
      null,
      p(2),
      p(4),
      null,
      p(6),
      p(7),
      p(8),
      p(9),
      p(10),
      CATEGORIES[i % 6] as string,
      i % 3 ? '独居' : '空巢',
      null,
      null,
      null,
      `备注${i}`,
    ];
    input.set(String(p(2)), r);
    return r;
  });
  const file = path.join(dir, 'roll.xlsx');
  await writeXlsx(file, rows, { headers: BENEFICIARY_HEADERS });
  const run = await t.services.imports.runFile(systemContext(t), 'beneficiaries', file, { dryRun: false });
  expect(run.report).toMatchObject({ ok: true, created: N });

  // one need per beneficiary, registered around midnight UTC (08:00 Beijing) and just before it
  const db = t.database.db;
  const bs = await db.selectFrom('care_beneficiaries').select(['id', 'neighborhood_id', 'subdistrict_id']).orderBy('id').execute();
  const account = await db.selectFrom('accounts').select('id').where('username', '=', 'care').executeTakeFirstOrThrow();
  const needs: CareNeedsTable[] = bs.map((b, i) => {
    const at = new Date(Date.UTC(2026, 10, 1 + (i % 28), i % 2 ? 15 : 16, i % 60, 0)).toISOString();
    const [item] = ITEMS[i % 2] as [string, string];
    return {
      id: uuidv7(),
      subdistrict_id: b.subdistrict_id,
      neighborhood_id: b.neighborhood_id,
      beneficiary_id: b.id,
      call_id: null,
      item,
      quantity: 1 + (i % 5),
      urgency: ['normal', 'urgent', 'critical'][i % 3] as string,
      note: `需求说明${i}`,
      status: 'registered',
      created_by: account.id,
      created_at: at,
      updated_at: at,
    };
  });
  for (let i = 0; i < needs.length; i += 500)
    await db
      .insertInto('care_needs')
      .values(needs.slice(i, i + 500))
      .execute();
}, 300_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('care exports through the core kit, 10,000 rows', () => {
  it('the beneficiary roll: every row, masked, in the list order, with who and when on top, audited', async () => {
    const res = await care.get('/api/care/beneficiaries/export');
    expect(res.status).toBe(200);
    const ws = await sheetOf(res.raw);
    expect(String(ws.getCell('A1').value)).toMatch(/^导出人：优抚科 周敏（care）　导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
    expect(cells(ws, 2)).toEqual([
      '姓名',
      '性别',
      '年龄',
      '身份证号',
      '手机号码',
      '居民区',
      '地址',
      '优抚类别',
      '居住状况',
      '重点关注',
      '最近联系（北京时间）',
    ]);
    expect(ws.rowCount).toBe(N + 2);

    // the list's own order (neighborhood, then pinyin), one page of the API at a time
    const order: string[] = [];
    for (let page = 1; order.length < N; page++) {
      const r = await care.get(`/api/care/beneficiaries?page=${page}&pageSize=100`);
      expect(r.status).toBe(200);
      if (r.body.items.length === 0) break;
      for (const b of r.body.items) order.push(`${b.name}|${b.neighborhoodName}|${b.address}`);
    }
    expect(order).toHaveLength(N);

    const byMasked = new Map<string, CellValue[][]>();
    for (const [id, r] of input) {
      const k = `${r[0]}|${maskId(id)}`;
      byMasked.set(k, [...(byMasked.get(k) ?? []), r]);
    }
    for (let n = 3; n <= N + 2; n++) {
      const [name, gender, age, idMasked, phone, nb, address, category, living, flags, last] = cells(ws, n);
      const candidates = byMasked.get(`${name}|${idMasked}`) ?? [];
      const want = candidates.find((r) => maskPhone(String(r[3])) === phone);
      expect(want, `row ${n}: ${name} ${idMasked}`).toBeDefined();
      const r = want as CellValue[];
      expect({ gender, nb, address, category, living, flags, last }).toEqual({
        gender: '女',
        nb: r[5],
        address: `${r[5]} ${r[6]}${r[7]}弄${r[8]}号${r[9]}室`,
        category: r[10],
        living: r[11],
        flags: Number(age) >= 80 ? `${r[11]}、80岁以上` : r[11],
        last: '从未联系',
      });
      expect(`${name}|${nb}|${address}`).toBe(order[n - 3]);
    }
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'care.export').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ rows: N, title: '优抚对象名册' });
  }, 120_000);

  it('the needs list: every need, most urgent first, registered times in Beijing time', async () => {
    const res = await care.get('/api/care/needs/export');
    expect(res.status).toBe(200);
    const ws = await sheetOf(res.raw);
    expect(cells(ws, 2)).toEqual(['居民区', '姓名', '需求', '数量', '紧急程度', '状态', '说明', '登记时间（北京时间）']);
    expect(ws.rowCount).toBe(N + 2);
    const rows = await t.database.db
      .selectFrom('care_needs as d')
      .innerJoin('care_beneficiaries as b', 'b.id', 'd.beneficiary_id')
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .innerJoin('org_units as n', 'n.id', 'd.neighborhood_id')
      .select(['d.id', 'd.note', 'd.created_at', 'd.urgency', 'd.quantity', 'd.item', 'p.name', 'n.name as nb'])
      .execute();
    const byNote = new Map(rows.map((r) => [r.note, r]));
    const rank = { critical: 0, urgent: 1, normal: 2 } as Record<string, number>;
    let prev: { rank: number; at: string } | null = null;
    const seen = new Set<string>();
    for (let n = 3; n <= N + 2; n++) {
      const [nb, name, item, quantity, urgency, status, note, at] = cells(ws, n);
      const r = byNote.get(String(note));
      expect(r, `row ${n}`).toBeDefined();
      if (!r) continue;
      seen.add(r.id);
      const utc = new Date(r.created_at);
      // Beijing is UTC + 8: 16:xx UTC is 00:xx of the next day
      const bj = new Date(utc.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect({ nb, name, item, quantity, urgency, status, at }).toEqual({
        nb: r.nb,
        name: r.name,
        item: ITEMS.find(([code]) => code === r.item)?.[1],
        quantity: r.quantity,
        urgency: { normal: '一般', urgent: '紧急', critical: '特急' }[r.urgency],
        status: '登记',
        at: bj,
      });
      const cur = { rank: rank[r.urgency] as number, at: r.created_at };
      if (prev) expect(prev.rank < cur.rank || (prev.rank === cur.rank && prev.at >= cur.at), `order at row ${n}`).toBe(true);
      prev = cur;
    }
    expect(seen.size).toBe(N);
    // a need registered at 16:30 UTC on 1 Nov shows as 00:30 on 2 Nov
    const late = rows.find((r) => r.created_at.endsWith('T16:30:00.000Z'));
    if (!late) throw new Error('no need at 16:30 UTC');
    let found = false;
    for (let n = 3; n <= N + 2 && !found; n++) {
      if (ws.getRow(n).getCell(7).value === late.note) {
        expect(String(ws.getRow(n).getCell(8).value)).toMatch(/^2026-11-\d\d 00:30$/);
        expect(String(ws.getRow(n).getCell(8).value).slice(8, 10)).toBe(String(Number(late.created_at.slice(8, 10)) + 1).padStart(2, '0'));
        found = true;
      }
    }
    expect(found).toBe(true);
  }, 120_000);

  it('a last contact just before midnight UTC prints as the next morning in Beijing', async () => {
    const db = t.database.db;
    const one = await db.selectFrom('care_beneficiaries').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('care_beneficiaries').set({ last_contact_at: '2026-11-30T23:45:00.000Z' }).where('id', '=', one.id).execute();
    const res = await care.get('/api/care/beneficiaries/export?notContactedDays=0');
    const ws = await sheetOf(res.raw);
    const values: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) values.push(row.getCell(11).value);
    });
    expect(values).toContain('2026-12-01 07:45');
    expect(values).not.toContain('2026-11-30 23:45');
  }, 120_000);
});
