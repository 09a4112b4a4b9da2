import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app';
import { buildOtherSubdistrict } from '../../../../test/factories';
import { type HttpReceiver, readMail, type SmtpReceiver, startHttpReceiver, startSmtpReceiver } from '../../../../test/receivers';
import { openDatabase } from '../../db/index';
import { defaultChannels } from './channels';
import type { NotifyMessage } from './outbox';
import { NotifySender } from './sender';

let t: TestApp;
let http: HttpReceiver;
let smtp: SmtpReceiver;
let sd: string;
let baidu: string;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  http = await startHttpReceiver();
  t = await testApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'linli <noreply@linli.test>', LINLI_SMS_DAILY_CAP: '3' } });
  sd = t.org.subdistrictId;
  baidu = t.org.neighborhoods.白渡 as string;
});
afterAll(async () => {
  await t.close();
  await http.close();
  await smtp.close();
});

const outbox = () => t.services.core.notify;
const row = (id: string) => t.database.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const enqueue = (m: Omit<NotifyMessage, 'subdistrictId'> & { subdistrictId?: string | null }) =>
  t.database.db.transaction().execute((trx) => outbox().enqueue(trx, { subdistrictId: sd, ...m }));
const robot = (path: string) => `${http.base}${path}`;

describe('SMS sign-in code goes through the outbox', () => {
  it('answers the request before any SMS is sent, keeps the phone and the code out of the table, then delivers', async () => {
    const phone = '13900001111';
    const res = await t.anon().post('/api/auth/sms/request', { phone });
    expect(res.status).toBe(200);
    expect(t.sms.sent.filter((s) => s.phone === phone)).toHaveLength(0);

    const rows = await t.database.db.selectFrom('notify_outbox').selectAll().where('source_type', '=', 'sms_code').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain(phone);
    expect(rows[0]?.recipient_label).toBe('139****1111');

    expect((await t.drain()).sent).toBe(1);
    const code = t.sms.lastCode(phone);
    const stored = JSON.stringify(await row(rows[0]?.id as string));
    expect(stored).not.toContain(phone);
    expect(stored).not.toContain(code);
    expect(t.sms.sent.at(-1)?.text).toBe(`【邻里】您的登录验证码是 ${code}，5 分钟内有效。如非本人操作，请忽略。`);
    const client = t.anon();
    expect((await client.post('/api/auth/sms/verify', { phone, code })).status).toBe(200);
    expect((await row(rows[0]?.id as string)).status).toBe('sent');
  });

  it('stops at the daily cap per phone and says why', async () => {
    const phone = '13900002222';
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push(await enqueue({ to: { channel: 'sms', phone }, template: '【邻里】通知 {n}', variables: { n: i } }));
    const r = await t.drain();
    expect(r).toMatchObject({ sent: 3, failed: 1 });
    const failed = (await Promise.all(ids.map(row))).filter((x) => x.status === 'failed');
    expect(failed[0]?.last_error).toContain('今日短信已达上限（3 条）');
  });
});

describe('e-mail over SMTP', () => {
  it('delivers to a real SMTP server', async () => {
    const id = await enqueue({
      to: { channel: 'email', email: 'zhou.min@example.com' },
      subject: '走访安排 {date}',
      template: '周敏您好：{date} 上午走访白渡一村 3 户优抚对象，请准时到岗。',
      variables: { date: '3月5日' },
      source: { module: 'care', type: 'care.visit', id: 'v1' },
    });
    expect((await t.drain()).sent).toBe(1);
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual(['zhou.min@example.com']);
    expect(mail?.from).toBe('noreply@linli.test');
    const { subject, text } = readMail(mail?.raw ?? '');
    expect(subject).toBe('走访安排 {date}');
    expect(text).toBe('周敏您好：3月5日 上午走访白渡一村 3 户优抚对象，请准时到岗。');
    expect((await row(id)).status).toBe('sent');
  });

  it('records a mailbox the server refuses as failed, with the server’s reason', async () => {
    const id = await enqueue({ to: { channel: 'email', email: 'nobody@example.com' }, subject: '通知', template: '内容' });
    expect((await t.drain()).failed).toBe(1);
    const r = await row(id);
    expect(r.status).toBe('failed');
    expect(r.attempts).toBe(1);
    expect(r.last_error).toContain('550');
  });
});

