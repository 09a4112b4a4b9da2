import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { maskIdNumber, maskPhone } from '../crypto/fields';

export interface ExportColumn {
  header: string;
  key: string;
  width?: number;
  /** masked again on the way out, whatever the caller passed (masking is idempotent) */
  sensitive?: 'idNumber' | 'phone';
}

export type ExportValue = string | number | null | undefined;

export interface ExportSpec {
  /** sheet name and the start of the file name, e.g. 「居民名单」 */
  title: string;
  columns: ExportColumn[];
  rows: Iterable<Record<string, ExportValue>> | AsyncIterable<Record<string, ExportValue>>;
  exportedBy: string;
  at: Date;
  /** the filters the list had, in words: 「居民区：白渡；关键词：jp」 */
  filters?: string;
}

/** YYYY-MM-DD HH:mm in China Standard Time */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function exportFileName(title: string, at: Date): string {
  return `${title}_${beijingTime(at).replace(/[-: ]/g, '').slice(0, 12)}.xlsx`;
}

/**
 * Streams a list to .xlsx: a first line 「导出人：X　导出时间：Y」 (and the filters), the
 * headers, then the rows — written as they come, so a long list is never all in memory.
 * Returns the number of rows. The caller audits the export.
 */
export async function writeExport(out: Writable, spec: ExportSpec): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'linli 邻里';
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  const line = [`导出人：${spec.exportedBy}`, `导出时间：${beijingTime(spec.at)}`, spec.filters ? `筛选条件：${spec.filters}` : ''];
  const first = ws.addRow([line.filter(Boolean).join('　')]);
  first.font = { color: { argb: 'FF595959' } };
  first.commit();
  const head = ws.addRow(spec.columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  let n = 0;
  for await (const r of spec.rows) {
    const row = spec.columns.map((c) => {
      const v = r[c.key];
      if (v === null || v === undefined || v === '') return null;
      if (c.sensitive === 'idNumber') return maskIdNumber(String(v));
      if (c.sensitive === 'phone') return maskPhone(String(v));
      return v;
    });
    ws.addRow(row).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}
