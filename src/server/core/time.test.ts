import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayDate, displayTime, fileStamp, isoUtc } from './time';

describe('time: UTC in the API, Beijing time for people', () => {
  it('a record stored at 16:30 UTC is 00:30 of the next day in Beijing', () => {
    expect(displayTime('2026-03-01T16:30:00.000Z')).toBe('2026-03-02 00:30');
    expect(displayDate('2026-03-01T16:30:00.000Z')).toBe('2026-03-02');
    expect(displayTime('2026-03-01T15:59:59.000Z')).toBe('2026-03-01 23:59');
    expect(fileStamp(new Date('2026-12-31T16:05:00Z'))).toBe('202701010005');
  });

  it('gives the API ISO-8601 in UTC whatever the process time zone', () => {
    expect(isoUtc(new Date(Date.UTC(2026, 2, 1, 16, 30)))).toBe('2026-03-01T16:30:00.000Z');
  });

  it('is UTC + 8 since 1992 (China kept daylight saving from 1986 to 1991)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(displayTime(ms, 'YYYY-MM-DD HH:mm:ss')).toBe(new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
      }),
    );
  });
});

describe('retention cutoff', () => {
  it('counts calendar months in Beijing time', async () => {
    const { retentionCutoff } = await import('./time');
    // 2026-08-31 01:00 in Beijing is 2026-08-30 17:00 UTC; six months earlier is 2026-02-28 01:00 in Beijing
    expect(retentionCutoff(6, '2026-08-30T17:00:00.000Z').toISOString()).toBe('2026-02-27T17:00:00.000Z');
  });
});
