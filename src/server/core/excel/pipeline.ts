import type { ImportReport, RowError } from '../../../contracts/imports';
import type { Db, Tx } from '../../db/index';
import type { RequestContext } from '../context';
import { maskIdNumber, maskPhone } from '../crypto/fields';
import type { AnyImportKind, ImportColumn, ImportEnv, ImportRow } from './import-kind';
import { type Cell, DEFAULT_LIMITS, detectFormat, type ParseLimits, parseRows } from './parse';

export const MAX_LISTED_ERRORS = 1000;

export interface Progress {
  phase: 'check' | 'commit';
  rows: number;
}

export interface RunOptions {
  db: Db;
  kind: AnyImportKind;
  env: ImportEnv;
  ctx: RequestContext;
  file: string;
  /** the name the user gave the file; decides nothing but CSV vs. unknown */
  fileName: string;
  /** check everything, write nothing; counts say what a commit would do */
  dryRun: boolean;
  /** runs first inside the import's transaction (e.g. to claim the upload so it commits once) */
  begin?: (trx: Tx) => Promise<void>;
  /** runs inside the import's transaction once every row is written (job status, audit) */
  finalize?: (trx: Tx, report: ImportReport) => Promise<void>;
  onProgress?: (p: Progress) => void;
  sampleSize?: number;
  batchSize?: number;
  /** rows per write step (the dialect's `importWriteRows`); 50 when not given */
  writeRows?: number;
  /** size, row and time limits (config: LINLI_IMPORT_MAX_*); defaults when not given */
  limits?: Partial<ParseLimits>;
  /** how the import lets other work in between its steps; a turn of the event loop when not given */
  giveWay?: () => Promise<void>;
}

export interface SampleRow {
  row: number;
  cells: (string | null)[];
}

export interface RunResult {
  report: ImportReport;
  sample: SampleRow[];
  columns: string[];
}

class Rollback extends Error {}

/** rows per write on SQLite: a few milliseconds of work on the main thread, so a request waits little behind an import */
const WRITE_SIZE = 50;
/** the longest the import checks rows on the main thread before letting other work in */
const SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** A1-style column letter for a 0-based index */
export function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const cleanHeader = (h: string) => h.normalize('NFKC').replace(/[\s*＊]/g, '');

class Errors {
  readonly list: RowError[] = [];
  more = 0;
  add(row: number, column: string, message: string) {
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ row, column, message });
    else this.more++;
  }
  get count() {
    return this.list.length + this.more;
  }
}

function mask(col: ImportColumn, v: string | undefined): string | null {
  if (v === undefined) return null;
  if (col.sensitive === 'idNumber') return maskIdNumber(v);
  if (col.sensitive === 'phone') return maskPhone(v);
  return v;
}

/**
 * The import pipeline every kind shares: detect the format, parse in a worker, match the
 * header, validate each row with the kind's schema, and write valid rows in batches inside
 * ONE transaction — rolled back when any row anywhere fails, or for a dry run. A dry run
 * checks each batch against the database in its own rolled-back transaction instead, so a
 * long preview never holds the database.
 */
