import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { manyPeople, PEOPLE_HEADERS } from '../test/xlsx';

/**
 * The benchmark's workbook: n people, deterministic (the same bytes of data every time),
 * written once with exceljs's streaming writer and shared strings, as Excel itself stores text.
 */
export async function peopleWorkbook(n: number, dir: string): Promise<string> {
  const file = path.join(dir, `people-${n}.xlsx`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('导入数据');
  ws.addRow(PEOPLE_HEADERS).commit();
  const chunk = 5000;
  for (let i = 0; i < n; i += chunk) {
    for (const row of manyPeople(Math.min(chunk, n - i), ['白渡', '中华', '金坛', '乔家路'], i)) ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, file);
  return file;
}