describe('group robots', () => {
  it('posts WeCom’s text and markdown JSON', async () => {
    const before = http.received.length;
    await enqueue({ to: { channel: 'wecom', webhook: robot('/cgi-bin/webhook/send?key=wc-1') }, template: '白渡居委：明日停水通知' });
    await enqueue({
      to: { channel: 'wecom', webhook: robot('/cgi-bin/webhook/send?key=wc-1') },
      template: '**走访** 3 户',
      format: 'markdown',
    });
    expect((await t.drain()).sent).toBe(2);
    const got = http.received.slice(before);
    // delivered side by side: their order of arrival is not fixed
    expect(got.map((r) => r.json).sort((a, b) => a.msgtype.localeCompare(b.msgtype))).toEqual([
      { msgtype: 'markdown', markdown: { content: '**走访** 3 户' } },
      { msgtype: 'text', text: { content: '白渡居委：明日停水通知' } },
    ]);
    expect(got[0]?.url.searchParams.get('key')).toBe('wc-1');
    expect(got[0]?.headers['content-type']).toContain('application/json');
  });

  it('posts DingTalk’s JSON with a timestamp and a signature DingTalk would accept', async () => {
    const before = http.received.length;
    const secret = 'SEC0123456789abcdef';
    await enqueue({
      to: { channel: 'dingtalk', webhook: robot('/robot/send?access_token=dt-1'), secret },
      template: '党建办：主题党日 3 月 8 日',
    });
    expect((await t.drain()).sent).toBe(1);
    const got = http.received[before];
    expect(got?.json).toEqual({ msgtype: 'text', text: { content: '党建办：主题党日 3 月 8 日' } });
    const ts = got?.url.searchParams.get('timestamp') ?? '';
    expect(Math.abs(Date.now() - Number(ts))).toBeLessThan(60 * 60_000);
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(got?.url.searchParams.get('sign')).toBe(expected);
    expect(got?.url.searchParams.get('access_token')).toBe('dt-1');
  });

  it('keeps webhook addresses encrypted and masked', async () => {
    const id = await enqueue({ to: { channel: 'wecom', webhook: robot('/send?key=topsecret-key-9876') }, template: 'x' });
    const r = await row(id);
    expect(JSON.stringify(r)).not.toContain('topsecret');
    expect(r.recipient_label).toContain('…9876');
    await t.drain();
  });
});