export async function runImport(o: RunOptions): Promise<RunResult> {
  const { kind, env } = o;
  const giveWay = o.giveWay ?? yieldToLoop;
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const maxRows = limits.maxRows;
  const errors = new Errors();
  const sample: SampleRow[] = [];
  const columns = kind.columns.map((c) => c.header);
  const result = (rows: number, counts = { created: 0, updated: 0, unchanged: 0 }): RunResult => ({
    report: {
      ok: errors.count === 0,
      rows,
      ...counts,
      errors: errors.list,
      ...(errors.more ? { moreErrors: errors.more } : {}),
    },
    sample,
    columns,
  });

  const detected = await detectFormat(o.file, o.fileName);
  if (!detected.ok) {
    errors.add(0, '', `文件「${o.fileName}」无法导入：${detected.message}`);
    return result(0);
  }

  const schema = kind.rowSchema(env);
  const byKey = new Map(kind.columns.map((c) => [c.key, c]));
  const seen = new Map<string, number>();
  const sampleSize = o.sampleSize ?? 20;
  const batchSize = o.batchSize ?? 250;
  const writeSize = o.writeRows ?? WRITE_SIZE;
  // rows checked before they are written: a batch of the parser's, or one write step when that is larger
  const flushAt = Math.max(batchSize, writeSize);
  const cc = { ctx: o.ctx, env, source: `import:${kind.kind}`, dryRun: o.dryRun };
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  let written = 0;
  let slots: (ImportColumn | null)[] | null = null;
  let pending: ImportRow<unknown>[] = [];

  const write = async (trx: Tx, batch: ImportRow<unknown>[], ahead: unknown) => {
    const r = await kind.commit(trx, batch, cc, ahead);
    counts.created += r.created;
    counts.updated += r.updated;
    counts.unchanged += r.unchanged;
    const rowsByNumber = new Map(batch.map((b) => [b.row, b]));
    for (const e of r.errors ?? []) {
      if (rowsByNumber.has(e.row)) errors.add(e.row, byKey.get(e.key)?.header ?? e.key, e.message);
    }
  };

  // Writing overlaps reading: a batch goes to the database while the next rows are parsed and
  // checked (on PostgreSQL the server works meanwhile). One batch is in flight at most, so
  // memory stays flat; a failure surfaces at the next flush or at the end.
  let inFlight: Promise<void> = Promise.resolve();
  let writeFailure: { error: unknown } | null = null;
  const settle = async () => {
    await inFlight;
    if (writeFailure) throw writeFailure.error;
  };

  const writeBatch = async (trx: Tx | null, batch: ImportRow<unknown>[], ahead: unknown) => {
    // a real import with an error writes nothing: no point in sending more rows
    if (!o.dryRun && errors.count > 0) return;
    if (trx) {
      await write(trx, batch, ahead);
    } else {
      // dry run: see what the batch would do, then undo it
      await o.db
        .transaction()
        .execute(async (t) => {
          await write(t, batch, ahead);
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
    }
    written += batch.length;
    o.onProgress?.({ phase: o.dryRun ? 'check' : 'commit', rows: written });
  };

  const flush = async (trx: Tx | null) => {
    if (pending.length === 0) return;
    const rowsToWrite = pending;
    pending = [];
    // this batch's preparing (sealing, in a worker) overlaps the write of the batch before
    const ahead = kind.prepare?.(rowsToWrite, cc);
    ahead?.catch(() => {}); // its failure surfaces through the write below
    await settle();
    inFlight = (async () => {
      const prepared = await ahead;
      // small steps with a turn of the event loop between them: requests never wait long behind an import
      for (let at = 0; at < rowsToWrite.length; at += writeSize) {
        if (at > 0) await giveWay();
        await writeBatch(trx, rowsToWrite.slice(at, at + writeSize), prepared);
      }
    })().catch((error) => {
      writeFailure ??= { error };
    });
  };

  const readHeader = (cells: Cell[]): boolean => {
    const headers = cells.map((c) => (c === null ? '' : cleanHeader(String(c))));
    const known = new Map(kind.columns.map((c) => [cleanHeader(c.header), c]));
    if (!headers.some((h) => known.has(h))) {
      errors.add(1, '', `第 1 行应为表头（${columns.join('、')}），请使用导入模板，且不要在表头上方插入标题行`);
      return false;
    }
    const found = new Set<string>();
    slots = headers.map((h, i) => {
      if (!h) return null;
      const col = known.get(h);
      if (!col) {
        errors.add(1, h, `第 1 行 ${columnLetter(i)} 列「${h}」不是本模板的列名，请使用模板中的列名（${columns.join('、')}）`);
        return null;
      }
      if (found.has(col.key)) {
        errors.add(1, col.header, `列「${col.header}」出现了两次（${columnLetter(i)} 列）`);
        return null;
      }
      found.add(col.key);
      return col;
    });
    for (const col of kind.columns) {
      if (col.required && !found.has(col.key)) errors.add(1, col.header, `缺少必填列「${col.header}」`);
    }
    return errors.count === 0;
  };

  // the template's example row may be left in: it is skipped, not imported
  const isExample = (input: Record<string, string | undefined>) =>
    kind.columns.every((c) => (input[c.key] ?? '') === c.example) && kind.columns.some((c) => c.example !== '');

  const readRow = (rowNo: number, cells: Cell[]): 'skipped' | undefined => {
    const input: Record<string, string | undefined> = {};
    const reported = new Set<string>();
    let cellProblem = false;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      const col = (slots as (ImportColumn | null)[])[i];
      if (!col) {
        errors.add(rowNo, `${columnLetter(i)} 列`, `第 ${rowNo} 行 ${columnLetter(i)} 列有内容，但该列没有列名，无法导入`);
        cellProblem = true;
        continue;
      }
      if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
        errors.add(rowNo, col.header, `数字位数过多，Excel 已改写了末几位；请将「${col.header}」列设为文本格式后重新填写`);
        reported.add(col.key);
        cellProblem = true;
        continue;
      }
      const s = String(v).trim();
      if (s !== '') input[col.key] = s;
    }
    if (isExample(input)) return 'skipped';
    if (sample.length < sampleSize) sample.push({ row: rowNo, cells: kind.columns.map((c) => mask(c, input[c.key])) });
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const done = reported;
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (done.has(key)) continue;
        done.add(key);
        errors.add(rowNo, byKey.get(key)?.header ?? '', issue.message);
      }
      return;
    }
    if (cellProblem) return;
    if (kind.duplicateKey) {
      const k = kind.duplicateKey.of(parsed.data);
      if (k !== null) {
        const first = seen.get(k);
        if (first !== undefined) {
          errors.add(rowNo, byKey.get(kind.duplicateKey.key)?.header ?? '', kind.duplicateKey.message(first));
          return;
        }
        seen.set(k, rowNo);
      }
    }
    // once a real import has an error nothing will be written: keep checking, stop collecting
    if (o.dryRun || errors.count === 0) pending.push({ row: rowNo, data: parsed.data });
  };

  const checkMerges = (refs: string[]) => {
    for (const ref of refs) {
      const m = ref.match(/^([A-Z]+)(\d+):([A-Z]+)(\d+)$/);
      if (!m) continue;
      const row = Number(m[2]);
      const col = slots?.[letterIndex(m[1] as string)];
      errors.add(row, col?.header ?? `${m[1]} 列`, `第 ${row} 行有合并单元格（${ref}），请取消合并，并在每个单元格中分别填写`);
    }
  };

  const read = async (trx: Tx | null) => {
    let stop = false;
    for await (const ev of parseRows(o.file, detected.format, { batchSize, limits })) {
      if (ev.t === 'error') {
        const why =
          ev.code === 'TOO_MANY_ROWS'
            ? `一次最多导入 ${maxRows} 行，请拆分文件`
            : ev.code === 'TOO_BIG'
              ? `文件解压后超过 ${Math.round(limits.maxExpandedBytes / 1024 / 1024)} MB（可能含大量空白行、格式或是恶意构造的压缩文件），请删除多余内容或拆分文件后再导入`
              : ev.code === 'TIMEOUT'
                ? `读取文件超过 ${Math.round(limits.maxParseMs / 1000)} 秒仍未完成，请拆分文件后再导入`
                : ev.code === 'NO_SHEET'
                  ? '文件中没有工作表'
                  : ev.code === 'CSV_QUOTE'
                    ? `第 ${ev.row} 行的引号没有闭合`
                    : ev.code === 'ENCODING'
                      ? `${ev.row ? `第 ${ev.row} 行附近` : '文件中'}有无法识别的文字（编码有误），为免存入乱码，整个文件未导入；请在 Excel 中另存为 .xlsx 后再导入`
                      : '文件已损坏或不是有效的 Excel（.xlsx）文件';
        errors.add(0, '', `文件「${o.fileName}」无法读取：${why}`);
        break;
      }
      if (ev.t === 'merges') {
        checkMerges(ev.refs);
        continue;
      }
      if (ev.t === 'end') break;
      let sliceStart = performance.now();
      for (const [rowNo, cells] of ev.rows) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await giveWay();
          sliceStart = performance.now();
        }
        if (!slots) {
          if (rowNo !== 1 || !readHeader(cells)) {
            if (rowNo !== 1) errors.add(1, '', `第 1 行应为表头（${columns.join('、')}），请使用导入模板`);
            stop = true;
            break;
          }
          continue;
        }
        if (rows + 1 > maxRows) {
          errors.add(rowNo, '', `一次最多导入 ${maxRows} 行，请拆分文件`);
          stop = true;
          break;
        }
        if (readRow(rowNo, cells) !== 'skipped') rows++;
      }
      if (stop) break;
      // let requests in between checking a batch and writing it: the event loop never waits long
      await giveWay();
      if (pending.length >= flushAt) await flush(trx);
    }
    if (!stop && !slots && errors.count === 0) errors.add(0, '', `文件「${o.fileName}」是空的：没有表头和数据`);
    else if (!stop && rows === 0 && errors.count === 0) errors.add(0, '', `文件「${o.fileName}」中没有数据行`);
    if (errors.count === 0 || o.dryRun) await flush(trx);
    await settle();
  };
  const body = async (trx: Tx | null) => {
    try {
      await read(trx);
    } finally {
      // never leave the transaction with a write still running (inFlight itself never rejects)
      await inFlight;
    }
  };

  if (o.dryRun) {
    await body(null);
    return result(rows, counts);
  }
  try {
    await o.db.transaction().execute(async (trx) => {
      await o.begin?.(trx);
      await body(trx);
      if (errors.count > 0) throw new Rollback();
      await o.finalize?.(trx, result(rows, counts).report);
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    return result(rows);
  }
  return result(rows, counts);
}
