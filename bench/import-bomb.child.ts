// One measurement of bench/import-bomb.ts in its own process: parse a file through the real
// parse worker with the default limits; print time, the process's peak RSS (the worker thread
// included) and how it ended.
import { parseRows } from '../src/server/core/excel/parse';

const file = process.argv[2] as string;
const start = performance.now();
let rows = 0;
let end = 'end';
for await (const ev of parseRows(file, 'xlsx')) {
  if (ev.t === 'rows') rows += ev.rows.length;
  if (ev.t === 'error') end = ev.code;
}
const ms = performance.now() - start;
console.log(JSON.stringify({ rows, end, ms: Math.round(ms), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
