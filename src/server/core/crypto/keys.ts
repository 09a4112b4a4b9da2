import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { entryHash } from '../audit/audit.service';

export interface Keys {
  /** AES-256-GCM key for sensitive fields at rest */
  field: Buffer;
  /** HMAC key for lookups of sensitive values (ID numbers, phones) without storing them in clear */
  lookup: Buffer;
  /** HMAC key of the audit hash chain */
  audit: Buffer;
}

export const MASTER_KEY_FILE = 'master.key';

const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, 'linli', info, 32));

export function deriveKeys(master: Buffer): Keys {
  return { field: derive(master, 'field-encryption'), lookup: derive(master, 'lookup-hash'), audit: derive(master, 'audit-chain') };
}

/**
 * Names a master key without revealing it: 16 hex of an HMAC under a derived key. The same
 * value a backup's manifest records, so an operator can match a backup, a key and a database.
 */
export function keyFingerprint(master: Buffer): string {
  return createHmac('sha256', deriveKeys(master).audit).update('linli-backup-fingerprint').digest('hex').slice(0, 16);
}

/** What the database records to recognise its key: an HMAC of a fixed label under a key of its own. */
export function keyCheckValue(master: Buffer): string {
  return createHmac('sha256', derive(master, 'key-check')).update('linli master key check v1').digest('hex');
}

export interface MasterKey {
  master: Buffer;
  source: 'env' | 'file';
  /** the key file, when the key came from one */
  file?: string;
}

/** The master key from LINLI_MASTER_KEY or the data folder's key file; null when neither has one. */
export function readMasterKey(dataDir: string, masterKeyHex?: string): MasterKey | null {
  if (masterKeyHex) return { master: Buffer.from(masterKeyHex, 'hex'), source: 'env' };
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) return null;
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`密钥文件损坏 (bad key file): ${file}`);
  return { master: Buffer.from(hex, 'hex'), source: 'file', file };
}

function generateKeyFile(dataDir: string): MasterKey {
  const file = path.join(dataDir, MASTER_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return readMasterKey(dataDir) as MasterKey;
}

/**
 * The master key comes from config or from the data folder, made there (mode 0600) on first start.
 * No database check: tests, benchmarks and tools that own their database. Commands use `checkedKeys`.
 */
export function loadKeys(dataDir: string, masterKeyHex?: string): Keys {
  return deriveKeys((readMasterKey(dataDir, masterKeyHex) ?? generateKeyFile(dataDir)).master);
}

/** A process whose master key is not the database's: it stops before reading or writing anything. */
export class KeyMismatch extends Error {}

function howToProvide(dataDir: string): string {
  return (
    `请提供与其它进程相同的主密钥 (provide the same master key as the other processes): ` +
    `设置环境变量 LINLI_MASTER_KEY=<64 位十六进制>，或把原密钥文件复制到 ${path.join(dataDir, MASTER_KEY_FILE)}（权限 0600）` +
    ` (set LINLI_MASTER_KEY, or copy the key file into the data folder, mode 0600).`
  );
}

interface KeyCheckRow {
  id: number;
  check_value: string;
  fingerprint: string;
  created_at: string;
}
// biome-ignore lint/suspicious/noExplicitAny: works before and after migration 0013, on any schema
type AnyDb = Kysely<any>;

/** the recorded check, or null when there is none yet (or the table is not there: before migration 0013) */
async function recordedCheck(db: AnyDb): Promise<KeyCheckRow | null> {
  try {
    return ((await db.selectFrom('key_check').selectAll().where('id', '=', 1).executeTakeFirst()) as KeyCheckRow | undefined) ?? null;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '42P01' || /no such table/.test(e.message ?? '')) return null;
    throw err;
  }
}

