import ExcelJS from 'exceljs';
import { checkDigit } from '../src/server/core/people/id-number';

export const PEOPLE_HEADERS = ['姓名', '性别', '身份证号', '出生日期', '手机号码', '备用电话', '居民区', '路名', '弄', '号', '室'];

/** A valid 18-digit ID number for a region, birth date (YYYYMMDD) and sequence. */
export function idNumber(birth = '19560314', seq = 123, region = '310101'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

export type CellValue = string | number | Date | null;

/** A real .xlsx written with exceljs: the header row, then the given rows. */
export async function writeXlsx(
  file: string,
  rows: CellValue[][],
  opts: { headers?: string[]; merge?: string; sheetName?: string } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? 'Sheet1');
  ws.addRow(opts.headers ?? PEOPLE_HEADERS);
  for (const r of rows) ws.addRow(r);
  if (opts.merge) ws.mergeCells(opts.merge);
  await wb.xlsx.writeFile(file);
}

export interface PersonRowOpts {
  name?: string;
  gender?: string;
  id?: string;
  birth?: string;
  phone?: string;
  altPhone?: string;
  neighborhood?: string;
  road?: string;
  lane?: string;
  building?: string;
  room?: string;
}

/** One row in PEOPLE_HEADERS order. */
export function personRow(o: PersonRowOpts = {}): CellValue[] {
  return [
    o.name ?? '江平',
    o.gender ?? '',
    o.id ?? idNumber(),
    o.birth ?? '',
    o.phone ?? '13812345678',
    o.altPhone ?? '',
    o.neighborhood ?? '白渡',
    o.road ?? '中山南路',
    o.lane ?? '100',
    o.building ?? '5',
    o.room ?? '301',
  ];
}

/** n distinct, valid people; deterministic */
export function manyPeople(n: number, neighborhoods = ['白渡', '中华', '金坛', '乔家路'], offset = 0): CellValue[][] {
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
  const rows: CellValue[][] = [];
  for (let i = offset; i < offset + n; i++) {
    // a distinct (birth date, sequence) for every i below 25 million
    const birth = new Date(Date.UTC(1930, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const seq = Math.floor(i / 25_000) % 1000;
    rows.push([
      `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${i % 3 === 0 ? given[(i * 13) % given.length] : ''}`,
      '',
      idNumber(birth, seq, ['310101', '310104', '310105', '310106'][Math.floor(i / 25_000_000) % 4]),
      '',
      `139${String(i).padStart(8, '0')}`,
      i % 5 === 0 ? `021-6${String(i % 10_000_000).padStart(7, '0')}` : '',
      neighborhoods[i % neighborhoods.length] ?? '白渡',
      ['中山南路', '外马路', '董家渡路', '王家码头路'][i % 4] ?? '',
      String(1 + (i % 300)),
      String(1 + (i % 40)),
      String(101 + (i % 600)),
    ]);
  }
  return rows;
}

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipart(fileName: string, data: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function xlsxBuffer(rows: CellValue[][], opts: { headers?: string[]; merge?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(opts.headers ?? PEOPLE_HEADERS);
  for (const r of rows) ws.addRow(r);
  if (opts.merge) ws.mergeCells(opts.merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
