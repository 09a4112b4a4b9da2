// Reads an .xlsx (exceljs streaming reader) or a .csv file and posts its rows back in batches.
// Plain JavaScript so it runs in a worker thread under node, tsx and vitest alike. It only
// parses: validation happens on the main thread, which asks for the next batch when ready
// (at most `window` batches in flight), so a large file is never all in memory.
import { createReadStream } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);

const { file, format, batchSize = 500, window = 4, limits = {} } = workerData;
const maxExpandedBytes = limits.maxExpandedBytes ?? 200 * 1024 * 1024;
const maxRows = limits.maxRows ?? 200_000;
const maxParseMs = limits.maxParseMs ?? 120_000;

function fail(code, message, row = null) {
  return Object.assign(new Error(message), { code, row });
}

/**
 * A limit was passed: say why and stop the thread at once. Some of exceljs's work is out of
 * our hands (it spools a worksheet that precedes the shared strings to a temporary file), so
 * we do not wait for an error to travel up through it. The parent drains our messages before
 * it sees the exit.
 */
function abort(code, message) {
  parentPort.postMessage({ t: 'error', code, row: null, message });
  process.exit(0);
}

// Parse time counts the time spent working, not the time waiting for the main thread to ask
// for more rows (a long commit writes while we wait).
const started = performance.now();
let waited = 0;
function checkTime() {
  if (performance.now() - started - waited > maxParseMs) abort('TIMEOUT', `parse took over ${maxParseMs} ms`);
}

// Every byte inflated out of the zip counts against the budget, whatever part it belongs to
// and whoever reads it. A "zip bomb" (2 MB of zeros expanding to a gigabyte) stops here.
let expanded = 0;
function spend(n) {
  expanded += n;
  if (expanded > maxExpandedBytes) abort('TOO_BIG', `over ${maxExpandedBytes} bytes uncompressed`);
  checkTime();
}
// (this thread's own zlib module: the main thread's is untouched; the property is read-only but configurable)
const createInflateRaw = zlib.createInflateRaw;
Object.defineProperty(zlib, 'createInflateRaw', {
  configurable: true,
  enumerable: true,
  value: (...args) => {
    const inflater = createInflateRaw(...args);
    inflater.on('data', (chunk) => spend(chunk.length));
    return inflater;
  },
});

/**
 * exceljs's streaming reader decodes every chunk of XML on its own (`bufferToString(chunk)` in
 * lib/utils/parse-sax.js), so a multi-byte character split by a chunk boundary turns into two
 * U+FFFD and the cell is silently garbled (exceljs issues #2063, #2084). We put a correct
 * parse-sax in its place before exceljs loads: one streaming, fatal TextDecoder per XML part,
 * so split characters are joined and bytes that are not UTF-8 refuse the file instead of
 * becoming U+FFFD. Every part exceljs reads goes through it (sheets, shared strings, styles).
 */
function installParseSax() {
  const at = require.resolve('exceljs/lib/utils/parse-sax.js');
  const { SaxesParser } = createRequire(at)('saxes');
  async function* parseSax(iterable) {
    if (iterable.pipe && !iterable[Symbol.asyncIterator]) iterable = iterable.pipe(new PassThrough());
    const parser = new SaxesParser();
    let error;
    parser.on('error', (err) => {
      error = err;
    });
    let events = [];
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decode = (chunk, stream) => {
      try {
        return decoder.decode(chunk, { stream });
      } catch {
        throw fail('ENCODING', 'not UTF-8');
      }
    };
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decode(chunk, true));
      if (error) throw error;
      yield events;
      events = [];
    }
    // bytes of a character the part ended in the middle of
    const rest = decode(undefined, false);
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const m = new Module(at);
  m.filename = at;
  m.loaded = true;
  m.exports = parseSax;
  require.cache[at] = m;
}
installParseSax();
const { default: ExcelJS } = await import('exceljs');

let credits = window;
let wake = null;
parentPort.on('message', (m) => {
  if (m === 'more') {
    credits++;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  }
});

