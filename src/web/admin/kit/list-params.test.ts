import { describe, expect, it } from 'vitest';
import { patchListParams, readListParams } from './list-params';

describe('list params in the address', () => {
  it('reads filters, page and size with safe defaults', () => {
    const s = readListParams(new URLSearchParams('q=张&neighborhoodId=nb1&page=3&pageSize=50&other=x'), ['q', 'neighborhoodId', 'flag']);
    expect(s).toEqual({ filters: { q: '张', neighborhoodId: 'nb1', flag: undefined }, page: 3, pageSize: 50 });
    expect(readListParams(new URLSearchParams('page=-2&pageSize=100000'), [])).toEqual({ filters: {}, page: 1, pageSize: 200 });
    expect(readListParams(new URLSearchParams('page=abc&pageSize=&q='), ['q'])).toEqual({
      filters: { q: undefined },
      page: 1,
      pageSize: 20,
    });
  });
  it('drops empty values and goes back to page 1 when a filter changes', () => {
    const before = new URLSearchParams('q=张&page=4&pageSize=50');
    expect(patchListParams(before, { q: '', flag: '独居' }).toString()).toBe(`pageSize=50&flag=${encodeURIComponent('独居')}`);
    expect(patchListParams(before, { page: 5 }).toString()).toBe(`q=${encodeURIComponent('张')}&page=5&pageSize=50`);
  });
});
