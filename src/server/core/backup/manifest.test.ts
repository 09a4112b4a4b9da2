import { describe, expect, it } from 'vitest';
import { type Manifest, manifestProblem, parseManifest } from './manifest';

const base: Manifest = {
  format: 'linli-backup',
  version: 1,
  dialect: 'sqlite',
  migrations: ['0001_foundation', '0004_notify_files'],
  createdAt: '2026-03-01T00:00:00.000Z',
  files: 2,
  key: 'file',
  keyFingerprint: 'abc',
};
const here = { dialect: 'sqlite' as const, knownMigrations: ['0001_foundation', '0002_people', '0004_notify_files'] };

describe('manifestProblem', () => {
  it('accepts a backup of the same database at an older or equal level', () => {
    expect(manifestProblem(base, here)).toBeNull();
    expect(manifestProblem({ ...base, migrations: ['0001_foundation'] }, here)).toBeNull();
  });

  it('refuses another database kind, naming both', () => {
    expect(manifestProblem({ ...base, dialect: 'postgres' }, here)).toBe(
      '这是 PostgreSQL 数据库的备份，当前配置的是 SQLite（DATABASE_URL）：不能跨数据库恢复',
    );
  });

  it('refuses a newer migration level, naming the migration', () => {
    expect(manifestProblem({ ...base, migrations: [...base.migrations, '0009_future'] }, here)).toContain('0009_future');
  });

  it('refuses a newer backup format', () => {
    expect(manifestProblem({ ...base, version: 2 }, here)).toContain('第 2 版');
  });
});

describe('parseManifest', () => {
  it('says clearly when a file is not a linli backup', () => {
    expect(() => parseManifest('{"hello":1}')).toThrow('不是 linli 备份文件');
    expect(() => parseManifest('nope')).toThrow('不是有效的 JSON');
  });
});
