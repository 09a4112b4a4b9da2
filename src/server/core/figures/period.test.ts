import { describe, expect, it } from 'vitest';
import { monthRange, monthsBack } from './period';

describe('figure periods', () => {
  it('bounds a month at Beijing-time midnights', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });
  it('lists the months of a trend, oldest first, across a year end', () => {
    expect(monthsBack('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
