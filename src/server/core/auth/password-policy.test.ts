import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword, DEFAULT_POLICY } from './password-policy';

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

  it.each(['Linli@Demo2020', 'Correct-Horse-Battery-9', '白渡居委Zp#2031xx'])('accepts %s', (pw) => {
    expect(checkPassword(pw, DEFAULT_POLICY, { username: 'baidu' })).toEqual([]);
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
