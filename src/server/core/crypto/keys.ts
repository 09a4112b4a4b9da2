import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Keys {
  /** AES-256-GCM key for sensitive fields at rest */
  field: Buffer;
  /** HMAC key for lookups of sensitive values (ID numbers, phones) without storing them in clear */
  lookup: Buffer;
  /** HMAC key of the audit hash chain */
  audit: Buffer;
}

export const MASTER_KEY_FILE = 'master.key';

export function deriveKeys(master: Buffer): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, 'linli', info, 32));
  return { field: derive('field-encryption'), lookup: derive('lookup-hash'), audit: derive('audit-chain') };
}

/** The master key comes from config or from the data folder, made there (mode 0600) on first start. */
export function loadKeys(dataDir: string, masterKeyHex?: string): Keys {
  if (masterKeyHex) return deriveKeys(Buffer.from(masterKeyHex, 'hex'));
  const file = path.join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`密钥文件损坏 (bad key file): ${file}`);
  return deriveKeys(Buffer.from(hex, 'hex'));
}
