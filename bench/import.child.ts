// One measurement in a fresh process, so its peak RSS (which includes the parse worker) is its own.
// usage: node --import tsx bench/import.child.ts bare|dry-run|commit|commit-get <file.xlsx>   (DATABASE_URL for PostgreSQL)
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
import { deriveKeys } from '../src/server/core/crypto/keys';
import { allPermissions } from '../src/server/core/modules/install';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';
import { percentile, probed } from './support/probe-client';

const [mode, file] = process.argv.slice(2) as [string, string];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(fn: () => Promise<number>) {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  const rssBefore = process.memoryUsage().rss;
  eld.enable();
  const t0 = performance.now();
  const rows = await fn();
  const ms = performance.now() - t0;
  eld.disable();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return {
    mode,
    rows,
    ms: Math.round(ms),
    maxRssMB: mb(maxRss),
    rssBeforeMB: mb(rssBefore),
    rssGrowthMB: mb(maxRss - rssBefore),
    eldP99ms: Math.round((eld.percentile(99) / 1e6) * 10) / 10,
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
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
  const url = process.env.DATABASE_URL;
  const config = loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: dir, LINLI_LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) });
  const database = openDatabase(config);
  await migrateToLatest(database.db, allMigrations());
  const { org } = await seedDemo(database.db);
  const { app, services } = await buildApp({ config, database, keys: deriveKeys(Buffer.alloc(32, 7)), logger: false });
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'bench', userAgent: null };
  const importRows = async () => {
    const run = await services.imports.runFile(ctx, 'people', file, { dryRun: mode === 'dry-run' });
    if (!run.report.ok) throw new Error(JSON.stringify(run.report.errors.slice(0, 3)));
    return run.report.rows;
  };
  if (mode === 'commit-get') {
    // the commit, while another process asks for a page of the people list every 20 ms; the
    // same probe with nothing else running, just before, is the baseline
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/people?page=1&pageSize=20`;
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', 'registry').executeTakeFirstOrThrow();
    const token = await services.auth.createSession(database.db, account.id, account.subdistrict_id, {
      ip: '127.0.0.1',
      userAgent: 'bench',
    });
    await database.db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
    const cookie = `linli_sid=${token}`;
    const idle = await probed(url, () => new Promise((r) => setTimeout(r, 3000)), { cookie });
    let sample: Awaited<ReturnType<typeof measure>> | null = null;
    const during = await probed(
      url,
      async () => {
        sample = await measure(importRows);
      },
      { cookie },
    );
    const s = sample as unknown as Awaited<ReturnType<typeof measure>>;
    console.log(
      JSON.stringify({
        ...s,
        getIdleP99ms: Math.round(percentile(idle.probe.latencies, 99) * 10) / 10,
        getP50ms: Math.round(percentile(during.probe.latencies, 50) * 10) / 10,
        getP99ms: Math.round(percentile(during.probe.latencies, 99) * 10) / 10,
        gets: during.probe.latencies.length,
        getFailures: during.probe.failures + idle.probe.failures,
      }),
    );
  } else {
    console.log(JSON.stringify(await measure(importRows)));
  }
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
