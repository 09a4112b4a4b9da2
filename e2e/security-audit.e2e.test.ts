import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuLabels, signIn, submitSignIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// The other two administrators (三员分立): the security administrator tightens the lockout, ends
// a session, lifts a lockout and resets a second factor; the audit administrator finds those
// changes in the log, reads one in full and verifies the hash chain.
describe('security and audit administration', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let sec: Page;
  let secSecret: string | undefined;
  let errors: string[];

  async function newPage(): Promise<Page> {
    const context = await desktopContext(browser, server.url);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    sec = await newPage();
    errors = pageErrors(sec);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('gives the security administrator security settings but not the audit log', async () => {
    secSecret = await signIn(sec, 'secadmin');
    await sec.waitForURL((url) => url.pathname === '/');
    const labels = await menuLabels(sec);
    expect(labels).toEqual(expect.arrayContaining(['安全设置', '账号管理']));
    expect(labels).not.toContain('审计日志');
  });

  it('saves a tighter lockout', async () => {
    await sec.locator('.ant-menu').getByText('安全设置').click();
    await sec.waitForURL('**/security');
    const field = sec.getByLabel('连续失败几次后锁定');
    await field.waitFor();
    expect(await field.inputValue()).toBe('5');
    await field.fill('3');
    await sec
      .getByTestId('security-settings')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await sec.getByText('已保存').waitFor();
    await screenshot(sec, 'admin-security');
  });

  it('ends another person’s session', async () => {
    const care = await newPage();
    await signIn(care, 'care');
    await care.waitForURL((url) => url.pathname === '/');
    await sec.getByRole('button', { name: /刷\s*新/ }).click();
    const row = sec.getByTestId('sessions-table').locator('tr', { hasText: 'care' });
    await row.waitFor();
    // the browser column keeps its width and one line (it once shrank to one character per line)
    const agent = row.locator('td').nth(2);
    const box = await agent.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(150);
    const text = row.locator('td').nth(2).locator('.ant-typography');
    expect((await text.boundingBox())?.height ?? 99).toBeLessThan(30);
    await row.getByRole('button', { name: '结束会话' }).click();
    await sec
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await sec.getByText('会话已结束').waitFor();
    // the next request of that browser finds no session and goes back to sign-in
    await care.reload();
    await care.waitForURL((url) => url.pathname === '/login');
  });

  it('shows the lockout message as the server words it, and the security administrator lifts it', async () => {
    const care = await newPage();
    await care.goto('/login');
    for (let i = 0; i < 3; i++) await submitAndWait(care, 'care', 'wrong-password');
    // a locked account is answered like a wrong password (nothing tells an attacker it is locked)
    await care.getByTestId('login-error').filter({ hasText: '账号或密码错误，或账号已被锁定' }).waitFor();
    await screenshot(care, 'admin-login-locked');

    await sec.locator('.ant-menu').getByText('账号管理').click();
    await sec.waitForURL('**/accounts');
    expect(await sec.getByRole('button', { name: /新建账号/ }).count()).toBe(0);
    const row = sec.getByTestId('accounts-table').locator('tr', { hasText: '优抚科 周敏' });
    await row.getByText('已锁定').waitFor();
    await screenshot(sec, 'admin-accounts-secadmin');
    await row.getByRole('button', { name: /解\s*锁/ }).click();
    await sec.getByText('已解锁').waitFor();

    await submitSignIn(care, 'care', 'Linli@Demo2020');
    await care.waitForURL((url) => url.pathname === '/');
  });

  it('lets the audit administrator filter the log, read an entry and verify the chain', async () => {
    const audit = await newPage();
    const auditErrors = pageErrors(audit);
    await signIn(audit, 'auditor');
    await audit.waitForURL((url) => url.pathname === '/');
    await audit.locator('.ant-menu').getByText('审计日志').click();
    await audit.waitForURL('**/audit');
    const table = audit.getByTestId('audit-table');
    await table.getByText('auth.login').first().waitFor();
    await screenshot(audit, 'admin-audit');

    await audit.getByTestId('audit-filters').locator('#action').fill('security.settings');
    await audit.keyboard.press('Escape');
    await audit
      .getByTestId('audit-filters')
      .getByRole('button', { name: /搜\s*索/ })
      .click();
    // the filtered page replaces the unfiltered one
    await table.locator('tbody tr', { hasText: 'auth.login' }).first().waitFor({ state: 'detached' });
    await table.locator('tbody tr', { hasText: '修改安全设置' }).first().waitFor();
    await table.locator('tbody tr', { hasText: '修改安全设置' }).first().getByRole('button', { name: '详情' }).click();
    const after = audit.getByTestId('audit-after');
    await after.waitFor();
    expect(JSON.parse((await after.textContent()) ?? '{}')).toMatchObject({ lockoutThreshold: 3 });
    expect(JSON.parse((await audit.getByTestId('audit-before').textContent()) ?? '{}')).toMatchObject({ lockoutThreshold: 5 });
    await screenshot(audit, 'admin-audit-detail');
    await audit.keyboard.press('Escape');

    await audit.getByTestId('audit-verify').click();
    const verdict = audit.getByTestId('audit-verify-result');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/日志链完整：已校验 \d+ 条/);
    await screenshot(audit, 'admin-audit-verify');
    expect(auditErrors).toEqual([]);
  });

  it('resets a lost second factor', async () => {
    await sec.reload();
    const row = sec.getByTestId('accounts-table').locator('tr', { hasText: 'auditor' });
    await row.getByText('两步验证', { exact: true }).waitFor();
    await row.getByRole('button', { name: '重置两步验证' }).click();
    await sec
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await sec.getByText('两步验证已重置').waitFor();
    await row.getByText('两步验证', { exact: true }).waitFor({ state: 'detached' });
  });

  it('asks an enrolled administrator for the second factor at the next sign-in', async () => {
    const again = await newPage();
    await again.goto('/login');
    await submitSignIn(again, 'secadmin', 'Linli@Demo2020');
    await again.waitForURL('**/login/mfa');
    await again.getByLabel('验证码').fill('000000');
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.locator('#code_help').getByText('验证码不正确').waitFor();
    await screenshot(again, 'admin-mfa');
    // a code works once: the one that enrolled may still be current, so answer with the next step's
    await again.getByLabel('验证码').fill(await generate({ secret: secSecret ?? '', epoch: Math.floor(Date.now() / 1000) + 30 }));
    await again.getByRole('button', { name: /验\s*证/ }).click();
    await again.waitForURL((url) => url.pathname === '/');
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});

/** One failed sign-in: submit, then wait for the server's answer to show. */
async function submitAndWait(page: Page, username: string, password: string) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submitSignIn(page, username, password);
  await answered;
  await page.getByTestId('login-error').waitFor();
}
