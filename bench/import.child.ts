// One measurement in a fresh process, so its peak RSS (which includes the parse worker) is its own.
// usage: node --import tsx bench/import.child.ts bare|parse|dry-run|commit|commit-get|insert|held <file.xlsx>   (DATABASE_URL for PostgreSQL)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemActor } from '../src/server/core/access/actor';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import { encryptField, lookupHash } from '../src/server/core/crypto/fields';
import { deriveKeys } from '../src/server/core/crypto/keys';
import { parseRows } from '../src/server/core/excel/parse';
import { allPermissions } from '../src/server/core/modules/install';
import { parseIdNumber } from '../src/server/core/people/id-number';
import { namePinyin, phoneTail } from '../src/server/core/people/people.domain';
import { insertPersons } from '../src/server/core/people/people.repository';
import { migrateToLatest, openDatabase, type Tx } from '../src/server/db/index';
import type { PersonsTable } from '../src/server/db/schema';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import { manyPeople } from '../test/xlsx';
import { type Probe, percentile, probed } from './support/probe-client';

const [mode, file] = process.argv.slice(2) as [string, string];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(fn: () => Promise<number>) {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  const rssBefore = process.memoryUsage().rss;
  // where the memory goes: the main thread's V8 heap and its off-heap buffers, sampled; the rest
  // of the peak RSS is the worker threads' heaps and native memory (SQLite's page cache, zlib)
  const peak = { heapTotal: 0, external: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.external = Math.max(peak.external, m.external);
  }, 25);
  eld.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await fn();
  const ms = performance.now() - t0;
  // CPU time of every thread of the process (the parse worker included): steadier than wall time on a shared machine
  const cpu = process.cpuUsage(cpu0);
  eld.disable();
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return {
    mode,
    rows,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMB: mb(maxRss),
    rssBeforeMB: mb(rssBefore),
    rssGrowthMB: mb(maxRss - rssBefore),
    eldP99ms: Math.round((eld.percentile(99) / 1e6) * 10) / 10,
    mainHeapMB: mb(peak.heapTotal),
    mainExternalMB: mb(peak.external),
  };
}