describe('retries, failures and resend', () => {
  it('retries with doubling back-off, then records the message sent', async () => {
    http.script.push({ status: 503, body: 'busy' }, { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } });
    const before = http.received.length;
    const id = await enqueue({ to: { channel: 'wecom', webhook: robot('/send?key=retry') }, template: '重试测试' });
    const t0 = new Date();
    expect(await t.services.sender.drain(t0)).toMatchObject({ retrying: 1 });
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
    expect(Date.parse(r.next_attempt_at) - t0.getTime()).toBe(30_000);

    // not due yet: nothing happens
    expect(await t.services.sender.drain(new Date(t0.getTime() + 29_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });

    const t1 = new Date(t0.getTime() + 30_000);
    expect(await t.services.sender.drain(t1)).toMatchObject({ retrying: 1 });
    r = await row(id);
    expect(r.attempts).toBe(2);
    expect(r.last_error).toContain('45009');
    expect(Date.parse(r.next_attempt_at) - t1.getTime()).toBe(60_000);

    expect(await t.services.sender.drain(new Date(t1.getTime() + 60_000))).toMatchObject({ sent: 1 });
    r = await row(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(http.received.length - before).toBe(3);
  });

  it('gives up after the last attempt', async () => {
    http.script.push({ status: 500, body: '' }, { status: 500, body: '' });
    const id = await enqueue({ to: { channel: 'wecom', webhook: robot('/send?key=gives-up') }, template: 'x', maxAttempts: 2 });
    const t0 = Date.now();
    await t.services.sender.drain(new Date(t0));
    await t.services.sender.drain(new Date(t0 + 30_000));
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2, last_error: 'HTTP 500' });
  });

  it('fails a permanent refusal at once with the reason; staff resend it, audited', async () => {
    http.script.push({ status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } });
    const id = await enqueue({
      neighborhoodId: baidu,
      to: { channel: 'wecom', webhook: robot('/send?key=perm') },
      template: '白渡：本周五下午志愿者例会',
      source: { module: 'care', type: 'care.campaign', id: 'c-9' },
    });
    await t.drain();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1 });

    const care = await t.as('care');
    const list = await care.get('/api/notify/outbox?status=failed&channel=wecom&sourceType=care.campaign');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({
      status: 'failed',
      lastError: '机器人返回错误 93000：invalid webhook url',
      body: '白渡：本周五下午志愿者例会',
      canResend: true,
      source: { module: 'care', type: 'care.campaign', id: 'c-9' },
    });

    // a neighborhood's staff see their own neighborhood's messages, not another's
    const bd = await t.as('baidu');
    expect((await bd.get(`/api/notify/outbox/${id}`)).status).toBe(200);
    expect((await (await t.as('zhonghua')).get(`/api/notify/outbox/${id}`)).status).toBe(404);
    expect((await bd.post(`/api/notify/outbox/${id}/resend`)).status).toBe(403);

    const resent = await care.post(`/api/notify/outbox/${id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notify.resend')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);

    expect((await t.drain()).sent).toBeGreaterThanOrEqual(1);
    expect((await care.get(`/api/notify/outbox/${id}`)).body).toMatchObject({ status: 'sent', canResend: false });
    const again = await care.post(`/api/notify/outbox/${id}/resend`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('只有发送失败的消息可以重发（这条消息已发送）');
  });

  it('never resends a sign-in code and never shows its text', async () => {
    const id = await enqueue({
      to: { channel: 'sms', phone: '13900003333' },
      template: '验证码 {code}',
      variables: { code: '123456' },
      secret: true,
      maxAttempts: 1,
    });
    await t.database.db.updateTable('notify_outbox').set({ status: 'failed' }).where('id', '=', id).execute();
    const care = await t.as('care');
    const item = (await care.get(`/api/notify/outbox/${id}`)).body;
    expect(item).toMatchObject({ secret: true, body: null, canResend: false });
    expect(JSON.stringify(item)).not.toContain('123456');
    expect((await care.post(`/api/notify/outbox/${id}/resend`)).status).toBe(409);
  });

  it('shows nothing of another subdistrict', async () => {
    const other = await buildOtherSubdistrict(t.database.db);
    const id = await enqueue({
      subdistrictId: other.subdistrictId,
      to: { channel: 'wecom', webhook: robot('/send?key=o') },
      template: '外区',
    });
    const care = await t.as('care');
    const list = await care.get('/api/notify/outbox?pageSize=200');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await care.get(`/api/notify/outbox/${id}`)).status).toBe(404);
    await t.drain();
  });
});

describe('transactions and concurrency', () => {
  it('sends nothing for a message written in a transaction that rolled back', async () => {
    const before = http.received.length;
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await outbox().enqueue(trx, { subdistrictId: sd, to: { channel: 'wecom', webhook: robot('/send?key=rb') }, template: '不应发出' });
        throw new Error('the module’s change failed');
      }),
    ).rejects.toThrow('failed');
    expect(await t.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(http.received.length).toBe(before);
    const rows = await t.database.db.selectFrom('notify_outbox').select('id').where('body', '=', '不应发出').execute();
    expect(rows).toHaveLength(0);
  });

  it('sends each message once when two senders drain at the same time', async () => {
    const before = http.received.length;
    const n = 40;
    for (let i = 0; i < n; i++) await enqueue({ to: { channel: 'wecom', webhook: robot('/send?key=race') }, template: `消息 ${i}` });
    // a second process's sender: its own connection pool on PostgreSQL
    const second = t.database.url.startsWith('postgres') ? openDatabase({ database: { kind: 'postgres', url: t.database.url } }) : null;
    const db2 = second?.db ?? t.database.db;
    const config = t.services.core.config;
    const other = new NotifySender(db2, t.keys, defaultChannels(db2, t.keys, config, t.sms), t.services.core.log, {
      backoffMs: 30_000,
      pollMs: 60_000,
      dialect: second?.dialect ?? t.database.dialect,
    });
    try {
      const [a, b] = await Promise.all([t.drain(), other.drain()]);
      expect(a.sent + b.sent).toBe(n);
    } finally {
      await second?.close();
    }
    const bodies = http.received.slice(before).map((r) => r.json.text.content);
    expect(bodies).toHaveLength(n);
    expect(new Set(bodies).size).toBe(n);
  });

  it('delivers in the background when woken after a commit', async () => {
    const sender = t.services.sender;
    sender.start();
    try {
      const before = http.received.length;
      await enqueue({ to: { channel: 'wecom', webhook: robot('/send?key=bg') }, template: '后台发送' });
      outbox().wake();
      await http.waitFor(before + 1);
      expect(http.received.at(-1)?.json).toEqual({ msgtype: 'text', text: { content: '后台发送' } });
    } finally {
      await sender.stop();
    }
    // stop waited for the delivery in hand: the row says so
    const rows = await t.database.db.selectFrom('notify_outbox').select('status').where('body', '=', '后台发送').execute();
    expect(rows[0]?.status).toBe('sent');
  });
});

describe('in-app inbox', () => {
  it('puts a message in the account’s inbox; only its owner reads and marks it', async () => {
    const care = await t.as('care');
    const careId = (await care.get('/api/auth/me')).body.account.id as string;
    await enqueue({
      to: { channel: 'inapp', accountId: careId },
      subject: '新的走访任务',
      template: '白渡一村 {n} 户待走访',
      variables: { n: 3 },
      link: '/care/visits',
      source: { module: 'care', type: 'care.visit', id: 'v2' },
    });
    await t.drain();
    const inbox = await care.get('/api/notify/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ title: '新的走访任务', body: '白渡一村 3 户待走访', link: '/care/visits', readAt: null });
    expect((await care.get('/api/notify/inbox/unread-count')).body).toEqual({ unread: 1 });

    const jobs = await t.as('jobs');
    expect((await jobs.get('/api/notify/inbox')).body.items).toHaveLength(0);
    const id = inbox.body.items[0].id as string;
    expect((await jobs.post(`/api/notify/inbox/${id}/read`)).status).toBe(404);

    expect((await care.post(`/api/notify/inbox/${id}/read`)).status).toBe(200);
    expect((await care.get('/api/notify/inbox/unread-count')).body).toEqual({ unread: 0 });
    expect((await care.get('/api/notify/inbox?unread=true')).body.items).toHaveLength(0);
    expect((await care.post('/api/notify/inbox/read-all')).status).toBe(200);
  });
});
