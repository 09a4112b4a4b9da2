import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster } from '../test/pg-cluster';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { median, round } from './support/stats';

// A 20 MB upload and download through the API (multipart POST streamed into the blob store;
// GET /api/files/:id streamed out), on SQLite (data folder) and PostgreSQL (256 KiB chunks in the
// database), beside copying the same file on disk, measured in the same run. Server in its own
// process; every upload has new content (no de-duplication shortcut).
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZE = 20 * 1024 * 1024;

/** a PDF header and `SIZE` bytes in all, different for every `n` (deterministic) */
function content(n: number): Buffer {
  const b = Buffer.alloc(SIZE);
  b.write('%PDF-1.4\n% linli bench\n', 0, 'latin1');
  let x = 2463534242 + n;
  for (let i = 64; i < SIZE; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.writeUInt32LE(x >>> 0, i);
  }
  return b;
}

function multipart(name: string, data: Buffer): { body: Blob; type: string } {
  const boundary = `----linlibench${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: new Blob([new Uint8Array(head), new Uint8Array(data), new Uint8Array(tail)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export default async function run(): Promise<BenchResult> {
  const cluster = await startCluster();
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query('create database linli_bench_files');
  await admin.end();
  const work = await mkdtemp(path.join(tmpdir(), 'linli-bench-copy-'));
  const targets = [
    { name: 'SQLite', env: {} as Record<string, string> },
    { name: 'PostgreSQL', env: { BENCH_DATABASE_URL: cluster.url.replace(/\/postgres$/, '/linli_bench_files') } },
  ];
  const rows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  try {
    for (const target of targets) {
      const server = await startChild<{ port: number; cookie: string; csrf: string; store: string }>('bench/files.child.ts', target.env);
      const base = `http://127.0.0.1:${server.info.port}`;
      const headers = { cookie: server.info.cookie, 'x-csrf-token': server.info.csrf };
      const copy: number[] = [];
      const up: number[] = [];
      const down: number[] = [];
      try {
        for (let i = 0; i <= RUNS; i++) {
          const body = content(i + (target.name === 'SQLite' ? 0 : 1000));
          // baseline: the same bytes copied file to file on this disk
          const src = path.join(work, `src-${i}.pdf`);
          await writeFile(src, body);
          let t0 = process.hrtime.bigint();
          await copyFile(src, path.join(work, `copy-${i}.pdf`));
          const tCopy = ms(t0);

          const m = multipart(`材料${i}.pdf`, body);
          t0 = process.hrtime.bigint();
          const res = await fetch(`${base}/bench/files`, { method: 'POST', headers: { ...headers, 'content-type': m.type }, body: m.body });
          const info = (await res.json()) as { id: string; size: number };
          const tUp = ms(t0);
          if (res.status !== 200 || info.size !== SIZE) throw new Error(`upload answered ${res.status}: ${JSON.stringify(info)}`);

          t0 = process.hrtime.bigint();
          const got = await fetch(`${base}/api/files/${info.id}`, { headers });
          let bytes = 0;
          for await (const c of got.body as unknown as AsyncIterable<Uint8Array>) bytes += c.length;
          const tDown = ms(t0);
          if (got.status !== 200 || bytes !== SIZE) throw new Error(`download answered ${got.status} with ${bytes} bytes`);
          await rm(src);
          await rm(path.join(work, `copy-${i}.pdf`));
          // the first round warms up
          if (i === 0) continue;
          copy.push(tCopy);
          up.push(tUp);
          down.push(tDown);
        }
      } finally {
        await stopChild(server.child);
      }
      const c = median(copy);
      const mb = SIZE / 1024 / 1024;
      rows.push([target.name, 'copy on disk (baseline)', round(c, 1), round(mb / (c / 1000), 0), '1.0']);
      rows.push([
        target.name,
        `upload via API → ${server.info.store}`,
        round(median(up), 1),
        round(mb / (median(up) / 1000), 0),
        round(median(up) / c, 1),
      ]);
      rows.push([
        target.name,
        `download via API ← ${server.info.store}`,
        round(median(down), 1),
        round(mb / (median(down) / 1000), 0),
        round(median(down) / c, 1),
      ]);
      data[target.name] = { copy, upload: up, download: down };
    }
  } finally {
    cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
  return {
    title: `20 MB file through the API vs. a copy on disk: ${RUNS} runs after a warm-up (medians)`,
    columns: ['database', 'operation', 'ms', 'MB/s', '× copy'],
    rows,
    notes: [
      'upload: multipart POST streamed into the blob store (hash, type check, 256 KiB chunks on PostgreSQL); download: GET /api/files/:id streamed out',
      'client (fetch) and server (child process) on the same machine; the copy is fs.copyFile of the same bytes',
    ],
    data,
  };
}
