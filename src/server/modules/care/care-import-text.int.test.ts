import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { BENEFICIARY_HEADERS } from '../../../../test/care-xlsx';
import { type CellValue, manyPeople, multipart } from '../../../../test/xlsx';

let t: TestApp;
let care: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
});
afterAll(() => t.close());

// Chinese with astral characters (CJK Ext. B, emoji) that a chunk boundary can split
const NAME_CHARS = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗建国秀英桂兰志强玉珍德明淑芬卫东凤英'];
const NOTE_PIECES = [...NAME_CHARS, '𠮷', '𪚥', '😀', '👨‍👩‍👧', '、', '，'];

describe('优抚对象 import keeps every character', () => {
  it('2,000 rows written by exceljs: names and notes stored exactly, no U+FFFD', async () => {
    const people = manyPeople(2000, ['白渡', '中华', '金坛', '乔家路']);
    const want = new Map<string, { name: string; note: string }>();
    const rows: CellValue[][] = people.map((p, i) => {
      const name = `${NAME_CHARS[i % NAME_CHARS.length]}${i % 7 === 0 ? '𠮷' : ''}${NAME_CHARS[(i * 7) % NAME_CHARS.length]}${NAME_CHARS[(i * 13) % NAME_CHARS.length]}`;
      let note = '';
      for (let k = 0; k < 20 + (i % 40); k++) note += NOTE_PIECES[(i * 31 + k * 17) % NOTE_PIECES.length];
      want.set(String(p[2]), { name, note });
      return [
        name,
        null,
        p[2] ?? null,
        p[4] ?? null,
        null,
        p[6] ?? null,
        '中山南路',
        '1',
        '2',
        '301',
        '复员军人',
        '独居',
        null,
        null,
        null,
        note,
      ];
    });
    // exceljs's streaming writer with shared strings (its in-memory writer splits astral characters itself)
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
    const ws = wb.addWorksheet('优抚对象');
    ws.addRow(BENEFICIARY_HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    const m = multipart('优抚对象.xlsx', Buffer.concat(chunks));
    const preview = await care.request('POST', '/api/imports/beneficiaries', m.payload, m.headers);
    expect(preview.body.report).toMatchObject({ ok: true, rows: 2000 });
    const done = await care.post(`/api/imports/beneficiaries/${preview.body.id}/commit`);
    expect(done.body.report).toMatchObject({ ok: true, created: 2000 });

    const stored = await t.database.db
      .selectFrom('care_beneficiaries as b')
      .innerJoin('persons as p', 'p.id', 'b.person_id')
      .select(['p.name', 'b.note', 'p.phone_tail'])
      .execute();
    expect(stored).toHaveLength(2000);
    const byTail = new Map<string, { name: string; note: string }[]>();
    for (const [id, w] of want) {
      const p = people.find((r) => r[2] === id);
      const tail = String(p?.[4]).slice(-4);
      byTail.set(tail, [...(byTail.get(tail) ?? []), w]);
    }
    for (const s of stored) {
      expect(s.name).not.toContain('\ufffd');
      expect(s.note).not.toContain('\ufffd');
      const candidates = byTail.get(String(s.phone_tail)) ?? [];
      expect(
        candidates.some((w) => Buffer.from(w.name).equals(Buffer.from(s.name)) && Buffer.from(w.note).equals(Buffer.from(String(s.note)))),
        s.name,
      ).toBe(true);
    }
  }, 120_000);
});
