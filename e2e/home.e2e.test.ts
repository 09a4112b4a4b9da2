import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// The first five minutes: staff land on 工作台 cards from the modules, a caller's phone home lists
// what there is to do here, and each leads to its list.
describe('home page and phone home', () => {
  let server: TestServer;
  let browser: Browser;
  let desk: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    desk = await desktopContext(browser, server.url);
    page = await desk.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows care staff their urgent needs, quiet beneficiaries and campaigns, each linking to its list', async () => {
    await signIn(page, 'care');
    const cards = page.getByTestId('home-cards');
    await cards.waitFor();
    const urgent = page.getByTestId('home-card-care.urgent-needs');
    expect(await urgent.textContent()).toContain('紧急需求');
    // the demo seed registers one urgent need (代配降压药)
    expect(await urgent.textContent()).toMatch(/1\s*项/);
    expect(await page.getByTestId('home-card-care.campaigns').textContent()).toContain('春季防疫集中电话慰问');
    await screenshot(page, 'admin-home-cards');
    await page.getByTestId('home-card-care.not-contacted').getByRole('link', { name: '查看' }).click();
    await page.waitForURL('**/care/beneficiaries?notContactedDays=30');
    expect(errors).toEqual([]);
  });

  it('lists the calls a neighborhood caller still has on the phone home, and opens them', async () => {
    const phoneCtx = await phoneContext(browser, server.url);
    try {
      const phone = await phoneCtx.newPage();
      await signIn(phone, 'baidu');
      await phone.goto('/m/home');
      const entry = phone.getByTestId('phone-entries').getByRole('link', { name: /电话慰问/ });
      await entry.waitFor();
      expect(await entry.textContent()).toMatch(/待办 \d+/);
      await screenshot(phone, 'phone-home-caller');
      await entry.click();
      await phone.waitForURL('**/m/care');
      await phone.getByRole('heading', { name: '电话慰问' }).waitFor();
    } finally {
      await phoneCtx.close();
    }
  });
});
