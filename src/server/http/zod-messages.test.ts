import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installPlainMessages, withField } from './zod-messages';

const first = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues[0]?.message;
};

describe('plain Chinese validation messages', () => {
  beforeAll(installPlainMessages);
  it('says how long a text must be, not the type checker’s wording', () => {
    expect(first(z.string().min(8), 'abc')).toBe('至少 8 个字符');
    expect(first(z.string().min(1), '')).toBe('必填');
    expect(first(z.string().max(20), 'x'.repeat(21))).toBe('最多 20 个字符');
  });
  it('names missing and wrongly typed values plainly', () => {
    expect(first(z.object({ name: z.string() }), {})).toBe('必填');
    expect(first(z.number(), 'abc')).toBe('请输入数字');
    expect(first(z.number().int(), 1.5)).toBe('请输入整数');
  });
  it('gives number bounds and choices', () => {
    expect(first(z.number().min(0), -1)).toBe('不能小于 0');
    expect(first(z.number().max(100), 101)).toBe('不能大于 100');
    expect(first(z.enum(['male', 'female']), 'x')).toBe('请选择：male、female');
    expect(first(z.array(z.string()).min(1), [])).toBe('请至少选择一项');
  });
  it('names formats', () => {
    expect(first(z.email(), 'nope')).toBe('请输入正确的电子邮件地址');
    expect(first(z.iso.date(), '2026-13-45')).toBe('请输入正确的日期（如 2026-01-31）');
  });
  it('keeps a schema’s own message', () => {
    expect(first(z.string().min(11, '手机号码应为 11 位'), '138')).toBe('手机号码应为 11 位');
  });
});

describe('the envelope message names the field', () => {
  it('prefixes generic messages with a Chinese label, or the field name it does not know', () => {
    expect(withField({ path: 'clientKey', message: '至少 8 个字符' })).toBe('提交编号：至少 8 个字符');
    expect(withField({ path: 'items.2.quantity', message: '不能小于 1' })).toBe('第 3 项的数量：不能小于 1');
    expect(withField({ path: 'fooBar', message: '必填' })).toBe('fooBar：必填');
  });
  it('leaves a schema’s own message as it is', () => {
    expect(withField({ path: 'username', message: '请输入账号' })).toBe('请输入账号');
  });
});
