import { PassThrough, type Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/index';
import type { AuditLog } from '../audit/audit.service';
import { actorLabel, auditActor, type RequestContext, requireActor } from '../context';
import { maskIdNumber, maskPhone } from '../crypto/fields';
import { displayTime, fileStamp } from '../time';

/**
 * The export kit every list uses: rows pulled page by page from an async iterator (a keyset
 * seek per page, see `keysetPages`), written by exceljs's streaming writer straight into the
 * HTTP response, masked, with 「导出人／导出时间」 on top, audited before the first byte.
 * The whole workbook is never in memory and the service never waits for it: it hands the
 * route a stream that the response drains.
 */

export interface ExportColumn {
  header: string;
  key: string;
  width?: number;
  /** masked again on the way out, whatever the caller passed (masking is idempotent) */
  sensitive?: 'idNumber' | 'phone';
}

export type ExportValue = string | number | null | undefined;

export type ExportRows = Iterable<Record<string, ExportValue>> | AsyncIterable<Record<string, ExportValue>>;

export interface ExportSpec {
  /** sheet name and the start of the file name, e.g. 「居民名单」 */
  title: string;
  columns: ExportColumn[];
  rows: ExportRows;
  exportedBy: string;
  at: Date;
  /** the filters the list had, in words: 「居民区：白渡；关键词：jp」 */
  filters?: string;
}

/** YYYY-MM-DD HH:mm in Beijing time */
export function beijingTime(at: Date): string {
  return displayTime(at);
}

export function exportFileName(title: string, at: Date): string {
  return `${title}_${fileStamp(at)}.xlsx`;
}

/** what a route sends: a file name for Content-Disposition and the body, produced as it is read */
export interface ExportDownload {
  fileName: string;
  body: Readable;
}

export interface ExportAudit {
  /** e.g. 'people.export' */
  action: string;
  targetType: string;
  /** the filters and how many rows (counted before the export starts) */
  detail: Record<string, unknown>;
}

/**
 * Audits the export, then starts writing it into a stream the caller returns to the client.
 * Rows are pulled only as fast as the client reads: a slow download holds one page, not the list.
 */
export async function openExport(
  deps: { db: Executor; audit: AuditLog },
  ctx: RequestContext,
  spec: Omit<ExportSpec, 'exportedBy' | 'at'>,
  audit: ExportAudit,
): Promise<ExportDownload> {
  const actor = requireActor(ctx);
  const at = new Date();
  await deps.audit.record(deps.db, auditActor(ctx), {
    action: audit.action,
    targetType: audit.targetType,
    detail: { title: spec.title, ...audit.detail, ...(spec.filters ? { filterText: spec.filters } : {}) },
  });
  const body = new PassThrough();
  writeExport(body, { ...spec, exportedBy: actorLabel(actor), at }).catch((err) => body.destroy(err));
  return { fileName: exportFileName(spec.title, at), body };
}

/**
 * Every row of a list in a stable order, fetched a page at a time: `fetch(after)` returns the
 * page after the row `after` (null: the first page) using a keyset seek on the list's order
 * (a row-value comparison the index serves), never OFFSET.
 */
export async function* keysetPages<T>(fetch: (after: T | null, limit: number) => Promise<T[]>, pageSize = 1000): AsyncGenerator<T> {
  let after: T | null = null;
  for (;;) {
    const rows = await fetch(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1] as T;
  }
}

/**
 * Streams a list to .xlsx: a first line 「导出人：X　导出时间：Y」 (and the filters), the
 * headers, then the rows — written as they come, each row flushed to `out` with backpressure,
 * so a long list is never all in memory. Returns the number of rows.
 */
export async function writeExport(out: Writable, spec: ExportSpec): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'linli 邻里';
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  const line = [
    `导出人：${spec.exportedBy}`,
    `导出时间：${beijingTime(spec.at)}（北京时间）`,
    spec.filters ? `筛选条件：${spec.filters}` : '',
  ];
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
    // the zip stream buffers what the client has not read yet: wait for it rather than pile up rows
    if (out.writableNeedDrain)
      await new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          out.off('drain', ok);
          out.off('close', closed);
          if (err) reject(err);
          else resolve();
        };
        const ok = () => done();
        const closed = () => done(new Error('export stream closed before the end'));
        out.once('drain', ok);
        out.once('close', closed);
      });
  }
  ws.commit();
  await wb.commit();
  return n;
}
