import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword, DEFAULT_POLICY, placeWords } from './password-policy';

describe('password policy (MLPS 2.0 level 3 default)', () => {
  it.each([
    ['short', 'Ab1!xyz', '至少 12 位'],
    ['two classes', 'abcdefgh12345x', '至少 3 类'],
    ['common base with year', 'Password@2024', '过于常见'],
    ['keyboard row', 'Qwertyuiop!1', '过于常见'],
    ['repeats', 'Aaaaaaaaaaaa1!', '过于常见'],
    ['contains username', 'Zhangmin-2020!x', '账号名'],
  ])('refuses %s', (_why, pw, message) => {
    const problems = checkPassword(pw, DEFAULT_POLICY, { username: 'zhangmin' });
    expect(problems.join('；')).toContain(message);
  });

  it('counts characters, not UTF-16 units: three characters and five emoji are 13 UTF-16 units but 8 characters', () => {
    const pw = 'Ab3😀🎉🐱🌸🍎';
    expect(pw.length).toBe(13);
    expect(checkPassword(pw, DEFAULT_POLICY).join('；')).toContain('至少 12 位');
    expect(checkPassword('Ab3😀🎉🐱🌸🍎Zq-8kW', DEFAULT_POLICY)).toEqual([]);
  });

  const place = { places: placeWords(['小东门街道', '黄浦区']) };
  it.each([
    ['the product name', 'Linli@2024abc'],
    ['the product name in Chinese', '邻里Zp#2031xxq'],
    ['the subdistrict in pinyin', 'Xiaodongmen1!'],
    ['the subdistrict', 'Rq#7小东门2031x'],
    ['the district in pinyin', 'Huangpu-River-77'],
    ['the district', '黄浦Zp#2031xxq'],
  ])('refuses %s', (_why, pw) => {
    expect(checkPassword(pw, DEFAULT_POLICY, place).join('；')).toContain('地名');
  });

  it('derives the words of a place: names without their suffix, and their pinyin', () => {
    expect(placeWords(['小东门街道', '黄浦区'])).toEqual(
      expect.arrayContaining(['linli', '邻里', '小东门', 'xiaodongmen', '黄浦', 'huangpu']),
    );
  });

  it.each(['Correct-Horse-Battery-9', '白渡居委Zp#2031xx'])('accepts %s', (pw) => {
    expect(checkPassword(pw, DEFAULT_POLICY, { username: 'baidu', ...place })).toEqual([]);
  });

  it('never accepts anything shorter than the minimum', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 11 }), (pw) => {
        expect(checkPassword(pw, DEFAULT_POLICY).length).toBeGreaterThan(0);
      }),
    );
  });

  it('counts character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('aB3$')).toBe(4);
  });
});
