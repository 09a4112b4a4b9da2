import { z } from 'zod';

export const BACKUP_FORMAT = 'linli-backup';
export const BACKUP_VERSION = 1;

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** migrations applied to the database when it was backed up, in order */
  migrations: z.array(z.string()),
  createdAt: z.string(),
  files: z.number().int(),
  /** where the master key came from: the data folder (then it is in the backup), LINLI_MASTER_KEY, or nowhere yet */
  key: z.enum(['file', 'env', 'none']),
  /** a fingerprint of the master key, never the key: tells whether a restored database can be read */
  keyFingerprint: z.string().nullable(),
});
export type Manifest = z.infer<typeof Manifest>;

const DIALECT_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** Why this backup cannot be restored here, or null. Checked before anything is changed. */
export function manifestProblem(m: Manifest, here: { dialect: 'sqlite' | 'postgres'; knownMigrations: string[] }): string | null {
  if (m.version > BACKUP_VERSION) return `备份文件格式（第 ${m.version} 版）比本程序新，请先升级 linli 再恢复`;
  if (m.dialect !== here.dialect) {
    return `这是 ${DIALECT_NAMES[m.dialect]} 数据库的备份，当前配置的是 ${DIALECT_NAMES[here.dialect]}（DATABASE_URL）：不能跨数据库恢复`;
  }
  const unknown = m.migrations.filter((name) => !here.knownMigrations.includes(name));
  if (unknown.length > 0) {
    return `备份的数据库版本比本程序新（含本程序没有的迁移 ${unknown.join('、')}）：请先升级 linli 再恢复`;
  }
  return null;
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('备份文件损坏：manifest.json 不是有效的 JSON');
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new Error('不是 linli 备份文件（manifest.json 内容不符）');
  return parsed.data;
}
