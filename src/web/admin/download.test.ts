import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name the server sends for Chinese file names', () => {
    const header = `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('居民名单-20261127.xlsx')}`;
    expect(fileNameOf(header, 'x.xlsx')).toBe('居民名单-20261127.xlsx');
  });
  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameOf('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });
});
