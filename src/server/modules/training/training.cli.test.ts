import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainingCommand } from './training.cli';

const dir = mkdtempSync(path.join(tmpdir(), 'linli-training-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await trainingCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// the hand-worked set of domain/item-analysis.test.ts (arithmetic there), first attempts only
const rows: [string, number, number, number | null, string][] = [
  ['p1', 1, 1, 2, 'A'],
  ['p2', 1, 0, 2, 'A'],
  ['p3', 0, 1, 1, 'B'],
  ['p4', 1, 0, null, 'A'],
];
const handSet = {
  questions: [
    { id: 'q1', max: 1 },
    { id: 'q2', max: 1 },
    { id: 'q3', max: 2 },
  ],
  responses: rows.flatMap(([participant, a, b, c, choice]) => [
    { participant, question: 'q1', score: a, choice },
    { participant, question: 'q2', score: b },
    ...(c === null ? [] : [{ participant, question: 'q3', score: c }]),
  ]),
};

describe('linli training item-analysis', () => {
  it('prints the statistics as JSON, rounded to four decimals', async () => {
    const r = await run(['item-analysis', file('hand.json', handSet)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      test: { n: 4, mean: 2.5, median: 2.5, sd: 1.291, alpha: 0.15, errorRatio: 92.1954, standardError: 1.1902 },
      questions: [
        {
          id: 'q1',
          facility: 75,
          sd: 50,
          discrimination: -13.2453,
          options: { A: { all: 75, top: 100, bottom: 50 }, B: { all: 25, top: 0, bottom: 50 } },
          flags: ['poor_discrimination'],
        },
        { id: 'q2', facility: 50, sd: 57.735, discrimination: 0, flags: ['poor_discrimination'] },
        { id: 'q3', facility: 62.5, sd: 47.8714, discrimination: 52.2233, flags: [] },
      ],
    });
  });

  it('prints null for what is undefined', async () => {
    const r = await run([
      'item-analysis',
      file('one.json', { questions: [{ id: 1, max: 1 }], responses: [{ participant: 7, question: 1, score: 1 }] }),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      test: { n: 1, mean: 1, median: 1, sd: null, alpha: null, errorRatio: null, standardError: null },
      questions: [{ id: '1', facility: 100, sd: null, discrimination: null, flags: ['too_easy'] }],
    });
  });

  it('refuses bad input in Chinese, naming the row, and prints nothing on stdout', async () => {
    const missing = await run(['item-analysis', path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('文件不存在');

    const notJson = await run(['item-analysis', file('bad.json', '{"questions": [')]);
    expect(notJson).toMatchObject({ code: 1, out: '' });
    expect(notJson.err).toContain('不是有效的 JSON');

    const wrongShape = await run(['item-analysis', file('shape.json', { questions: [{ id: 'q1', max: '一' }], responses: 'x' })]);
    expect(wrongShape.code).toBe(1);
    expect(wrongShape.err).toContain('第 1 条题目的 max：满分（max）必须是数字');
    expect(wrongShape.err).toContain('缺少作答列表 responses');

    const outOfRange = await run([
      'item-analysis',
      file('range.json', { questions: [{ id: 'q1', max: 1 }], responses: [{ participant: '张三', question: 'q1', score: 3 }] }),
    ]);
    expect(outOfRange).toMatchObject({ code: 1, out: '' });
    expect(outOfRange.err).toBe('第 1 条作答（参与者「张三」）：题目「q1」的得分 3 不在 0 到满分 1 之间');
  });

  it('answers a wrong command with the usage and exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['item-analysis'])).code).toBe(2);
    const r = await run(['grade', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法');
  });
});
