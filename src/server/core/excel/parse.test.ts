import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineRow, writeInlineXlsx } from '../../../../test/zip';
import { seededRandom } from '../random';
import { type Cell, type ParseLimits, parseRows } from './parse';

const dir = mkdtempSync(path.join(tmpdir(), 'linli-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** a fixed-seed generator: the same text on every run */
const rng = seededRandom;

// two-, three- and four-byte UTF-8: Latin-1, BMP Chinese, astral (CJK Ext. B, emoji, a ZWJ sequence)
const PIECES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗建国秀英桂兰志强玉珍德明淑芬卫东凤英白渡中华金坛乔家路弄号室独居慢性病',
  '𠮷',
  '𪚥',
  '😀',
  '👨‍👩‍👧',
  '🇨🇳',
  'é',
  '·',
  'A',
  '1',
  ' ',
  '、',
  '（',
  '）',
  '&',
  '<',
];

function text(next: () => number, min: number, max: number): string {
  const n = min + Math.floor(next() * (max - min + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s.trim() || '王';
}

const HEADERS = ['姓名', '居民区', '备注'];

function rowsOf(n: number, seed: number): string[][] {
  const next = rng(seed);
  return Array.from({ length: n }, () => [text(next, 2, 6), text(next, 1, 12), text(next, 5, 60)]);
}

/** whether the zip's central directory names a part */
async function zipHas(file: string, part: string): Promise<boolean> {
  return (await readFile(file)).includes(Buffer.from(part));
}

async function read(file: string): Promise<Map<number, Cell[]>> {
  const out = new Map<number, Cell[]>();
  for await (const ev of parseRows(file, 'xlsx')) {
    if (ev.t === 'error') throw new Error(`${ev.code}: ${ev.message}`);
    if (ev.t === 'rows') for (const [n, cells] of ev.rows) out.set(n, cells);
  }
  return out;
}

/** every cell of every row, compared as UTF-8 bytes */
function expectSame(got: Map<number, Cell[]>, rows: string[][]) {
  expect(got.get(1)).toEqual(HEADERS);
  expect(got.size).toBe(rows.length + 1);
  let bad = 0;
  for (const [i, row] of rows.entries()) {
    const cells = got.get(i + 2) ?? [];
    for (const [c, want] of row.entries()) {
      const have = cells[c];
      if (typeof have !== 'string' || !Buffer.from(have).equals(Buffer.from(want))) {
        if (bad++ < 5) expect.soft({ row: i + 2, column: c, have }).toEqual({ row: i + 2, column: c, have: want });
      }
    }
  }
  expect(bad).toBe(0);
}

describe('parse: CJK and astral text survives every chunk boundary', () => {
  const N = 50_000;

  it('shared strings, as exceljs writes them', async () => {
    const rows = rowsOf(N, 7);
    const file = path.join(dir, 'shared.xlsx');
    // exceljs's streaming writer: its in-memory one (JSZip) itself splits astral characters in large parts
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    expect(await zipHas(file, 'xl/sharedStrings.xml')).toBe(true);
    expectSame(await read(file), rows);
  }, 120_000);

  it('inline strings, as Java exporters write them (no shared strings part)', async () => {
    const rows = rowsOf(N, 11);
    const file = path.join(dir, 'inline.xlsx');
    await writeInlineXlsx(
      file,
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, HEADERS);
        for (const [i, r] of rows.entries()) yield inlineRow(i + 2, r);
        yield '</sheetData>';
      })(),
    );
    expectSame(await read(file), rows);
  }, 120_000);

  it('refuses bytes that are not UTF-8 instead of turning them into U+FFFD', async () => {
    const file = path.join(dir, 'latin1.xlsx');
    await writeInlineXlsx(file, [
      '<sheetData>',
      inlineRow(1, HEADERS),
      Buffer.concat([
        Buffer.from('<row r="2"><c r="A2" t="inlineStr"><is><t>'),
        Buffer.from([0xe7, 0x8e, 0x8b, 0xff, 0xfe]),
        Buffer.from('</t></is></c></row>'),
      ]),
      '</sheetData>',
    ]);
    const events = [];
    for await (const ev of parseRows(file, 'xlsx')) events.push(ev);
    const err = events.find((e) => e.t === 'error');
    expect(err).toMatchObject({ t: 'error', code: 'ENCODING' });
    for (const e of events) if (e.t === 'rows') expect(JSON.stringify(e.rows)).not.toContain('\ufffd');
  });

  it('keeps a U+FFFD the file really holds', async () => {
    const file = path.join(dir, 'fffd.xlsx');
    await writeInlineXlsx(file, ['<sheetData>', inlineRow(1, HEADERS), inlineRow(2, ['王\ufffd', '白渡', '有']), '</sheetData>']);
    const got = await read(file);
    expect(got.get(2)).toEqual(['王\ufffd', '白渡', '有']);
  });

  it('CSV: a UTF-8 file broken after its first chunk is refused, not garbled', async () => {
    const file = path.join(dir, 'broken.csv');
    const good = `${HEADERS.join(',')}\n${'王建国,白渡,好\n'.repeat(20_000)}`;
    await writeFile(file, Buffer.concat([Buffer.from(good), Buffer.from([0xff]), Buffer.from(',白渡,坏\n')]));
    const events = [];
    for await (const ev of parseRows(file, 'csv')) events.push(ev);
    expect(events.find((e) => e.t === 'error')).toMatchObject({ code: 'ENCODING' });
    for (const e of events) if (e.t === 'rows') expect(JSON.stringify(e.rows)).not.toContain('\ufffd');
  });
});

