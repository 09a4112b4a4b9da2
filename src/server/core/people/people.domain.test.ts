import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressPart, classifySearch, namePinyin, parseMobile, parsePhone, toNfkc } from './people.domain';

describe('phones', () => {
  it('accepts mainland mobiles, with +86 and spaces', () => {
    expect(parseMobile('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(parseMobile('+86 13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(parseMobile('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' });
  });

  it('rejects a mobile of 10 digits, naming the count', () => {
    expect(parseMobile('1381234567')).toEqual({ ok: false, message: '手机号码应为 11 位数字，当前为 10 位' });
    expect(parseMobile('12812345678').ok).toBe(false);
    expect(parseMobile('1381234567a').ok).toBe(false);
  });

  it('accepts landlines as alternate phones', () => {
    expect(parsePhone('021-63281234')).toEqual({ ok: true, value: '021-63281234' });
    expect(parsePhone('63281234')).toEqual({ ok: true, value: '63281234' });
    expect(parsePhone('021 6328 1234转801')).toEqual({ ok: true, value: '021-63281234-801' });
    expect(parsePhone('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone('12345').ok).toBe(false);
  });

  it('never throws and only accepts 11-digit mobiles', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseMobile(s);
        if (r.ok) expect(r.value).toMatch(/^1[3-9]\d{9}$/);
      }),
    );
  });
});

describe('names and search', () => {
  it('gives full pinyin and initials', () => {
    expect(namePinyin('江平')).toEqual({ full: 'jiangping', initials: 'jp' });
    expect(namePinyin('吕小华')).toEqual({ full: 'lvxiaohua', initials: 'lxh' });
    expect(namePinyin('单田芳').full.startsWith('shan')).toBe(true);
  });

  it('reads what a search string means', () => {
    expect(classifySearch('jp')).toEqual({ kind: 'pinyin', value: 'jp' });
    expect(classifySearch('江')).toEqual({ kind: 'name', value: '江' });
    expect(classifySearch('5678')).toEqual({ kind: 'tail', tail: '5678', idPrefix: null });
    expect(classifySearch('123x')).toEqual({ kind: 'tail', tail: '123X', idPrefix: null });
    expect(classifySearch('310101********1234')).toEqual({ kind: 'tail', tail: '1234', idPrefix: '310101' });
    expect(classifySearch('138****5678')).toEqual({ kind: 'tail', tail: '5678', idPrefix: null });
    expect(classifySearch('13812345678')).toEqual({ kind: 'phone', value: '13812345678' });
    expect(classifySearch('11010519491231002x')).toEqual({ kind: 'id', value: '11010519491231002X' });
    expect(classifySearch('  ')).toBeNull();
  });

  it('strips units typed into address cells', () => {
    expect(addressPart('100弄', '弄')).toBe('100');
    expect(addressPart(' 5 ', '号')).toBe('5');
    expect(addressPart('301室', '室')).toBe('301');
  });
});

describe('toNfkc', () => {
  it('is exactly NFKC, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => toNfkc(s) === s.normalize('NFKC')));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => toNfkc(s) === s.normalize('NFKC')));
    expect(toNfkc('１３８')).toBe('138');
    expect(toNfkc('\uf900')).toBe('\u8c48');
  });

  it('gives pinyin from memory as a copy the caller may change', () => {
    const a = namePinyin('单田芳');
    a.full = 'x';
    expect(namePinyin('单田芳').full).toBe('shantianfang');
  });
});
