import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runJobs } from './jobs.cli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const testdata = path.join(root, 'src/server/modules/jobs/domain/testdata');
const dir = mkdtempSync(path.join(tmpdir(), 'linli-jobs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, data: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
  return f;
};

const S = path.join(testdata, 'seekers.json');
const P = path.join(testdata, 'positions.json');

type Out = { results: { seeker: string; matches: { position: string; score: number; reasons: string[] }[] }[] };

describe('jobs match', () => {
  it('prints every seeker with at most K matches, best first, scores in [0,1], reasons in Chinese', () => {
    const out = runJobs(['match', '--seekers', S, '--positions', P, '--top', '3']) as Out;
    expect(Object.keys(out)).toEqual(['results']);
    expect(out.results).toHaveLength(55);
    expect(out.results[0]?.seeker).toBe('S01');
    for (const r of out.results) {
      expect(Object.keys(r)).toEqual(['seeker', 'matches']);
      expect(r.matches.length).toBeLessThanOrEqual(3);
      for (const m of r.matches) {
        expect(Object.keys(m)).toEqual(['position', 'score', 'reasons']);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
        expect(Math.round(m.score * 100) / 100).toBe(m.score);
        expect(m.reasons.length).toBeGreaterThan(0);
        for (const reason of m.reasons) expect(reason).toMatch(/\p{Script=Han}/u);
      }
      const scores = r.matches.map((m) => m.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(out.results[0]?.matches[0]?.position).toBe('P01');
  });

  it('takes minimal entries, free-text names, numbers as text and lists as text', () => {
    const s = file('s.json', [{ id: 1, categories: '写代码、测试', salaryMin: '6000', salaryMax: 9000 }, { id: 'S2' }]);
    const p = file('p.json', {
      positions: [
        { id: 'P1', title: '写代码的' },
        { id: 'P2', category: '厨师', skills: ['烹饪', '健康证'] },
      ],
    });
    const out = runJobs(['match', '--seekers', s, '--positions', p]) as Out;
    expect(out.results.map((r) => r.seeker)).toEqual(['1', 'S2']);
    expect(out.results[0]?.matches.map((m) => m.position)).toEqual(['P1', 'P2']);
  });

  it('ranks seekers for each position with --by position and switches hard rules', () => {
    const s = file('s2.json', [
      { id: 'A', education: '大专', categories: ['会计'] },
      { id: 'B', education: '本科', categories: ['会计'] },
    ]);
    const p = file('p2.json', [{ id: 'P1', title: '会计', category: '会计', education: '本科' }]);
    const by = runJobs(['match', '--seekers', s, '--positions', p, '--by', 'position']) as {
      results: { position: string; matches: { seeker: string }[] }[];
    };
    expect(by.results).toEqual([{ position: 'P1', matches: [expect.objectContaining({ seeker: 'B' })] }]);
    const none = runJobs(['match', '--seekers', s, '--positions', p, '--by', 'position', '--hard-rules', 'none']) as typeof by;
    expect(none.results[0]?.matches.map((m) => m.seeker)).toEqual(['B', 'A']);
  });

  it('refuses bad input in Chinese, naming the file, the entry and the field', () => {
    const bad = file('bad.json', [
      { id: 'S1', salaryMin: 'abc' },
      { education: '本科' },
      { id: 'S3', salaryMin: 9000, salaryMax: 5000 },
      { id: 'S4', categories: 5 },
    ]);
    const err = (() => {
      try {
        runJobs(['match', '--seekers', bad, '--positions', P]);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toContain(`求职者文件 ${bad} 第 1 条（编号 S1） 期望薪资下限（salaryMin）：应为数字`);
    expect(err).toContain('第 2 条 编号（id）：缺少此项');
    expect(err).toContain('第 3 条（编号 S3） 期望薪资下限（salaryMin）：期望薪资下限大于上限');
    expect(err).toContain('第 4 条（编号 S4） 意向类别（categories）：应为列表');
    const dup = file('dup.json', [{ id: 'P1' }, { id: 'P1' }]);
    expect(() => runJobs(['match', '--seekers', S, '--positions', dup])).toThrow(
      `岗位文件 ${dup} 第 2 条（编号 P1）：编号 P1 与第 1 条重复`,
    );
    expect(() => runJobs(['match', '--seekers', path.join(dir, 'nope.json'), '--positions', P])).toThrow('读不到求职者文件');
    expect(() => runJobs(['match', '--seekers', file('x.json', '{oops'), '--positions', P])).toThrow('不是有效的 JSON');
    expect(() => runJobs(['match', '--seekers', file('y.json', { a: 1 }), '--positions', P])).toThrow('应为数组');
    expect(() => runJobs(['match', '--seekers', S, '--positions', P, '--top', '0'])).toThrow('--top 应为 1 到 1000 之间的整数');
    expect(() => runJobs(['match', '--seekers', S, '--positions', P, '--hard-rules', 'age'])).toThrow('--hard-rules 不认识「age」');
    expect(() => runJobs(['match', '--positions', P])).toThrow('缺少求职者文件');
    expect(() => runJobs(['nothing'])).toThrow('用法');
  });
});

describe('jobs fair', () => {
  it('recommends within capacity and reports coverage', () => {
    const out = runJobs(['fair', '--seekers', S, '--positions', P, '--per-seeker', '4', '--factor', '2']) as {
      coverage: number;
      maxLoadRatio: number;
      positions: { position: string; capacity: number; recommended: number }[];
      results: { seeker: string; matches: unknown[] }[];
    };
    expect(out.coverage).toBeGreaterThanOrEqual(0);
    expect(out.coverage).toBeLessThanOrEqual(1);
    expect(out.maxLoadRatio).toBeLessThanOrEqual(1);
    for (const p of out.positions) expect(p.recommended).toBeLessThanOrEqual(p.capacity);
    for (const r of out.results) expect(r.matches.length).toBeLessThanOrEqual(4);
  });
});

// each case starts the whole program in a child process (every module loaded): slow on a busy machine
describe('npm run linli -- jobs match (the real command)', { timeout: 30_000 }, () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts'), 'jobs', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LINLI_DATA_DIR: dir },
    });

  it('prints exactly the results JSON on stdout and exits 0', () => {
    const r = run(['match', '--seekers', S, '--positions', P, '--top', '2']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.results).toHaveLength(55);
    expect(out.results[0]?.matches).toHaveLength(2);
  });

  it('says what is wrong in Chinese on stderr, without a stack trace, and exits non-zero', () => {
    const r = run(['match', '--seekers', file('bad2.json', [{ id: 'S1', salaryMax: -1 }]), '--positions', P]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('期望薪资上限（salaryMax）：不能为负数');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
