// `npm run bench [name…]`: runs bench/<name>.ts (every benchmark when no name is given), prints
// each one's table and writes bench/results/<name>.json.
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
  data?: unknown;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// helpers of a benchmark (its child process, its data) are named *.child.ts and *.lib.ts
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('.child.') && !f.includes('.lib.'))
  .map((f) => f.replace(/\.ts$/, ''));
const names = process.argv.slice(2).length ? process.argv.slice(2) : all;

function table(r: BenchResult): string {
  const cells = [r.columns, ...r.rows.map((row) => row.map(String))];
  const widths = r.columns.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(r.columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

for (const name of names) {
  if (!all.includes(name)) throw new Error(`no benchmark bench/${name}.ts (have: ${all.join(', ')})`);
  const mod = (await import(`./${name}.ts`)) as { default: () => Promise<BenchResult | undefined> };
  console.log(`\n## ${name}`);
  const result = await mod.default();
  // a benchmark may print its own table and write its own results
  if (!result) continue;
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`${result.title}\nmachine: ${machine}\n`);
  console.log(table(result));
  for (const n of result.notes ?? []) console.log(`- ${n}`);
  writeFileSync(
    path.join(here, 'results', `${name}.json`),
    `${JSON.stringify({ ...result, machine, at: new Date().toISOString() }, null, 2)}\n`,
  );
}
