import { describe, expect, it } from 'vitest';
import { escapeLike, personSearch } from './person-search';

const hash = (v: string) => `h(${v})`;

describe('person search terms', () => {
  it('hashes a 15-digit ID number as its 18-digit form, like the stored one', () => {
    const old = personSearch('310101560314123', hash);
    expect(old.idHash).toMatch(/^h\(310101195603141\d{2}[\dX]\)$/);
    expect(personSearch(old.idHash?.slice(2, -1), hash)).toEqual(old);
  });

  it('an ID number with a bad check digit matches nobody', () => {
    const good = personSearch('310101560314123', hash).idHash?.slice(2, -1) as string;
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    expect(personSearch(bad, hash)).toEqual({ none: true });
  });

  it('phones, tails, pinyin and names', () => {
    expect(personSearch('+8613812345678', hash)).toEqual({ phoneHash: 'h(13812345678)' });
    expect(personSearch('****1234', hash)).toEqual({ tail: '1234' });
    expect(personSearch('JP', hash)).toEqual({ pinyin: 'jp' });
    expect(personSearch(' 王_明 ', hash)).toEqual({ name: '王_明' });
    expect(personSearch('', hash)).toEqual({});
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
