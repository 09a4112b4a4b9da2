import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB, testDatabase } from '../../../../test/db';
import { buildAccount } from '../../../../test/factories';
import { samplePdf } from '../../../../test/sample-files';
import { type Config, loadConfig } from '../../config';
import { type Database as Db, migrateToLatest, openDatabase } from '../../db/index';
import { allMigrationNames, allMigrations } from '../../modules/index';
import { seedDemo } from '../../seed/demo';
import { AuditLog } from '../audit/audit.service';
import { loadKeys, MASTER_KEY_FILE } from '../crypto/keys';
import type { FolderBlobStore } from '../files/blob-store';
import { FilesService } from '../files/files.service';
import { createBackup, restoreBackup } from './backup';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

let dir: string;
let dataDir: string;
let config: Config;
let database: Db;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'linli-backup-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  let url: string;
  if (TEST_DB === 'postgres') {
    const pgdb = await testDatabase();
    url = pgdb.url;
    await pgdb.close();
  } else {
    url = `sqlite:${path.join(dataDir, 'linli.db')}`;
  }
  env = { NODE_ENV: 'test', LINLI_DATA_DIR: dataDir, DATABASE_URL: url, LINLI_LOG_LEVEL: 'silent' };
  config = loadConfig(env);
  database = openDatabase(config);
  await migrateToLatest(database.db, allMigrations());
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const orgName = async (id: string) =>
  (await database.db.selectFrom('org_units').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

describe(`backup and restore (${TEST_DB})`, () => {
  it('backs up, and after changes restores the data, the files and the key as they were', async () => {
    const keys = loadKeys(dataDir); // writes master.key into the data folder
    const keyBefore = readFileSync(path.join(dataDir, MASTER_KEY_FILE), 'utf8');
    const { org } = await seedDemo(database.db);
    const baidu = org.neighborhoods.白渡 as string;
    const files = new FilesService(database.db, dataDir, 1024 * 1024);
    files.registerOwner('test.doc', async () => true);
    const ctx = { actor: null, requestId: 't', ip: '127.0.0.1', userAgent: null };
    const pdf = samplePdf('backed up');
    const stored = await files.store(ctx, pdf, {
      name: '材料.pdf',
      allowed: ['pdf'],
      owner: { type: 'test.doc', id: 'd1' },
      subdistrictId: org.subdistrictId,
    });
    const audit = new AuditLog(database.db, database.dialect, keys.audit);
    await audit.record(
      database.db,
      { actorId: null, actorName: 'test', role: null, subdistrictId: org.subdistrictId, ip: null, requestId: null },
      { action: 'test.before_backup' },
    );

    const out = path.join(dir, 'out', 'linli-backup.tar.gz');
    const manifest = await createBackup({ config, database, out });
    expect(manifest).toMatchObject({ dialect: TEST_DB, key: 'file', files: 1 });
    expect(manifest.migrations).toContain('0004_notify_files');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const entries: string[] = [];
    await tar.t({ file: out, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toEqual(
      expect.arrayContaining([
        'manifest.json',
        MASTER_KEY_FILE,
        `files/${stored.sha256.slice(0, 2)}/${stored.sha256.slice(2, 4)}/${stored.sha256}`,
      ]),
    );
    expect(entries.some((e) => e.startsWith('database/linli.'))).toBe(true);

    // change everything the backup holds
    await database.db.updateTable('org_units').set({ name: '改过的名字' }).where('id', '=', baidu).execute();
    const added = await buildAccount(database.db, { role: 'care_staff', orgId: org.subdistrictId, subdistrictId: org.subdistrictId });
    await database.db.deleteFrom('files').execute();
    rmSync(path.join(dataDir, 'files'), { recursive: true });
    writeFileSync(path.join(dataDir, MASTER_KEY_FILE), `${randomBytes(32).toString('hex')}\n`);

    // a database holding data is not overwritten without --force, and nothing changes
    await expect(restoreBackup({ config, database, file: out, force: false, knownMigrations: allMigrationNames() })).rejects.toThrow(
      '目标数据库中已有数据',
    );
    expect(await orgName(baidu)).toBe('改过的名字');

    await restoreBackup({ config, database, file: out, force: true, knownMigrations: allMigrationNames() });
    expect(await orgName(baidu)).toBe('白渡');
    expect(await database.db.selectFrom('accounts').select('id').where('id', '=', added.id).executeTakeFirst()).toBeUndefined();
    const row = await database.db.selectFrom('files').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(stored.sha256);
    expect(readFileSync((files.blobs as FolderBlobStore).pathOf(stored.sha256)).equals(pdf)).toBe(true);
    expect(readFileSync(path.join(dataDir, MASTER_KEY_FILE), 'utf8')).toBe(keyBefore);
    expect(statSync(path.join(dataDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    // the restored key still verifies the restored audit chain
    const restoredKeys = loadKeys(dataDir);
    expect(await new AuditLog(database.db, database.dialect, restoredKeys.audit).verify()).toMatchObject({ ok: true });
    // and the schema is where migrating forward expects it
    expect(await migrateToLatest(database.db, allMigrations())).toEqual([]);
  });

  it('refuses a backup of the other database kind, or of a newer schema, before changing anything', async () => {
    const out = path.join(dir, 'out', 'again.tar.gz');
    await createBackup({ config, database, out });
    const repack = async (edit: (m: Record<string, unknown>) => void) => {
      const x = mkdtempSync(path.join(dir, 'x-'));
      await tar.x({ file: out, cwd: x });
      const m = JSON.parse(readFileSync(path.join(x, 'manifest.json'), 'utf8'));
      edit(m);
      writeFileSync(path.join(x, 'manifest.json'), JSON.stringify(m));
      const file = path.join(dir, `edited-${randomBytes(4).toString('hex')}.tar.gz`);
      await tar.c({ gzip: true, file, cwd: x }, ['manifest.json', 'database']);
      return file;
    };
    const other = TEST_DB === 'sqlite' ? 'PostgreSQL' : 'SQLite';
    const wrongKind = await repack((m) => {
      m.dialect = TEST_DB === 'sqlite' ? 'postgres' : 'sqlite';
    });
    await expect(restoreBackup({ config, database, file: wrongKind, force: true, knownMigrations: allMigrationNames() })).rejects.toThrow(
      `这是 ${other} 数据库的备份`,
    );
    const newer = await repack((m) => {
      (m.migrations as string[]).push('9999_from_the_future');
    });
    await expect(restoreBackup({ config, database, file: newer, force: true, knownMigrations: allMigrationNames() })).rejects.toThrow(
      '9999_from_the_future',
    );
    const notOurs = path.join(dir, 'not-a-backup.tar.gz');
    writeFileSync(notOurs, 'hello');
    await expect(restoreBackup({ config, database, file: notOurs, force: true, knownMigrations: allMigrationNames() })).rejects.toThrow(
      '无法读取备份文件',
    );
    expect(
      await orgName((await database.db.selectFrom('org_units').select('id').where('name', '=', '白渡').executeTakeFirstOrThrow()).id),
    ).toBe('白渡');
  });

  it('runs as `linli backup` and `linli restore` from the command line', async () => {
    const out = path.join(dir, 'cli', 'b.tar.gz');
    const cli = (...args: string[]) =>
      exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
    const b = await cli('backup', out);
    expect(b.stdout).toContain('已备份到');
    expect(existsSync(out)).toBe(true);
    const refused = await cli('restore', out).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('--force');
    const r = await cli('restore', out, '--force');
    expect(r.stdout).toContain('已从');
  });

  // SQLite's online copy of a live file; PostgreSQL's backup is pg_dump's snapshot, tested above
  if (TEST_DB === 'sqlite')
    it('makes a consistent copy while another connection keeps writing', async () => {
      const file = path.join(dataDir, 'linli.db');
      const writer = new Database(file);
      writer.pragma('busy_timeout = 5000');
      writer.exec(
        'create table if not exists pairs (n integer primary key, payload text not null); create table if not exists tally (id integer primary key, n integer not null); insert or ignore into tally values (1, 0);',
      );
      // enough pages that the online backup takes many steps
      const fill = writer.transaction(() => {
        for (let i = 0; i < 2000; i++) writer.prepare('insert into pairs (payload) values (?)').run('x'.repeat(500));
        writer.prepare('update tally set n = (select count(*) from pairs) where id = 1').run();
      });
      fill();
      const step = writer.transaction(() => {
        writer.prepare('insert into pairs (payload) values (?)').run('y'.repeat(500));
        writer.prepare('update tally set n = n + 1 where id = 1').run();
      });
      let writes = 0;
      let stop = false;
      const writing = (async () => {
        while (!stop && writes < 300) {
          step();
          writes++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      const out = path.join(dir, 'live.tar.gz');
      const backingUp = createBackup({ config, database, out });
      await backingUp;
      const during = writes;
      stop = true;
      await writing;
      writer.close();
      expect(during).toBeGreaterThan(0);

      const x = mkdtempSync(path.join(dir, 'live-'));
      await tar.x({ file: out, cwd: x });
      const copy = new Database(path.join(x, 'database', 'linli.db'), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const pairs = (copy.prepare('select count(*) as n from pairs').get() as { n: number }).n;
      const tally = (copy.prepare('select n from tally where id = 1').get() as { n: number }).n;
      copy.close();
      // every write is whole in the copy or absent from it
      expect(pairs).toBe(tally);
      expect(pairs).toBeGreaterThanOrEqual(2000);
      expect(pairs).toBeLessThanOrEqual(2000 + during);
    });
});
