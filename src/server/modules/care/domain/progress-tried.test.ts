import { describe, expect, it } from 'vitest';
import { type ProgressCount, progressOf } from './progress';
import { rollUp, totals } from './queue';

const c = (status: string, n: number, attempts: number): ProgressCount => ({
  neighborhoodId: 'nb-b',
  neighborhoodName: '白渡',
  callerId: 'a',
  callerName: '话务员a',
  status,
  n,
  attempts,
});

describe('a campaign’s progress counts who was tried', () => {
  it('counts a person back in the queue after no answer as not reached (待重拨), not as still to call', () => {
    // 15 people: one no-answer back in the queue (status retry), 14 never tried
    const p = progressOf([c('pending', 14, 0), c('retry', 1, 1)], { all: true, neighborhoodIds: [], callerId: 'x' });
    expect(totals(p.byNeighborhood)).toEqual({ total: 15, reached: 0, unreached: 1, pending: 14, retry: 1, attempts: 1 });
  });

  it('adds attempts over statuses and keeps unreached = finished unreached + waiting for another try', () => {
    const rows = rollUp(
      [
        { key: 'k', status: 'reached', n: 3, attempts: 5 },
        { key: 'k', status: 'unreached', n: 2, attempts: 4 },
        { key: 'k', status: 'retry', n: 2, attempts: 3 },
        { key: 'k', status: 'pending', n: 1, attempts: 0 },
      ],
      () => '白渡',
    );
    expect(rows).toEqual([{ key: 'k', label: '白渡', reached: 3, unreached: 4, retry: 2, pending: 1, attempts: 12, total: 8 }]);
  });
});
