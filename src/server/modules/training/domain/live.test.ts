import { describe, expect, it } from 'vitest';
import { acceptsAnswer, countChoices, liveStep, rank } from './live';

describe('live quiz steps', () => {
  it('walks waiting → open → closed → open → closed → finished', () => {
    let at = { state: 'waiting' as const, index: -1, version: 0 } as Parameters<typeof liveStep>[0];
    for (const [action, state, index] of [
      ['open', 'open', 0],
      ['close', 'closed', 0],
      ['open', 'open', 1],
      ['close', 'closed', 1],
      ['finish', 'finished', 1],
    ] as const) {
      const step = liveStep(at, action, 2, at.version);
      expect(step.ok).toBe(true);
      if (!step.ok) return;
      expect(step.next).toEqual({ state, index, version: at.version + 1 });
      at = step.next;
    }
  });

  it('refuses a stale version, a second open, an open past the last question', () => {
    expect(liveStep({ state: 'waiting', index: -1, version: 3 }, 'open', 2, 2)).toEqual({
      ok: false,
      message: '测验状态已变化（可能已在其他屏幕操作），请刷新后再试',
    });
    expect(liveStep({ state: 'open', index: 0, version: 1 }, 'open', 2, 1)).toMatchObject({
      ok: false,
      message: '第 1 题正在作答，请先结束本题',
    });
    expect(liveStep({ state: 'closed', index: 1, version: 4 }, 'open', 2, 4)).toMatchObject({
      ok: false,
      message: '已经是最后一题，请结束测验',
    });
    expect(liveStep({ state: 'closed', index: 1, version: 4 }, 'close', 2, 4)).toMatchObject({ ok: false });
    expect(liveStep({ state: 'finished', index: 1, version: 5 }, 'finish', 2, 5)).toMatchObject({ ok: false, message: '测验已结束' });
  });

  it('takes answers only to the open question', () => {
    expect(acceptsAnswer({ state: 'open', index: 2 }, 2)).toBeNull();
    expect(acceptsAnswer({ state: 'open', index: 2 }, 1)).toBe('这道题已经不是当前题目了');
    expect(acceptsAnswer({ state: 'closed', index: 2 }, 2)).toBe('本题已停止作答');
    expect(acceptsAnswer({ state: 'waiting', index: -1 }, 0)).toBe('讲师还没有开始出题，请稍候');
  });

  it('ranks by score with ties sharing a place', () => {
    expect(
      rank([
        { name: '乙', score: 5 },
        { name: '甲', score: 8 },
        { name: '丙', score: 5 },
        { name: '丁', score: 2 },
      ]).map((r) => [r.name, r.rank]),
    ).toEqual([
      ['甲', 1],
      ['丙', 2],
      ['乙', 2],
      ['丁', 4],
    ]);
  });

  it('counts single and multiple choices per option', () => {
    expect(
      countChoices(
        ['A', 'B', 'C'],
        [
          { choice: '["A"]', n: 3 },
          { choice: '["A","C"]', n: 2 },
          { choice: '["Z"]', n: 1 },
        ],
      ),
    ).toEqual({ A: 5, B: 0, C: 2 });
  });
});
