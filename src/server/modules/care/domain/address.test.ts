import { describe, expect, it } from 'vitest';
import { streetAddress } from './address';

describe('a care address', () => {
  const parts = { lane: '12', building: '3', room: '101' };
  it('does not say the neighborhood twice when the road carries its name', () => {
    expect(streetAddress({ road: '乔家路', ...parts }, '乔家路')).toBe('乔家路12弄3号101室');
    expect(streetAddress({ road: '白渡路', ...parts }, '白渡')).toBe('白渡路12弄3号101室');
  });
  it('keeps the neighborhood before another road', () => {
    expect(streetAddress({ road: '中山南路', ...parts }, '白渡')).toBe('白渡 中山南路12弄3号101室');
    expect(streetAddress({ road: null, lane: null, building: null, room: null }, '白渡')).toBe('白渡');
  });
});
