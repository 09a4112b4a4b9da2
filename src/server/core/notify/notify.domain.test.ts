import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  dingtalkPayload,
  maskEmail,
  maskWebhook,
  renderTemplate,
  robotOutcome,
  signedDingtalkUrl,
  wecomPayload,
} from './notify.domain';

describe('renderTemplate', () => {
  it('fills every placeholder with its value', () => {
    expect(renderTemplate('【邻里】{name}您好，{date} 上门走访', { name: '张阿姨', date: '3月5日' })).toBe(
      '【邻里】张阿姨您好，3月5日 上门走访',
    );
  });

  it('refuses a template whose variable is missing, naming it', () => {
    expect(() => renderTemplate('您的验证码是 {code}', {})).toThrow(/code/);
  });

  it('leaves text without placeholders as it is', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\{[A-Za-z_]\w*\}/.test(s)),
        (s) => {
          expect(renderTemplate(s, {})).toBe(s);
        },
      ),
    );
  });

  it('never re-expands a value that itself looks like a placeholder', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        expect(renderTemplate('[{a}]', { a: v, b: 'x' })).toBe(`[${v}]`);
      }),
    );
  });
});

describe('backoffMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(40, 30_000, 3_600_000)).toBe(3_600_000);
  });

  it('never shrinks as attempts grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 100_000 }), (a, base) => {
        expect(backoffMs(a + 1, base)).toBeGreaterThanOrEqual(backoffMs(a, base));
      }),
    );
  });
});

describe('robots', () => {
  it('builds the WeCom and DingTalk message bodies', () => {
    expect(wecomPayload('text', '你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
    expect(wecomPayload('markdown', '**你好**')).toEqual({ msgtype: 'markdown', markdown: { content: '**你好**' } });
    expect(dingtalkPayload('text', '你好', null)).toEqual({ msgtype: 'text', text: { content: '你好' } });
    expect(dingtalkPayload('markdown', '# 通知', '走访通知')).toEqual({
      msgtype: 'markdown',
      markdown: { title: '走访通知', text: '# 通知' },
    });
  });

  it('signs a DingTalk URL as DingTalk documents it', () => {
    const url = signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', 1700000000000);
    const u = new URL(url);
    expect(u.searchParams.get('access_token')).toBe('abc');
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    const expected = createHmac('sha256', 'SECxyz').update('1700000000000\nSECxyz').digest('base64');
    expect(u.searchParams.get('sign')).toBe(expected);
  });

  it('tells a retryable robot answer from a permanent one', () => {
    expect(robotOutcome(200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotOutcome(503, '')?.permanent).toBe(false);
    expect(robotOutcome(200, '{"errcode":45009,"errmsg":"api freq out of limit"}')?.permanent).toBe(false);
    expect(robotOutcome(200, '{"errcode":310000,"errmsg":"sign not match"}')?.permanent).toBe(true);
  });

  it('masks addresses', () => {
    expect(maskEmail('zhou.min@example.com')).toBe('z***@example.com');
    expect(maskWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'qyapi.weixin.qq.com …5aaa',
    );
  });
});
