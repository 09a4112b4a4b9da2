import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineRow, writeInlineXlsx } from '../test/zip';
import type { BenchResult } from './run';

/**
 * An import bomb against an honest workbook, in the same run, each parse in its own process
 * (peak RSS = that process's maxRSS, the parse worker included), runs interleaved, medians:
 *   plain  20,000 rows of inline strings, read to the end
 *   bomb   the same few MB growing to 1 GB of empty rows after a <mergeCells>: refused at 200 MB
 * BENCH_RUNS (3) sets the number of runs.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function measure(file: string): { rows: number; end: string; ms: number; maxRssMB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-bomb.child.ts'), file], {
    cwd: root,
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`parse failed: ${r.stderr || r.stdout}`);
  return JSON.parse(line);
}

export default async function importBomb(): Promise<BenchResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = path.join(tmpdir(), 'linli-bench');
  mkdirSync(dir, { recursive: true });
  const headers = ['姓名', '居民区', '备注'];
  const plain = path.join(dir, 'plain-20000.xlsx');
  await writeInlineXlsx(
    plain,
    (function* () {
      yield '<sheetData>';
      yield inlineRow(1, headers);
      for (let i = 2; i <= 20_001; i++) yield inlineRow(i, ['王建国', '白渡', `第 ${i} 行的备注，写得长一些以占些字节`]);
      yield '</sheetData>';
    })(),
  );
  const bomb = path.join(dir, 'bomb-1gb.xlsx');
  const mib = Buffer.from('<row r="3" spans="1:3"/>'.repeat(43_690));
  await writeInlineXlsx(
    bomb,
    (function* () {
      yield '<sheetData>';
      yield inlineRow(1, headers);
      yield '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>';
      for (let i = 0; i < 1024; i++) yield mib;
      yield '</sheetData>';
    })(),
  );
  const samples: Record<string, ReturnType<typeof measure>[]> = { plain: [], bomb: [] };
  for (let i = 0; i < runs; i++) {
    samples.plain?.push(measure(plain));
    samples.bomb?.push(measure(bomb));
  }
  const row = (name: string, file: string) => {
    const s = samples[name] ?? [];
    return [
      name,
      `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`,
      s[0]?.end ?? '',
      median(s.map((x) => x.rows)),
      median(s.map((x) => x.ms)),
      median(s.map((x) => x.maxRssMB)),
    ];
  };
  return {
    title: `Import bomb vs. an honest workbook (parse worker, default limits; medians of ${runs} runs)`,
    columns: ['file', 'size', 'ended', 'rows', 'ms', 'peak RSS MB'],
    rows: [row('plain', plain), row('bomb', bomb)],
    notes: ['before the caps the same kind of bomb (2 MB → 1 GB with mergeCells) took 291 s and 2,270 MB RSS (issue #7)'],
  };
}
