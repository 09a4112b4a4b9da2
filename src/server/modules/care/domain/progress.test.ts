import { describe, expect, it } from 'vitest';
import { type ProgressCount, progressOf, viewerKey } from './progress';

const c = (neighborhood: '白渡' | '中华', caller: string | null, status: string, n: number): ProgressCount => ({
  neighborhoodId: neighborhood === '白渡' ? 'nb-b' : 'nb-z',
  neighborhoodName: neighborhood,
  callerId: caller,
  callerName: caller ? `话务员${caller}` : null,
  status,
  n,
  attempts: status === 'pending' ? 0 : n,
});

const counts = [
  c('白渡', 'a', 'reached', 3),
  c('白渡', 'a', 'pending', 2),
  c('白渡', 'z', 'pending', 1),
  c('中华', 'z', 'reached', 4),
  c('中华', 'a', 'unreached', 1),
  c('中华', null, 'pending', 2),
];

describe('a campaign’s progress as one viewer may see it', () => {
  it('shows subdistrict staff everything', () => {
    const p = progressOf(counts, { all: true, neighborhoodIds: [], callerId: 'x' });
    expect(p.byNeighborhood.map((r) => [r.label, r.total])).toEqual([
      ['白渡', 6],
      ['中华', 7],
    ]);
    expect(p.byCaller.map((r) => [r.label, r.total]).sort()).toEqual([
      ['未分配', 2],
      ['话务员a', 6],
      ['话务员z', 5],
    ]);
  });

  it('shows neighborhood staff their neighborhood and their own calls elsewhere, nothing more', () => {
    const p = progressOf(counts, { all: false, neighborhoodIds: ['nb-b'], callerId: 'a' });
    expect(p.byNeighborhood.map((r) => [r.label, r.reached, r.unreached, r.pending])).toEqual([
      ['白渡', 3, 0, 3],
      ['中华', 0, 1, 0],
    ]);
    // z's 中华 calls and the unassigned 中华 tasks stay out
    expect(p.byCaller.map((r) => [r.label, r.total]).sort()).toEqual([
      ['话务员a', 6],
      ['话务员z', 1],
    ]);
  });

  it('shows a caller without read access its own calls only', () => {
    const p = progressOf(counts, { all: false, neighborhoodIds: [], callerId: 'z' });
    expect(p.byCaller.map((r) => r.label)).toEqual(['话务员z']);
    expect(p.byNeighborhood.reduce((s, r) => s + r.total, 0)).toBe(5);
  });

  it('keys viewers by what they see, whatever the order of their neighborhoods', () => {
    expect(viewerKey({ all: true, neighborhoodIds: ['x'], callerId: 'a' })).toBe(
      viewerKey({ all: true, neighborhoodIds: [], callerId: 'b' }),
    );
    expect(viewerKey({ all: false, neighborhoodIds: ['p', 'q'], callerId: 'a' })).toBe(
      viewerKey({ all: false, neighborhoodIds: ['q', 'p'], callerId: 'a' }),
    );
    expect(viewerKey({ all: false, neighborhoodIds: ['p'], callerId: 'a' })).not.toBe(
      viewerKey({ all: false, neighborhoodIds: ['p'], callerId: 'b' }),
    );
  });
});