if (mode === 'bare') {
  // exceljs's own streaming read, on the main thread, touching every row: the baseline
  const r = await measure(async () => {
    let n = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) if (row.values) n++;
      break;
    }
    return n - 1;
  });
  console.log(JSON.stringify(r));
} else if (mode === 'parse') {
  // the import's own parse step alone: worker thread, UTF-8-safe XML reader, merged-cell watch and
  // limits, rows handed over in batches and dropped; the floor under any import of this file
  const r = await measure(async () => {
    let n = 0;
    for await (const ev of parseRows(file, 'xlsx', { batchSize: 250 })) {
      if (ev.t === 'rows') n += ev.rows.length;
      if (ev.t === 'error') throw new Error(ev.message);
      if (ev.t === 'end') break;
    }
    return n - 1;
  });
  console.log(JSON.stringify(r));
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const url = process.env.DATABASE_URL;
  const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, LINLI_LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) });
  const database = openDatabase(config);
  await migrateToLatest(database.db, allMigrations());
  const { org } = await seedDemo(database.db);
  const keys = deriveKeys(Buffer.alloc(32, 7));
  const { app, services } = await buildApp({ config, database, keys, logger: false });
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'bench', userAgent: null };
  const importRows = async () => {
    const run = await services.imports.runFile(ctx, 'people', file, { dryRun: mode === 'dry-run' });
    if (!run.report.ok) throw new Error(JSON.stringify(run.report.errors.slice(0, 3)));
    return run.report.rows;
  };
  // the same people, parsed, hashed and encrypted beforehand: what the commit would write
  const sealedRows = async (): Promise<PersonsTable[]> => {
    const nbs = await database.db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'neighborhood').execute();
    const nbId = new Map(nbs.map((n) => [n.name, n.id]));
    const now = new Date().toISOString();
    const n = Number(process.env.BENCH_ROWS ?? 50_000);
    return manyPeople(n).map((c) => {
      const cell = (i: number) => (c[i] ? String(c[i]) : null);
      const [name, id, phone, alt, nb, road, lane, building, room] = [0, 2, 4, 5, 6, 7, 8, 9, 10].map(cell) as (string | null)[];
      const info = parseIdNumber(id ?? '');
      if (!info.ok) throw new Error(info.message);
      const py = namePinyin(name ?? '');
      const enc = (v: string | null) => (v ? encryptField(keys.field, v) : null);
      const hash = (v: string | null) => (v ? lookupHash(keys.lookup, v) : null);
      return {
        id: uuidv7(),
        subdistrict_id: org.subdistrictId,
        neighborhood_id: nbId.get(nb ?? '') ?? null,
        name: name ?? '',
        name_pinyin: py.full,
        name_initials: py.initials,
        gender: info.info.gender,
        birth_date: info.info.birthDate,
        id_number_enc: enc(info.info.value),
        id_hash: hash(info.info.value),
        id_tail: info.info.value.slice(-4),
        phone_enc: enc(phone ?? null),
        phone_hash: hash(phone ?? null),
        phone_tail: phone ? phoneTail(phone) : null,
        alt_phone_enc: enc(alt ?? null),
        alt_phone_hash: hash(alt ?? null),
        alt_phone_tail: alt ? phoneTail(alt) : null,
        road: road ?? null,
        lane: lane ? `${lane}弄` : null,
        building: building ? `${building}号` : null,
        room: room ? `${room}室` : null,
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
      };
    });
  };
  const insertAll = async (trx: Tx, rows: PersonsTable[]) => {
    const step = database.dialect.importWriteRows;
    for (let at = 0; at < rows.length; at += step) await insertPersons(trx, database.dialect, rows.slice(at, at + step));
  };
  // the app served over HTTP, and a signed-in registry clerk's page of the people list
  const serve = async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/people?page=1&pageSize=20`;
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', 'registry').executeTakeFirstOrThrow();
    const token = await services.auth.createSession(database.db, account.id, account.subdistrict_id, {
      ip: '127.0.0.1',
      userAgent: 'bench',
    });
    await database.db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
    return { url, cookie: `linli_sid=${token}` };
  };
  const getFigures = (idle: Probe, during: Probe) => ({
    getIdleP99ms: Math.round(percentile(idle.latencies, 99) * 10) / 10,
    getP50ms: Math.round(percentile(during.latencies, 50) * 10) / 10,
    getP99ms: Math.round(percentile(during.latencies, 99) * 10) / 10,
    gets: during.latencies.length,
    getFailures: during.failures + idle.failures,
  });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  if (mode === 'insert') {
    // what bounds the commit: the sealed rows inserted alone in one transaction, in the import's steps
    const rows = await sealedRows();
    const r = await measure(async () => {
      await database.db.transaction().execute((trx) => insertAll(trx, rows));
      return rows.length;
    });
    console.log(JSON.stringify(r));
  } else if (mode === 'held') {
    // what bounds a GET during a commit apart from the import's own work: the 50,000 rows inserted
    // and not yet committed, nothing else running, while the probe asks for the list for 5 s
    const rows = await sealedRows();
    const { url, cookie } = await serve();
    const idle = await probed(url, () => pause(3000), { cookie });
    let during: Awaited<ReturnType<typeof probed>> | null = null;
    const r = await measure(async () => {
      await database.db
        .transaction()
        .execute(async (trx) => {
          await insertAll(trx, rows);
          during = await probed(url, () => pause(5000), { cookie });
          throw new Error('rolled back');
        })
        .catch(() => {});
      return rows.length;
    });
    console.log(JSON.stringify({ ...r, ...getFigures(idle.probe, (during as unknown as typeof idle).probe) }));
  } else if (mode === 'commit-get') {
    // the commit, while another process asks for a page of the people list every 20 ms; the
    // same probe with nothing else running, just before, is the baseline
    const { url, cookie } = await serve();
    const idle = await probed(url, () => pause(3000), { cookie });
    let sample: Awaited<ReturnType<typeof measure>> | null = null;
    const during = await probed(
      url,
      async () => {
        sample = await measure(importRows);
      },
      { cookie },
    );
    console.log(JSON.stringify({ ...(sample as unknown as Awaited<ReturnType<typeof measure>>), ...getFigures(idle.probe, during.probe) }));
  } else {
    console.log(JSON.stringify(await measure(importRows)));
  }
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
