import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// Training gaps closed after issue 12: the office edits a session after creating it (the change shows
// in the list), and the phone's registration page refuses a wrong code in Chinese, naming the field.
describe('training: edit a session, register from the phone', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let desk: Page;
  let phone: Page;
  let errors: string[][] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const d = await desktopContext(browser, server.url);
    const p = await phoneContext(browser, server.url);
    contexts.push(d, p);
    desk = await d.newPage();
    phone = await p.newPage();
    errors = [desk, phone].map(pageErrors);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the office changes a session’s lecturer and sees it in the list', async () => {
    await signIn(desk, 'training');
    await desk.waitForURL((url) => url.pathname === '/');
    await desk.goto('/training/sessions');
    const table = desk.getByTestId('sessions-table');
    const row = table.locator('.ant-table-row').first();
    await row.getByRole('button', { name: '编辑' }).click();
    const dialog = desk.getByRole('dialog', { name: '修改培训场次' });
    await dialog.getByLabel('主讲人').fill('王律师');
    await screenshot(desk, 'training-session-edit');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.locator('.ant-table-row', { hasText: '王律师' }).first().waitFor();
  });

  it('the phone registration page names the wrong code in Chinese', async () => {
    await phone.goto('/m/training/register?code=000000');
    await phone.getByRole('heading', { name: '培训报名' }).waitFor();
    await phone.getByLabel('姓名').fill('顾明德');
    await phone.getByLabel('手机号').fill('13900031001');
    await phone.getByRole('button', { name: '报名' }).click();
    await phone.getByText('签到码不正确，请核对后再试').waitFor();
    await screenshot(phone, 'training-phone-register');
    expect(errors.flat()).toEqual([]);
  });
});