describe('parse: import bombs are refused early, with flat memory', () => {
  /** the events of a parse: its rows counted, its error if any, and the worker's peak heap never above the cap */
  async function run(file: string, limits: Partial<ParseLimits> = {}) {
    let rows = 0;
    let error: { code: string } | null = null;
    for await (const ev of parseRows(file, 'xlsx', { limits })) {
      if (ev.t === 'rows') rows += ev.rows.length;
      if (ev.t === 'error') error = ev;
    }
    return { rows, error };
  }

  // about 1 MiB of one repeated empty row (24 bytes each): deflates about 1000:1
  const MIB_OF_EMPTY_ROWS = Buffer.from('<row r="3" spans="1:3"/>'.repeat(43_690));

  it('a workbook of a few MB expanding to 1 GB, <mergeCells> ahead of the bulk: refused at the default 200 MB', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    await writeInlineXlsx(
      file,
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, HEADERS);
        yield inlineRow(2, ['王建国', '白渡', '好']);
        // the word that made the old merge watcher keep every chunk after it
        yield '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>';
        for (let i = 0; i < 1024; i++) yield MIB_OF_EMPTY_ROWS;
        yield '</sheetData>';
      })(),
    );
    expect((await stat(file)).size).toBeLessThan(8 * 1024 * 1024);
    const r = await run(file);
    expect(r.error).toMatchObject({ code: 'TOO_BIG' });
  }, 120_000);

  it('a cap set lower: refused over it, read to the end under it', async () => {
    const file = path.join(dir, 'bomb-limit.xlsx');
    await writeInlineXlsx(
      file,
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, HEADERS);
        for (let i = 0; i < 64; i++) yield MIB_OF_EMPTY_ROWS;
        yield '</sheetData>';
      })(),
    );
    expect(await run(file, { maxExpandedBytes: 16 * 1024 * 1024 })).toMatchObject({ error: { code: 'TOO_BIG' } });
    // within the cap it reads to the end
    expect(await run(file, { maxExpandedBytes: 128 * 1024 * 1024 })).toMatchObject({ error: null, rows: 1 });
  }, 120_000);

  it('more rows than allowed: refused when the limit is passed, not at the end', async () => {
    const file = path.join(dir, 'rows.xlsx');
    await writeInlineXlsx(
      file,
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, HEADERS);
        for (let i = 2; i <= 20_000; i++) yield inlineRow(i, ['王建国', '白渡', String(i)]);
        yield '</sheetData>';
      })(),
    );
    const r = await run(file, { maxRows: 1000 });
    expect(r.error).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(r.rows).toBeLessThanOrEqual(1001 + 500);
  });

  it('a parse over its time budget is stopped', async () => {
    const file = path.join(dir, 'rows.xlsx');
    expect(await run(file, { maxParseMs: 0 })).toMatchObject({ error: { code: 'TIMEOUT' } });
  });

  it('merged cells after a long sheet are still found', async () => {
    const file = path.join(dir, 'merge.xlsx');
    await writeInlineXlsx(
      file,
      (function* () {
        yield '<sheetData>';
        yield inlineRow(1, HEADERS);
        for (let i = 2; i <= 5_000; i++) yield inlineRow(i, ['王建国', '白渡', String(i)]);
        yield '</sheetData><mergeCells count="2"><mergeCell ref="A7:B7"/><mergeCell ref="C4999:C5000"/></mergeCells>';
      })(),
    );
    const merges: string[] = [];
    for await (const ev of parseRows(file, 'xlsx')) if (ev.t === 'merges') merges.push(...ev.refs);
    expect(merges).toEqual(['A7:B7', 'C4999:C5000']);
  });
});
