import { describe, expect, it } from 'vitest';
import { ApiError, errorText, fieldName, formFieldErrors } from './api';
import { t } from './i18n';

describe('the error envelope as the user reads it', () => {
  it('turns server field paths into form field names', () => {
    expect(fieldName('roles.0.orgId')).toEqual(['roles', 0, 'orgId']);
    expect(fieldName('username')).toEqual(['username']);
  });

  it('groups field errors per field and skips the ones with no field', () => {
    const err = new ApiError(400, 'VALIDATION', '密码至少 12 位', [
      { path: 'newPassword', message: '密码至少 12 位' },
      { path: 'newPassword', message: '密码过于常见或有规律，请换一个' },
      { path: '', message: '请求有误' },
    ]);
    expect(formFieldErrors(err)).toEqual([{ name: ['newPassword'], errors: ['密码至少 12 位', '密码过于常见或有规律，请换一个'] }]);
    expect(formFieldErrors(new Error('x'))).toEqual([]);
  });

  it("says the server's own message, or ours when there is none", () => {
    expect(errorText(new ApiError(401, 'BAD_CREDENTIALS', '账号或密码错误'))).toBe('账号或密码错误');
    expect(errorText(new TypeError('boom'))).toBe(t('error.unknown'));
  });
});

describe('t', () => {
  it('fills in values and falls back to the key', () => {
    expect(t('common.total', { total: 3 })).toBe('共 3 条');
    expect(t('no.such.key')).toBe('no.such.key');
  });
});