function sameCheck(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

function mismatch(recorded: KeyCheckRow, key: MasterKey, dataDir: string): KeyMismatch {
  const where = key.source === 'env' ? 'LINLI_MASTER_KEY' : key.file;
  return new KeyMismatch(
    `主密钥与数据库不符，拒绝启动 (the master key does not match this database: refusing to start).\n` +
      `  数据库的主密钥指纹 (expected key fingerprint): ${recorded.fingerprint}\n` +
      `  本进程的主密钥指纹 (this process's key): ${keyFingerprint(key.master)}（来自 ${where}）\n` +
      `  用错的密钥会写下其它进程无法解密的数据，并使审计链校验失败 (a wrong key writes data nobody else can read and breaks the audit chain).\n  ` +
      howToProvide(dataDir),
  );
}

/**
 * The keys of this database, checked. The database records a check value of its master key the
 * first time a process opens it (after migration 0013); from then on a process with another key,
 * or with none (which would make a new one), refuses with the expected key's fingerprint.
 * Call before migrating (refuses early) and after (records the check on a fresh database).
 */
export async function checkedKeys(db: AnyDb, config: { dataDir: string; masterKeyHex?: string }): Promise<Keys>;
/** `create: false`: makes no key file; null when neither the process nor the database has a key */
export async function checkedKeys(
  db: AnyDb,
  config: { dataDir: string; masterKeyHex?: string },
  opts: { create: false },
): Promise<Keys | null>;
export async function checkedKeys(
  db: AnyDb,
  config: { dataDir: string; masterKeyHex?: string },
  opts: { create: boolean } = { create: true },
): Promise<Keys | null> {
  const recorded = await recordedCheck(db);
  let key = readMasterKey(config.dataDir, config.masterKeyHex);
  if (!key) {
    if (!recorded && !opts.create) return null;
    if (recorded) {
      throw new KeyMismatch(
        `数据库已有主密钥（指纹 ${recorded.fingerprint}），本进程却没有，拒绝生成新密钥 ` +
          `(this database already has a master key, fingerprint ${recorded.fingerprint}; refusing to generate a new one).\n  ` +
          howToProvide(config.dataDir),
      );
    }
    key = generateKeyFile(config.dataDir);
  }
  const check = keyCheckValue(key.master);
  if (recorded) {
    if (!sameCheck(recorded.check_value, check)) throw mismatch(recorded, key, config.dataDir);
    return deriveKeys(key.master);
  }
  // a database written before checks were recorded: the key about to be recorded must be the one
  // that wrote its audit log, or the wrong key would become the database's for good
  if (!(await wroteAuditLog(db, deriveKeys(key.master)))) {
    throw new KeyMismatch(
      `这个主密钥（指纹 ${keyFingerprint(key.master)}）不是写入本数据库审计日志的密钥，拒绝启动 ` +
        `(this master key did not write this database's audit log: refusing to start).\n  ` +
        howToProvide(config.dataDir),
    );
  }
  try {
    await db
      .insertInto('key_check')
      .values({ id: 1, check_value: check, fingerprint: keyFingerprint(key.master), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  } catch (err) {
    // before migration 0013 there is nowhere to record it yet: the call after migrating does
    if ((await recordedCheck(db)) === null && !(await hasCheckTable(db))) return deriveKeys(key.master);
    throw err;
  }
  // two fresh processes racing with different keys: the first one recorded wins, the other refuses
  const now = await recordedCheck(db);
  if (now && !sameCheck(now.check_value, check)) throw mismatch(now, key, config.dataDir);
  return deriveKeys(key.master);
}

/** whether the first audit entry (if any) was written with these keys */
async function wroteAuditLog(db: AnyDb, keys: Keys): Promise<boolean> {
  let first: { hash: string } | undefined;
  try {
    first = (await db.selectFrom('audit_log').selectAll().orderBy('seq').limit(1).executeTakeFirst()) as { hash: string } | undefined;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '42P01' || /no such table/.test(e.message ?? '')) return true;
    throw err;
  }
  if (!first) return true;
  const { hash, ...rest } = first;
  return entryHash(keys.audit, rest as Parameters<typeof entryHash>[1]) === hash;
}

async function hasCheckTable(db: AnyDb): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((t) => t.name === 'key_check');
}
