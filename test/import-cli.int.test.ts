import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildDb, childDatabase } from './child-db';
import { idNumber, manyPeople, personRow, writeXlsx } from './xlsx';

/**
 * The command line import, in a child process on a database it opens itself; under tsx, so
 * the parse worker is proven to start there too.
 */
let child: ChildDb;

beforeAll(async () => {
  child = await childDatabase();
});
afterAll(() => child.close());

const count = async (table: 'persons' | 'audit_log', action?: string) => {
  const database = child.open();
  try {
    let q = database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
    if (action) q = q.where('action' as never, '=', action as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  } finally {
    await database.close();
  }
};

function cli(args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/server/main.ts', ...args], { env: { ...process.env, ...child.env }, encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return { status: r.status, report: last.startsWith('{') ? JSON.parse(last) : null, stderr: r.stderr, stdout: r.stdout };
}

describe('npm run linli -- import', () => {
  it('prints the report as JSON; --dry-run writes nothing', { timeout: 60_000 }, async () => {
    const file = path.join(child.dir, 'people.xlsx');
    await writeXlsx(file, manyPeople(25));
    const dry = cli(['import', 'people', file, '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.report).toEqual({ ok: true, rows: 25, created: 25, updated: 0, unchanged: 0, errors: [] });
    expect(await count('persons')).toBe(0);

    const real = cli(['import', 'people', file]);
    expect(real.report).toMatchObject({ ok: true, created: 25 });
    expect(await count('persons')).toBe(25);
    expect(await count('audit_log', 'import.commit')).toBe(1);
    expect(cli(['import', 'people', file]).report).toMatchObject({ ok: true, created: 0, unchanged: 25 });
  });

  it('exits non-zero with the errors, and writes nothing', { timeout: 60_000 }, async () => {
    const file = path.join(child.dir, 'bad.xlsx');
    const id = idNumber('19700101', 3);
    await writeXlsx(file, [
      personRow({ id: idNumber('19700101', 5) }),
      personRow({ name: '李四', id: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') }),
    ]);
    const r = cli(['import', 'people', file]);
    expect(r.status).toBe(1);
    expect(r.report).toEqual({
      ok: false,
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [{ row: 3, column: '身份证号', message: '身份证号校验位不正确，请核对号码' }],
    });
    expect(await count('persons')).toBe(25);
    expect(cli(['import', 'nothing', file]).stderr).toContain('未知的导入类型「nothing」');
  });

  it('a server killed (SIGKILL) in the middle of a commit leaves no row of that import behind', { timeout: 180_000 }, async () => {
    const file = path.join(child.dir, 'big.xlsx');
    await writeXlsx(file, manyPeople(20_000, ['白渡', '中华', '金坛', '乔家路'], 100_000));
    const before = { persons: await count('persons'), audit: await count('audit_log') };
    // node --import tsx, not npx tsx: the kill must reach the process that holds the transaction
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'import', 'people', file, '--progress'], {
      env: { ...process.env, ...child.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    let killedAt = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: proc.stderr })) {
      const m = line.match(/^\{"progress":(.*)\}$/);
      if (!m) continue;
      const p = JSON.parse(m[1] as string) as { phase: string; rows: number };
      if (p.phase === 'commit' && p.rows >= 3000) {
        killedAt = p.rows;
        proc.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThanOrEqual(3000);
    // it never got to print a report: the kill came mid-commit
    expect(stdout).toBe('');
    expect(await count('persons')).toBe(before.persons);
    expect(await count('audit_log')).toBe(before.audit);
    // and the database is healthy: the same import now goes through
    const r = cli(['import', 'people', file]);
    expect(r.report).toMatchObject({ ok: true, created: 20_000 });
    expect(await count('persons')).toBe(before.persons + 20_000);
  });
});
