import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove, NEED_STATUSES } from './needs';
import { ageOn, bornOnOrBefore, priorityFlags, splitReasons } from './priority';
import { afterCall, rollUp, splitCalls, totals } from './queue';

describe('priority flags', () => {
  it('adds what follows from living situation and age to what staff recorded', () => {
    expect(priorityFlags({ manual: ['慢性病'], livingSituation: '独居', birthDate: '1940-05-01', today: '2026-11-26' }).sort()).toEqual(
      ['80岁以上', '慢性病', '独居'].sort(),
    );
    expect(priorityFlags({ manual: [], livingSituation: '与子女同住', birthDate: '1946-11-27', today: '2026-11-26' })).toEqual([]);
    expect(priorityFlags({ manual: [], livingSituation: null, birthDate: '1946-11-26', today: '2026-11-26' })).toEqual(['80岁以上']);
  });

  it('splits reasons on 、 and ，', () => {
    expect(splitReasons('独居、慢性病，行动不便')).toEqual(['独居', '慢性病', '行动不便']);
    expect(splitReasons(' 独居 、独居 ')).toEqual(['独居']);
    expect(splitReasons('')).toEqual([]);
  });

  it('ages agree with the boundary birth date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 110 }),
        (d, years) => {
          const today = d.toISOString().slice(0, 10);
          const boundary = bornOnOrBefore(years, today);
          expect(ageOn(boundary, today)).toBeGreaterThanOrEqual(years);
        },
      ),
    );
  });
});

describe('call queue', () => {
  it('requeues an unanswered call until the limit, then gives up', () => {
    let task = { status: 'pending' as const, attempts: 0 } as { status: 'pending' | 'reached' | 'unreached'; attempts: number };
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = afterCall(task, 'no_answer', 3);
      seen.push(`${r.status}/${r.requeue}`);
      task = r;
    }
    expect(seen).toEqual(['pending/true', 'pending/true', 'unreached/false']);
  });

  it('ends on reached, refused and wrong number; a wrong number asks for the phone to be corrected', () => {
    expect(afterCall({ status: 'pending', attempts: 0 }, 'reached', 3)).toMatchObject({ status: 'reached', requeue: false });
    expect(afterCall({ status: 'pending', attempts: 0 }, 'refused', 3)).toMatchObject({ status: 'unreached', fixPhone: false });
    expect(afterCall({ status: 'pending', attempts: 1 }, 'wrong_number', 3)).toMatchObject({
      status: 'unreached',
      fixPhone: true,
      attempts: 2,
    });
  });

  it('splits evenly, and by neighborhood to local callers', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, neighborhoodId: i < 3 ? 'N1' : 'N2' }));
    const even = splitCalls(
      items,
      [
        { accountId: 'x', neighborhoodIds: [] },
        { accountId: 'y', neighborhoodIds: [] },
      ],
      'evenly',
    );
    expect([...even.values()]).toEqual(['x', 'y', 'x', 'y', 'x']);
    const local = splitCalls(
      items,
      [
        { accountId: 'n1a', neighborhoodIds: ['N1'] },
        { accountId: 'n1b', neighborhoodIds: ['N1'] },
        { accountId: 'hq', neighborhoodIds: [] },
      ],
      'neighborhood',
    );
    expect([...local.values()]).toEqual(['n1a', 'n1b', 'n1a', 'hq', 'hq']);
  });

  it('gives every item exactly one caller whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.uuid(), neighborhoodId: fc.constantFrom('N1', 'N2', 'N3') }), { maxLength: 60 }),
        fc.array(fc.record({ accountId: fc.uuid(), neighborhoodIds: fc.subarray(['N1', 'N2', 'N3']) }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('evenly' as const, 'neighborhood' as const),
        (items, callers, mode) => {
          const unique = [...new Map(items.map((i) => [i.id, i])).values()];
          const out = splitCalls(unique, callers, mode);
          expect(out.size).toBe(unique.length);
          for (const v of out.values()) expect(callers.map((c) => c.accountId)).toContain(v);
        },
      ),
    );
  });

  it('rolls task counts up by key, with totals', () => {
    const rows = rollUp(
      [
        { key: 'A', status: 'reached', n: 2 },
        { key: 'A', status: 'pending', n: 1 },
        { key: 'B', status: 'unreached', n: 4 },
      ],
      (k) => `居民区${k}`,
    );
    expect(rows).toEqual([
      { key: 'A', label: '居民区A', reached: 2, unreached: 0, retry: 0, pending: 1, attempts: 0, total: 3 },
      { key: 'B', label: '居民区B', reached: 0, unreached: 4, retry: 0, pending: 0, attempts: 0, total: 4 },
    ]);
    expect(totals(rows)).toEqual({ total: 7, reached: 2, unreached: 4, pending: 1, retry: 0, attempts: 0 });
  });
});

describe('needs statuses', () => {
  it('move forward only, and end at delivered or cancelled', () => {
    expect(canMove('registered', 'verified')).toBe(true);
    expect(canMove('verified', 'arranged')).toBe(true);
    expect(canMove('arranged', 'delivered')).toBe(true);
    expect(canMove('registered', 'delivered')).toBe(false);
    for (const s of NEED_STATUSES) {
      expect(canMove('delivered', s)).toBe(false);
      expect(canMove('cancelled', s)).toBe(false);
    }
  });
});
