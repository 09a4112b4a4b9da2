import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scheduleCommand } from './schedule.cli';

const dir = mkdtempSync(path.join(tmpdir(), 'linli-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ISSUE_EXAMPLE = {
  date: '2020-04-16',
  start: '13:00',
  slotMinutes: 15,
  bufferMinutes: 5,
  rooms: [
    {
      id: 'R1',
      positions: ['P1'],
      slotMinutes: 20,
      available: [
        ['13:00', '15:00'],
        ['15:15', '17:30'],
      ],
    },
  ],
  candidates: [{ id: 'C1', available: [['13:00', '14:30']] }],
  applications: [{ candidate: 'C1', position: 'P1' }],
};

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await scheduleCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('jobs schedule', () => {
  it("prints the issue's example timetable", async () => {
    const r = await run([file('fair.json', ISSUE_EXAMPLE)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      interviews: [{ candidate: 'C1', position: 'P1', room: 'R1', start: '13:00', end: '13:20' }],
      candidates: [{ id: 'C1', entry: '12:55' }],
      unscheduled: [],
      makespanMinutes: 20,
      lowerBoundMinutes: 20,
    });
  });

  it('packs two rooms and a buffer, lists an unserved position, and names the reason', async () => {
    const fair = {
      date: '2020-04-16',
      start: '13:00',
      slotMinutes: 15,
      bufferMinutes: 5,
      rooms: [
        { id: 'R1', positions: ['P1'] },
        { id: 'R2', positions: ['P2'], slotMinutes: 10 },
      ],
      applications: [
        { candidate: 'C1', position: 'P1' },
        { candidate: 'C1', position: 'P2' },
        { candidate: 'C2', position: 'P1' },
        { candidate: 'C2', position: 'P3' },
      ],
    };
    const r = await run([file('two.json', fair)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.interviews).toHaveLength(3);
    expect(out.unscheduled).toEqual([{ candidate: 'C2', position: 'P3', reason: '没有面试间负责岗位「P3」' }]);
    expect(out.makespanMinutes).toBeGreaterThanOrEqual(out.lowerBoundMinutes);
    expect(out.lowerBoundMinutes).toBe(30);
  });

  it('refuses bad input with a Chinese message naming each field, exit code 1', async () => {
    const bad = {
      date: '2020-02-30',
      start: '25:00',
      slotMinutes: 0,
      rooms: [{ id: 'R1', positions: [] }],
      applications: [{ candidate: '' }],
    };
    const r = await run([file('bad.json', bad)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    for (const line of [
      'date：不是有效的日期',
      'start：须为时间 HH:mm',
      'slotMinutes：须大于 0',
      'rooms[0].positions：至少负责一个岗位',
      'applications[0].candidate：不能为空',
      'applications[0].position：须为文字',
    ])
      expect(r.err).toContain(line);
  });

  it('refuses windows that end before they start and repeated ids', async () => {
    const r = await run([
      file('windows.json', {
        ...ISSUE_EXAMPLE,
        rooms: [...ISSUE_EXAMPLE.rooms, { id: 'R1', positions: ['P2'], available: [['14:00', '13:30']] }],
      }),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('rooms[1].id：编号「R1」重复');
    expect(r.err).toContain('rooms[1].available[0]：结束时间 13:30 须晚于开始时间 14:00');
  });

  it('says what is wrong with the file itself', async () => {
    expect((await run([path.join(dir, 'missing.json')])).err).toContain('文件不存在');
    const notJson = await run([file('broken.json', '{"date":')]);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('不是有效的 JSON');
    const usage = await run([]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('用法');
  });

  it('runs as `npm run linli -- jobs schedule`, exit code and output', { timeout: 30_000 }, () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const root = path.resolve(here, '../../../..');
    const script = path.join(root, 'src/server/main.ts');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', script, 'jobs', 'schedule', file('cli.json', ISSUE_EXAMPLE)], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).candidates).toEqual([{ id: 'C1', entry: '12:55' }]);
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, 'jobs', 'schedule', file('cli-bad.json', { ...ISSUE_EXAMPLE, bufferMinutes: -5 })],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('bufferMinutes：不能为负数');
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
