import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export type FileFormat = 'xlsx' | 'csv';

export type Detected = { ok: true; format: FileFormat } | { ok: false; message: string };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// an Office file saved with an open password is a compound file holding these streams
const ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le');

/** Decides by content, not by name: a renamed or password-protected file gets a clear message. */
export async function detectFormat(file: string, fileName: string): Promise<Detected> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return { ok: false, message: '文件是空的' };
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).equals(ZIP)) return { ok: true, format: 'xlsx' };
    if (head.subarray(0, 8).equals(CFB)) {
      const whole = Buffer.alloc(Math.min(size, 20 * 1024 * 1024));
      await fh.read(whole, 0, whole.length, 0);
      if (whole.includes(ENCRYPTED)) return { ok: false, message: '文件设有打开密码，请在 Excel 中取消密码后另存为 .xlsx 再导入' };
      return { ok: false, message: '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入' };
    }
    const textual = !head.includes(0);
    if (textual && /\.(csv|txt)$/i.test(fileName)) return { ok: true, format: 'csv' };
    if (/\.xlsx$/i.test(fileName)) return { ok: false, message: '文件已损坏，不是有效的 Excel（.xlsx）文件' };
    return { ok: false, message: '不支持的文件类型，请上传 .xlsx 或 .csv 文件' };
  } finally {
    await fh.close();
  }
}

export type Cell = string | number | null;

export type ParseEvent =
  | { t: 'rows'; rows: [number, Cell[]][] }
  | { t: 'merges'; refs: string[] }
  | { t: 'end' }
  | { t: 'error'; code: string; row: number | null; message: string };

/** What one import may cost; a file over any of them is refused with the reason. */
export interface ParseLimits {
  /** bytes inflated out of the .xlsx (every part together) */
  maxExpandedBytes: number;
  /** rows with content, not counting the header */
  maxRows: number;
  /** time the parser spends working (waiting for the main thread does not count) */
  maxParseMs: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxExpandedBytes: 200 * 1024 * 1024, maxRows: 200_000, maxParseMs: 120_000 };

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);

/**
 * Parses a file in a worker thread and yields its rows in batches. The worker reads ahead by
 * at most `window` batches, so memory stays flat however long the file is. Breaking out of
 * the loop stops the worker.
 */
export async function* parseRows(
  file: string,
  format: FileFormat,
  opts: { batchSize?: number; window?: number; limits?: Partial<ParseLimits> } = {},
): AsyncGenerator<ParseEvent> {
  const worker = new Worker(WORKER_URL, {
    workerData: { file, format, batchSize: opts.batchSize ?? 250, window: opts.window ?? 4, limits: { ...DEFAULT_LIMITS, ...opts.limits } },
    // the worker is plain JavaScript: it needs no TypeScript loader (tsx, vitest), and starts faster and
    // smaller without one. Of the parent's flags only profiling passes on: others (--expose-gc, heap
    // sizes) are refused in a worker and would break every import.
    execArgv: process.execArgv.filter((a) => /^--cpu-prof($|-(dir|name|interval)=)/.test(a)),
    // a hostile workbook (millions of shared strings) fails the import, not the server. The young
    // generation as large as the main thread's: a worker's smaller default spent 20% of the parse in GC
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48 },
  });
  const queue: ParseEvent[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let exited = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: ParseEvent) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        if (next.t === 'rows') worker.postMessage('more');
        if (next.t === 'end' || next.t === 'error') return;
        continue;
      }
      if (failure) {
        const err: Error & { code?: string } = failure;
        // past the heap the worker may use (e.g. millions of shared strings): too big, not broken
        const code = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'TOO_BIG' : 'WORKER';
        yield { t: 'error', code, row: null, message: err.message };
        return;
      }
      if (exited) {
        yield { t: 'error', code: 'WORKER', row: null, message: 'parser stopped early' };
        return;
      }
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  } finally {
    if (!exited) await worker.terminate();
  }
}
