import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LINLI_API_DOCS: z.enum(['true', 'false']).optional(),
  LINLI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  LINLI_TRUST_PROXY: bool.default(false),
  LINLI_PUBLIC_URL: z.string().url().optional(),
  LINLI_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'LINLI_MASTER_KEY 须为 64 位十六进制（32 字节）')
    .optional(),
  LINLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINLI_SMS_PROVIDER: z.enum(['console']).default('console'),
  LINLI_SMS_DAILY_CAP: z.coerce.number().int().min(1).default(10),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('linli <noreply@linli.local>'),
  LINLI_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  LINLI_NOTIFY_BACKOFF_SECONDS: z.coerce.number().min(1).default(30),
  LINLI_NOTIFY_POLL_SECONDS: z.coerce.number().min(1).default(5),
  LINLI_UPLOAD_MAX_MB: z.coerce.number().min(1).max(50).default(20),
  LINLI_PG_BIN: z.string().optional(),
  LINLI_AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(6).default(6),
  LINLI_IMPORT_MAX_EXPANDED_MB: z.coerce.number().min(1).max(4096).default(200),
  LINLI_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  LINLI_IMPORT_MAX_SECONDS: z.coerce.number().min(1).default(120),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** serve the OpenAPI page at /api/docs (default: not in production) */
  apiDocs: boolean;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  trustProxy: boolean;
  publicUrl?: string;
  masterKeyHex?: string;
  logLevel: string;
  sms: { provider: 'console'; dailyCap: number };
  smtp: { url?: string; from: string };
  /** outbox delivery: attempts before a message is failed, first retry delay (doubling), idle poll */
  notify: { maxAttempts: number; backoffMs: number; pollMs: number };
  /** largest upload a module accepts unless it asks for less */
  uploadMaxBytes: number;
  /** folder holding pg_dump / pg_restore; found under /usr/lib/postgresql or on PATH when unset */
  pgBinDir?: string;
  auditRetentionMonths: number;
  /** what one import may cost: uncompressed size of the workbook, rows with content, parse time */
  imports: { maxExpandedBytes: number; maxRows: number; maxParseMs: number };
}

/** Reads and validates settings once; a bad value stops the boot with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LINLI_DATA_DIR);
  const url = e.DATABASE_URL;
  let database: Config['database'];
  if (!url || url.startsWith('sqlite:') || url.startsWith('file:')) {
    const file = url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : path.join(dataDir, 'linli.db');
    database = { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    database = { kind: 'postgres', url };
  } else {
    throw new Error('配置有误 (invalid configuration):\n  DATABASE_URL: 须为 postgres://… 或 sqlite:文件路径');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    apiDocs: e.LINLI_API_DOCS ? e.LINLI_API_DOCS === 'true' : e.NODE_ENV !== 'production',
    dataDir,
    database,
    trustProxy: e.LINLI_TRUST_PROXY,
    publicUrl: e.LINLI_PUBLIC_URL,
    masterKeyHex: e.LINLI_MASTER_KEY,
    logLevel: e.LINLI_LOG_LEVEL,
    sms: { provider: e.LINLI_SMS_PROVIDER, dailyCap: e.LINLI_SMS_DAILY_CAP },
    smtp: { url: e.SMTP_URL, from: e.SMTP_FROM },
    notify: {
      maxAttempts: e.LINLI_NOTIFY_MAX_ATTEMPTS,
      backoffMs: e.LINLI_NOTIFY_BACKOFF_SECONDS * 1000,
      pollMs: e.LINLI_NOTIFY_POLL_SECONDS * 1000,
    },
    uploadMaxBytes: Math.round(e.LINLI_UPLOAD_MAX_MB * 1024 * 1024),
    pgBinDir: e.LINLI_PG_BIN,
    auditRetentionMonths: e.LINLI_AUDIT_RETENTION_MONTHS,
    imports: {
      maxExpandedBytes: Math.round(e.LINLI_IMPORT_MAX_EXPANDED_MB * 1024 * 1024),
      maxRows: e.LINLI_IMPORT_MAX_ROWS,
      maxParseMs: Math.round(e.LINLI_IMPORT_MAX_SECONDS * 1000),
    },
  };
}
