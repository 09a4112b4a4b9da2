/**
 * The live quiz (随堂测试) as a state machine, pure: the lecturer opens a question, closes it
 * (the right answer and explanation then show on every phone), opens the next, and finishes.
 *
 *   waiting ──open──▶ open(0) ──close──▶ closed(0) ──open──▶ open(1) … closed(last) ──finish──▶ finished
 *
 * `finish` is allowed from any state but `finished` (a lecturer may stop early); `open` after the
 * last question is refused. Each step bumps the version, and a step must name the version the
 * lecturer's screen showed, so a double click or a second screen pressing the same button counts once.
 */
import type { LiveState } from '../../../../contracts/training.vocab';

export type LiveAction = 'open' | 'close' | 'finish';

export interface LivePosition {
  state: LiveState;
  index: number;
  version: number;
}

export type LiveStep = { ok: true; next: LivePosition } | { ok: false; message: string };

export function liveStep(at: LivePosition, action: LiveAction, total: number, version: number): LiveStep {
  if (version !== at.version) return { ok: false, message: '测验状态已变化（可能已在其他屏幕操作），请刷新后再试' };
  const bump = (state: LiveState, index: number): LiveStep => ({ ok: true, next: { state, index, version: at.version + 1 } });
  switch (action) {
    case 'open':
      if (at.state === 'open') return { ok: false, message: `第 ${at.index + 1} 题正在作答，请先结束本题` };
      if (at.state === 'finished') return { ok: false, message: '测验已结束' };
      if (at.index + 1 >= total) return { ok: false, message: total === 0 ? '测验没有题目' : '已经是最后一题，请结束测验' };
      return bump('open', at.index + 1);
    case 'close':
      if (at.state !== 'open') return { ok: false, message: '当前没有正在作答的题目' };
      return bump('closed', at.index);
    case 'finish':
      if (at.state === 'finished') return { ok: false, message: '测验已结束' };
      return bump('finished', at.index);
  }
}

/** May an answer to question number `index` be taken now? */
export function acceptsAnswer(at: Pick<LivePosition, 'state' | 'index'>, index: number): string | null {
  if (at.state === 'waiting') return '讲师还没有开始出题，请稍候';
  if (at.state === 'finished') return '测验已结束';
  if (index !== at.index) return '这道题已经不是当前题目了';
  if (at.state !== 'open') return '本题已停止作答';
  return null;
}

/** Competition ranking (1, 2, 2, 4) by score, highest first; equal scores in name order. */
export function rank<T extends { score: number; name: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let last = Number.NaN;
  let lastRank = 0;
  return sorted.map((r, i) => {
    if (r.score !== last) {
      lastRank = i + 1;
      last = r.score;
    }
    return { ...r, rank: lastRank };
  });
}

/** How many chose each option, from stored choices (one JSON array per answer); every option listed. */
export function countChoices(options: readonly string[], choices: readonly { choice: string; n: number }[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  for (const c of choices) {
    let keys: unknown;
    try {
      keys = JSON.parse(c.choice);
    } catch {
      continue;
    }
    if (!Array.isArray(keys)) continue;
    for (const k of new Set(keys)) if (typeof k === 'string' && k in counts) counts[k] = (counts[k] ?? 0) + c.n;
  }
  return counts;
}
