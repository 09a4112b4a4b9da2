import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { replaceGrants } from '../../src/server/core/accounts/accounts.repository';
import { insertStaffAccount } from '../../src/server/core/accounts/accounts.service';
import { sessionIdOf } from '../../src/server/core/auth/tokens';
import { deriveKeys } from '../../src/server/core/crypto/keys';
import { migrateToLatest, openDatabase } from '../../src/server/db/index';
import { allMigrations } from '../../src/server/modules/index';
import { seedDemo } from '../../src/server/seed/demo';
import { addPeople } from './people';

// linli itself on a SQLite file or the PostgreSQL database in BENCH_DATABASE_URL, with 300 staff
// accounts to list and a signed-in system administrator whose cookie is printed. Logging as in
// production (LINLI_LOG_LEVEL, default info), to stdout, which the bench keeps reading.
// BENCH_PEOPLE=n adds n people to the register (the heavy list); BENCH_ACCOUNT names the account
// signed in (default sysadmin).
const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-'));
const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${dataDir}/linli.db`;
const config = loadConfig({
  NODE_ENV: 'production',
  LINLI_DATA_DIR: dataDir,
  DATABASE_URL: url,
  LINLI_LOG_LEVEL: process.env.LINLI_LOG_LEVEL ?? 'info',
});
const database = openDatabase(config);
await migrateToLatest(database.db, allMigrations());
const { org } = await seedDemo(database.db);
for (let i = 0; i < 300; i++) {
  const id = uuidv7();
  await insertStaffAccount(database.db, {
    id,
    subdistrictId: org.subdistrictId,
    username: `staff${i}`,
    displayName: `工作人员${i}`,
    passwordHash: 'x',
    mustChange: false,
  });
  await replaceGrants(database.db, id, org.subdistrictId, [{ role: 'care_staff', orgId: org.subdistrictId }], null, uuidv7);
}
const people = Number(process.env.BENCH_PEOPLE ?? 0);
if (people > 0) await addPeople(database, org, people);
const { app, services } = await buildApp({ config, database, keys: deriveKeys(randomBytes(32)) });
const admin = await database.db
  .selectFrom('accounts')
  .selectAll()
  .where('username', '=', process.env.BENCH_ACCOUNT ?? 'sysadmin')
  .executeTakeFirstOrThrow();
await database.db.updateTable('accounts').set({ totp_enabled: 1 }).where('id', '=', admin.id).execute();
const token = await services.auth.createSession(database.db, admin.id, admin.subdistrict_id, { ip: '127.0.0.1', userAgent: 'bench' });
await database.db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(
  JSON.stringify({
    port: typeof addr === 'object' && addr ? addr.port : 0,
    cookie: `linli_sid=${token}`,
    url,
    subdistrictId: org.subdistrictId,
  }),
);
// BENCH_PROFILE=<file.cpuprofile>: a CPU profile of the serving only (not the set-up), written on SIGTERM
const profiler = process.env.BENCH_PROFILE ? new inspector.Session() : null;
if (profiler) {
  profiler.connect();
  await new Promise((r) => profiler.post('Profiler.enable', () => profiler.post('Profiler.start', r)));
}
const writeProfile = () =>
  new Promise<void>((resolve) => {
    if (!profiler) return resolve();
    profiler.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(process.env.BENCH_PROFILE as string, JSON.stringify(res.profile));
      resolve();
    });
  });
// the server's own event-loop delay while it served, on stderr at the end: tells its stalls from the machine's
const eld = monitorEventLoopDelay({ resolution: 1 });
eld.enable();
process.once('SIGTERM', () =>
  writeProfile()
    .then(() => {
      eld.disable();
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      console.error(
        `serve-linli event-loop delay: p50 ${ms(eld.percentile(50))} ms, p99 ${ms(eld.percentile(99))} ms, max ${ms(eld.max)} ms`,
      );
    })
    .then(() => app.close())
    .then(() => database.close())
    .then(() => process.exit(0)),
);
