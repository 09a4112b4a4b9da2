import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { sessionIdOf } from '../src/server/core/auth/tokens';
import { deriveKeys } from '../src/server/core/crypto/keys';
import { invalid } from '../src/server/core/errors';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { seedDemo } from '../src/server/seed/demo';

// linli on a SQLite file (files in the data folder) or on the PostgreSQL database in
// BENCH_DATABASE_URL (files in the database), with a signed-in care worker. No route stores plain
// files yet, so the benchmark adds one the way a module would: an owner type and an upload route
// that streams the request into `files.store`. Downloads go through the real GET /api/files/:id.
const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-files-'));
const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${dataDir}/linli.db`;
const config = loadConfig({ NODE_ENV: 'production', LINLI_DATA_DIR: dataDir, DATABASE_URL: url, LINLI_LOG_LEVEL: 'silent' });
const database = openDatabase(config);
await migrateToLatest(database.db, allMigrations(), database.dialect);
const { org } = await seedDemo(database.db);
const { app, services } = await buildApp({ config, database, keys: deriveKeys(randomBytes(32)), logger: false });
services.files.registerOwner('bench.doc', async () => true);
app.post('/bench/files', { config: { access: 'signed-in' } }, async (req) => {
  const file = await req.file();
  if (!file) throw invalid('请选择文件');
  return services.files.store(req.ctx, file.file, {
    name: file.filename,
    allowed: ['pdf'],
    owner: { type: 'bench.doc', id: 'bench' },
    subdistrictId: org.subdistrictId,
  });
});
const care = await database.db.selectFrom('accounts').selectAll().where('username', '=', 'care').executeTakeFirstOrThrow();
const token = await services.auth.createSession(database.db, care.id, care.subdistrict_id, { ip: '127.0.0.1', userAgent: 'bench' });
await database.db.updateTable('sessions').set({ mfa_ok: 1 }).where('id', '=', sessionIdOf(token)).execute();
const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `linli_sid=${token}` } });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(
  JSON.stringify({
    port: typeof addr === 'object' && addr ? addr.port : 0,
    cookie: `linli_sid=${token}`,
    csrf: me.json().csrfToken,
    store: services.files.blobs.kind,
  }),
);
process.once('SIGTERM', () =>
  app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0)),
);
