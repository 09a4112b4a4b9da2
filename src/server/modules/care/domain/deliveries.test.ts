import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignRuns,
  batchRuns,
  canMoveDelivery,
  compareAddress,
  groupHouseholds,
  type Household,
  type PlanNeed,
  parseAddress,
} from './deliveries';

const hh = (id: string, nb: string, road: string, lane: number | null, number: number | null = 1, urgency = 2): Household => ({
  beneficiaryId: id,
  neighborhoodId: nb,
  address: { road, lane, number, room: null },
  needIds: [`n-${id}`],
  items: [{ item: 'masks', quantity: 10 }],
  urgency,
});

describe('parseAddress', () => {
  it('takes structured parts from the registry', () => {
    expect(parseAddress({ road: '外马路', lane: '88', building: '3', room: '201' })).toEqual({
      road: '外马路',
      lane: 88,
      number: 3,
      room: '201',
    });
  });
  it('parses a free-text address into road, lane, number and room', () => {
    expect(parseAddress({ road: '中山南路505弄3号201室' })).toEqual({ road: '中山南路', lane: 505, number: 3, room: '201' });
    expect(parseAddress({ road: '外马路 88 号' })).toEqual({ road: '外马路', lane: null, number: 88, room: null });
    expect(parseAddress({ road: '董家渡路１２弄' })).toEqual({ road: '董家渡路', lane: 12, number: null, room: null });
    expect(parseAddress({ road: null })).toEqual({ road: '', lane: null, number: null, room: null });
  });
  it('orders a walk by road, lane, then number', () => {
    const a = parseAddress({ road: '外马路', lane: '9', building: '2' });
    const b = parseAddress({ road: '外马路', lane: '10', building: '1' });
    const c = parseAddress({ road: '外马路', lane: '10', building: '5' });
    expect([c, b, a].sort(compareAddress)).toEqual([a, b, c]);
  });
});

describe('groupHouseholds', () => {
  it('puts each beneficiary’s needs in one household, summing the same item and keeping the most urgent', () => {
    const needs: PlanNeed[] = [
      { id: 'a1', beneficiaryId: 'A', neighborhoodId: 'N', item: 'masks', quantity: 10, urgency: 'normal' },
      { id: 'a2', beneficiaryId: 'A', neighborhoodId: 'N', item: 'masks', quantity: 5, urgency: 'urgent' },
      { id: 'a3', beneficiaryId: 'A', neighborhoodId: 'N', item: 'vegetables', quantity: 1, urgency: 'normal' },
      { id: 'b1', beneficiaryId: 'B', neighborhoodId: 'N', item: 'masks', quantity: 2, urgency: 'normal' },
    ];
    const out = groupHouseholds(needs, () => ({ road: 'R', lane: 1, number: 1, room: null }));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      beneficiaryId: 'A',
      needIds: ['a1', 'a2', 'a3'],
      items: [
        { item: 'masks', quantity: 15 },
        { item: 'vegetables', quantity: 1 },
      ],
      urgency: 1,
    });
  });
});

describe('batchRuns', () => {
  it('keeps a run on one road of one neighborhood, in walking order, cut at the size limit', () => {
    const runs = batchRuns(
      [
        hh('1', 'N1', '外马路', 30),
        hh('2', 'N1', '外马路', 10),
        hh('3', 'N1', '中山南路', 5),
        hh('4', 'N2', '外马路', 12),
        hh('5', 'N1', '外马路', 20),
      ],
      2,
    );
    const ids = runs.map((r) => r.households.map((h) => h.beneficiaryId));
    expect(ids).toContainEqual(['2', '5']);
    expect(ids).toContainEqual(['1']);
    expect(ids).toContainEqual(['3']);
    expect(ids).toContainEqual(['4']);
    for (const r of runs) for (const h of r.households) expect([h.neighborhoodId, h.address.road]).toEqual([r.neighborhoodId, r.road]);
  });
  it('puts the run with the most urgent household first', () => {
    const runs = batchRuns([hh('1', 'N1', 'A路', 1), hh('2', 'N1', 'B路', 1, 1, 0)]);
    expect(runs[0]?.road).toBe('B路');
  });
  it('never loses or repeats a household, and never exceeds the size (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ nb: fc.constantFrom('N1', 'N2'), road: fc.constantFrom('甲路', '乙路', '丙街'), lane: fc.option(fc.nat(300)) }),
          {
            maxLength: 60,
          },
        ),
        fc.integer({ min: 1, max: 10 }),
        (rows, max) => {
          const households = rows.map((r, i) => hh(String(i), r.nb, r.road, r.lane));
          const runs = batchRuns(households, max);
          const seen = runs.flatMap((r) => r.households.map((h) => h.beneficiaryId)).sort();
          expect(seen).toEqual(households.map((h) => h.beneficiaryId).sort());
          for (const r of runs) {
            expect(r.households.length).toBeLessThanOrEqual(max);
            for (let i = 1; i < r.households.length; i++)
              expect(compareAddress(r.households[i - 1]!.address, r.households[i]!.address)).toBeLessThanOrEqual(0);
          }
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('assignRuns', () => {
  const run = (nb: string, n: number) => ({
    neighborhoodId: nb,
    road: 'R',
    households: Array.from({ length: n }, (_, i) => hh(`${nb}${i}`, nb, 'R', i)),
  });
  it('balances households between volunteers', () => {
    const out = assignRuns(
      [run('N', 5), run('N', 4), run('N', 3), run('N', 2)],
      [
        { accountId: 'v1', neighborhoodIds: [], capacity: null },
        { accountId: 'v2', neighborhoodIds: [], capacity: null },
      ],
    );
    const load = (v: string) => [5, 4, 3, 2].reduce((a, n, i) => a + (out[i] === v ? n : 0), 0);
    expect(load('v1')).toBe(7);
    expect(load('v2')).toBe(7);
  });
  it('prefers a volunteer of the run’s neighborhood and respects capacity', () => {
    const out = assignRuns(
      [run('N1', 3), run('N2', 3), run('N2', 4)],
      [
        { accountId: 'v1', neighborhoodIds: ['N1'], capacity: null },
        { accountId: 'v2', neighborhoodIds: ['N2'], capacity: 4 },
      ],
    );
    expect(out).toEqual(['v1', 'v1', 'v2']);
  });
  it('leaves a run unassigned when no one has room', () => {
    expect(assignRuns([run('N', 6)], [{ accountId: 'v', neighborhoodIds: [], capacity: 5 }])).toEqual([null]);
  });
});

describe('delivery status machine', () => {
  it('lets the volunteer take, set out and report, and staff confirm', () => {
    expect(canMoveDelivery('open', 'taken', 'volunteer')).toBe(true);
    expect(canMoveDelivery('taken', 'on_way', 'volunteer')).toBe(true);
    expect(canMoveDelivery('on_way', 'delivered', 'volunteer')).toBe(true);
    expect(canMoveDelivery('taken', 'failed', 'volunteer')).toBe(true);
    expect(canMoveDelivery('delivered', 'confirmed', 'staff')).toBe(true);
  });
  it('refuses skipping steps or the wrong party', () => {
    expect(canMoveDelivery('open', 'delivered', 'volunteer')).toBe(false);
    expect(canMoveDelivery('delivered', 'confirmed', 'volunteer')).toBe(false);
    expect(canMoveDelivery('failed', 'confirmed', 'staff')).toBe(false);
    expect(canMoveDelivery('confirmed', 'delivered', 'volunteer')).toBe(false);
  });
});