let batch = [];
async function push(rowNumber, cells) {
  batch.push([rowNumber, cells]);
  if (batch.length >= batchSize) await flush();
}
let dataRows = 0;
/** rows with content, the header included */
function countRow() {
  if (++dataRows > maxRows + 1) abort('TOO_MANY_ROWS', `over ${maxRows} rows`);
}
async function flush() {
  if (batch.length === 0) return;
  if (credits <= 0) {
    const from = performance.now();
    while (credits <= 0) await new Promise((r) => (wake = r));
    waited += performance.now() - from;
  }
  checkTime();
  credits--;
  parentPort.postMessage({ t: 'rows', rows: batch });
  batch = [];
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** exceljs cell values → string | number | null; dates as YYYY-MM-DD (Excel dates carry no zone) */
function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const secs = v.getUTCHours() * 3600 + v.getUTCMinutes() * 60 + v.getUTCSeconds();
    return secs === 0 ? day : `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) return plain(v.result);
  if ('text' in v) return plain(v.text);
  if ('error' in v) return String(v.error);
  return String(v);
}

/**
 * The streaming reader skips <mergeCells>, which comes after the rows in the sheet XML. We
 * look at the raw bytes as they pass by and pick the merged ranges out, keeping only a short
 * carry-over between chunks and the ranges found (at most `MAX_MERGES`): memory stays flat
 * however much follows the word.
 */
const MAX_MERGES = 1000;
const MERGE = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+\d+:[A-Z]+\d+)"/g;
function watchMerges(source, found) {
  return (async function* () {
    let seen = false;
    let carry = '';
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      // the markup we look for is ASCII: latin1 keeps one character per byte and never fails
      const text = carry + buf.toString('latin1');
      if (!seen && text.includes('mergeCells')) seen = true;
      if (seen && found.length < MAX_MERGES) {
        let end = 0;
        MERGE.lastIndex = 0;
        for (const m of text.matchAll(MERGE)) {
          if (found.length < MAX_MERGES) found.push(m[1]);
          end = m.index + m[0].length;
        }
        carry = text.slice(Math.max(end, text.length - 200));
      } else carry = text.slice(-200);
      yield chunk;
    }
  })();
}

async function readXlsx() {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const merges = [];
  let sheets = 0;
  for await (const sheet of reader) {
    sheets++;
    // only the first worksheet holds data; the template's other sheets are notes and lists
    sheet.iterator = watchMerges(sheet.iterator, merges);
    for await (const row of sheet) {
      checkTime();
      const values = row.values;
      const cells = new Array(Math.max(0, values.length - 1));
      let any = false;
      for (let c = 1; c < values.length; c++) {
        const v = plain(values[c]);
        cells[c - 1] = v === '' ? null : v;
        if (v !== null && v !== '') any = true;
      }
      if (any) {
        countRow();
        await push(row.number, cells);
      }
    }
    break;
  }
  await flush();
  if (sheets === 0) throw fail('NO_SHEET', 'no worksheet');
  parentPort.postMessage({ t: 'merges', refs: merges });
}

/** RFC 4180 CSV, UTF-8 (with or without BOM) or GB18030 as saved by Excel on Chinese Windows. */
async function readCsv() {
  let decoder = null;
  let field = '';
  let row = [];
  let quoted = false;
  let afterQuote = false;
  // a record is one spreadsheet row, even when a quoted cell spans lines
  let record = 1;
  const endRow = async () => {
    row.push(field);
    field = '';
    const cells = row.map((c) => (c === '' ? null : c));
    if (cells.some((c) => c !== null)) {
      countRow();
      await push(record, cells);
    }
    row = [];
    record++;
  };
  for await (const chunk of createReadStream(file)) {
    checkTime();
    if (!decoder) {
      // fatal both ways: a byte that does not decode refuses the file, it never becomes U+FFFD
      decoder = new TextDecoder('utf-8', { fatal: true });
      try {
        decoder.decode(chunk, { stream: true });
        decoder = new TextDecoder('utf-8', { fatal: true });
      } catch {
        decoder = new TextDecoder('gb18030', { fatal: true });
      }
    }
    let text;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw fail('ENCODING', 'undecodable bytes', record);
    }
    if (record === 1 && row.length === 0 && field === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        continue;
      }
      if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === ',') {
        row.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        await endRow();
        afterQuote = false;
      } else if (!afterQuote) field += ch;
    }
  }
  try {
    const rest = decoder ? decoder.decode() : '';
    if (rest) throw new Error('truncated character');
  } catch {
    throw fail('ENCODING', 'undecodable bytes', record);
  }
  if (quoted) throw fail('CSV_QUOTE', 'unterminated quote', record);
  if (field !== '' || row.length > 0) await endRow();
  await flush();
  parentPort.postMessage({ t: 'merges', refs: [] });
}

try {
  if (format === 'csv') await readCsv();
  else await readXlsx();
  parentPort.postMessage({ t: 'end' });
} catch (err) {
  parentPort.postMessage({ t: 'error', code: err?.code ?? 'BROKEN', row: err?.row ?? null, message: String(err?.message ?? err) });
}
parentPort.close();
