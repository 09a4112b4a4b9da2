import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import type { SeedMessage } from './support/enqueue';
import { freePort, startServer, type TestServer } from './support/server';

// Messages as staff follow them: a WeCom group-robot message the robot refuses shows as failed
// with the robot's words, is sent again and goes through; in-app messages light up the header
// bell, and reading them (one, then all) clears it. The messages are put in the outbox by the
// server's own Outbox (e2e/support/enqueue.ts) and delivered by the running server's sender.
const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** A WeCom robot on localhost that refuses the first message (a permanent error) and takes the rest. */
async function startRobot(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(body);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(received.length === 1 ? { errcode: 93000, errmsg: 'invalid webhook url' } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=e2e-robot-key-0001`, received };
}

describe('outbox and in-app inbox', () => {
  let server: TestServer;
  let robot: Awaited<ReturnType<typeof startRobot>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  async function enqueue(messages: SeedMessage[]): Promise<void> {
    await run(process.execPath, ['--import', 'tsx', 'e2e/support/enqueue.ts', JSON.stringify(messages)], {
      cwd: root,
      env: { ...process.env, LINLI_DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl },
    });
  }

  beforeAll(async () => {
    robot = await startRobot();
    // the sender looks every second, so the test need not wait five
    server = await startServer({ LINLI_NOTIFY_POLL_SECONDS: '1' });
    await enqueue([
      { to: { channel: 'wecom', webhook: robot.url }, template: '白渡居民区春季慰问今日完成 12 户，明日继续。', maxAttempts: 1 },
      {
        to: { channel: 'inapp', username: 'training' },
        subject: '新的电话慰问任务',
        template: '您有 8 位优抚对象待电话慰问，请于本周内完成。',
        link: '/people',
      },
      { to: { channel: 'inapp', username: 'training' }, subject: '居民名单导入完成', template: '居民名单导入完成：新增 3 人，更新 5 人。' },
    ]);
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => robot?.server.close(resolve));
  });

  const row = (text: string) => page.getByTestId('outbox-table').locator('tbody tr', { hasText: text }).first();

  it('shows the refused robot message as failed, with the robot’s answer', async () => {
    await signIn(page, 'training');
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('.ant-menu').getByText('消息发送记录').click();
    await page.waitForURL('**/notify/outbox');
    // the page follows messages still on their way by itself
    const failed = row('春季慰问');
    await failed.getByText('发送失败').waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toContain('企业微信群机器人');
    expect(await failed.textContent()).toContain('机器人返回错误 93000');
    // the robot's key is not shown in full
    expect(await failed.textContent()).not.toContain('e2e-robot-key-0001');
    expect(await failed.textContent()).toContain('1 / 1');
    await row('新的电话慰问任务').getByText('已发送').waitFor({ timeout: 20_000 });
    await screenshot(page, 'admin-outbox-failed');
  });

  it('filters by status and channel', async () => {
    await chooseOption(page, page.getByTestId('outbox-status'), '发送失败');
    await row('新的电话慰问任务').waitFor({ state: 'detached' });
    await row('春季慰问').waitFor();
    await chooseOption(page, page.getByTestId('outbox-channel'), '站内消息');
    await page.getByTestId('outbox-table').locator('.ant-empty').waitFor();
    // the filters belong to the page: coming back to it starts unfiltered
    await page.reload();
    await row('新的电话慰问任务').waitFor();
    await row('春季慰问').waitFor();
  });

  it('sends the failed message again, and this time it goes through', async () => {
    await row('春季慰问')
      .getByRole('button', { name: /重新发送/ })
      .click();
    await page.getByText('已重新放入发送队列').waitFor();
    await row('春季慰问').getByText('已发送').waitFor({ timeout: 20_000 });
    expect(robot.received).toHaveLength(2);
    expect(JSON.parse(robot.received[1] as string)).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('春季慰问') },
    });
    expect(
      await row('春季慰问')
        .getByRole('button', { name: /重新发送/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'admin-outbox-resent');
  });

  it('shows the unread in-app messages on the bell; reading one and then all clears it', async () => {
    const bell = page.getByTestId('inbox-bell');
    // the count is asked again whenever the user comes back to the page
    await page.reload();
    await page.locator('[data-testid="inbox-bell"][data-unread="2"]').waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('站内信，2 条未读');
    await bell.click();
    const dropdown = page.getByTestId('inbox-dropdown');
    const item = dropdown.locator('.ant-list-item', { hasText: '新的电话慰问任务' });
    await item.waitFor();
    await screenshot(page, 'admin-inbox-bell');
    await item.getByRole('button', { name: '标为已读' }).click();
    await page.locator('[data-testid="inbox-bell"][data-unread="1"]').waitFor();
    await item.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' });

    await dropdown.getByRole('button', { name: '查看全部站内信' }).click();
    await page.waitForURL('**/inbox');
    const list = page.getByTestId('inbox-list');
    await list.locator('[data-unread="true"]', { hasText: '居民名单导入完成' }).waitFor();
    expect(await list.locator('[data-unread="false"]', { hasText: '新的电话慰问任务' }).count()).toBe(1);
    await screenshot(page, 'admin-inbox');
    await page.getByRole('button', { name: /全部标为已读/ }).click();
    await page.locator('[data-testid="inbox-bell"][data-unread="0"]').waitFor();
    await list.locator('[data-unread="true"]').first().waitFor({ state: 'detached' });
    expect(await bell.getAttribute('aria-label')).toBe('站内信，0 条未读');
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
