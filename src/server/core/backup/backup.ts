import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import type { Config } from '../../config';
import { appliedMigrations, type Database, holdsData } from '../../db/index';
import { keyFingerprint, MASTER_KEY_FILE } from '../crypto/keys';
import { DatabaseBlobStore, FILES_DIR } from '../files/blob-store';
import { BACKUP_FORMAT, BACKUP_VERSION, type Manifest, manifestProblem, parseManifest } from './manifest';

const MANIFEST = 'manifest.json';
const DB_DIR = 'database';

function masterKeyHex(config: Pick<Config, 'dataDir' | 'masterKeyHex'>): { hex: string | null; source: Manifest['key'] } {
  if (config.masterKeyHex) return { hex: config.masterKeyHex, source: 'env' };
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) return { hex: readFileSync(file, 'utf8').trim(), source: 'file' };
  return { hex: null, source: 'none' };
}

function fingerprint(hex: string | null): string | null {
  return hex ? keyFingerprint(Buffer.from(hex, 'hex')) : null;
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => /[0-9a-f]{64}$/.test(p) && !p.startsWith('tmp')).length;
}

/**
 * One .tar.gz with the manifest, a consistent copy of the database, the uploaded files (on
 * PostgreSQL inside the database, see docs/deploy) and the master key. Safe while the server runs: the database is copied first, and files are only ever
 * added (content-addressed, renamed into place), so every file a copied row names is there.
 */
export async function createBackup(o: { config: Config; database: Database; out: string }): Promise<Manifest> {
  const out = path.resolve(o.out);
  mkdirSync(path.dirname(out), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(out), '.linli-backup-'));
  const tmpOut = `${staging}.tar.gz`;
  try {
    const { dialect, db } = o.database;
    mkdirSync(path.join(staging, DB_DIR));
    await dialect.dumpTo(path.join(staging, DB_DIR, dialect.dumpName));
    const entries = [MANIFEST, DB_DIR];
    const filesDir = path.join(o.config.dataDir, FILES_DIR);
    if (existsSync(filesDir)) {
      symlinkSync(filesDir, path.join(staging, FILES_DIR), 'dir');
      entries.push(FILES_DIR);
    }
    const key = masterKeyHex(o.config);
    if (key.source === 'file') {
      symlinkSync(path.join(o.config.dataDir, MASTER_KEY_FILE), path.join(staging, MASTER_KEY_FILE));
      entries.push(MASTER_KEY_FILE);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      dialect: dialect.kind,
      migrations: await appliedMigrations(db),
      createdAt: new Date().toISOString(),
      // on PostgreSQL the files are in the database (and so in its dump); older ones may still be in the folder
      files: countFiles(filesDir) + (dialect.blobStore === 'database' ? await new DatabaseBlobStore(db, o.config.dataDir).count() : 0),
      key: key.source,
      keyFingerprint: fingerprint(key.hex),
    };
    writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    await tar.c(
      {
        gzip: true,
        file: tmpOut,
        cwd: staging,
        follow: true,
        portable: true,
        // half-written uploads are not files yet
        filter: (p) => !p.startsWith(`${FILES_DIR}/tmp`),
      },
      entries,
    );
    chmodSync(tmpOut, 0o600); // it holds the master key
    renameSync(tmpOut, out);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(tmpOut, { force: true });
  }
}

/**
 * Brings a backup back: database, files and key. Refuses, before changing anything, a backup of
 * another database kind or a newer schema, a key that does not match LINLI_MASTER_KEY, and a
 * target that holds data unless `force`.
 */
export async function restoreBackup(o: {
  config: Config;
  database: Database;
  file: string;
  force: boolean;
  /** every migration this program knows, core's and the modules' */
  knownMigrations: string[];
}): Promise<Manifest> {
  const file = path.resolve(o.file);
  if (!existsSync(file)) throw new Error(`找不到备份文件：${file}`);
  const { dataDir } = o.config;
  mkdirSync(dataDir, { recursive: true });
  const work = await mkdtemp(path.join(dataDir, '.restore-'));
  try {
    try {
      await tar.x({ file, cwd: work, strict: true });
    } catch (err) {
      throw new Error(`无法读取备份文件 ${path.basename(file)}：${(err as Error).message}`);
    }
    if (!existsSync(path.join(work, MANIFEST))) throw new Error('不是 linli 备份文件（缺少 manifest.json）');
    const manifest = parseManifest(readFileSync(path.join(work, MANIFEST), 'utf8'));
    const { dialect, db } = o.database;
    const problem = manifestProblem(manifest, { dialect: dialect.kind, knownMigrations: o.knownMigrations });
    if (problem) throw new Error(problem);
    if (o.config.masterKeyHex && manifest.keyFingerprint && fingerprint(o.config.masterKeyHex) !== manifest.keyFingerprint) {
      throw new Error('备份所用的主密钥与当前 LINLI_MASTER_KEY 不同：恢复后加密字段将无法读取。请把 LINLI_MASTER_KEY 设为备份时的值');
    }
    if (manifest.key === 'env' && !o.config.masterKeyHex) {
      throw new Error('这份备份的主密钥来自 LINLI_MASTER_KEY，备份中没有密钥文件：请先把 LINLI_MASTER_KEY 设为备份时的值再恢复');
    }
    if (!o.force && (await holdsData(db))) {
      throw new Error('目标数据库中已有数据。恢复会用备份覆盖现有全部数据；确认无误请加 --force 再运行');
    }
    const dump = path.join(work, DB_DIR, dialect.dumpName);
    if (!existsSync(dump)) throw new Error('备份文件损坏：缺少数据库副本');

    await dialect.restoreFrom(dump);

    const filesDir = path.join(dataDir, FILES_DIR);
    const restored = path.join(work, FILES_DIR);
    if (existsSync(filesDir)) renameSync(filesDir, path.join(work, 'files.replaced'));
    if (existsSync(restored)) renameSync(restored, filesDir);

    if (manifest.key === 'file' && existsSync(path.join(work, MASTER_KEY_FILE))) {
      const keyFile = path.join(dataDir, MASTER_KEY_FILE);
      writeFileSync(`${keyFile}.tmp`, readFileSync(path.join(work, MASTER_KEY_FILE)), { mode: 0o600 });
      renameSync(`${keyFile}.tmp`, keyFile);
      chmodSync(keyFile, 0o600);
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
