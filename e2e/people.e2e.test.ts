import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// The people registry as staff use it: find a person by the initials of their name or the last
// digits of a phone, open them, see the full number once (which the audit administrator then
// finds in the log), correct a phone with the server's field error on the way, export the list
// masked; a neighborhood worker of 中华 cannot find a person of 白渡.
// 江平 is the first demo beneficiary: 白渡, phone 13900001000.
describe('people registry', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let care: Page;
  let errors: string[];
  let personUrl = '';

  async function newPage(): Promise<Page> {
    const context = await desktopContext(browser, server.url);
    contexts.push(context);
    return context.newPage();
  }

  const table = (page: Page) => page.getByTestId('people-table');
  async function search(page: Page, text: string) {
    const answered = page.waitForResponse((r) => r.url().includes('/api/people?') && r.url().includes(`q=${encodeURIComponent(text)}`));
    await page.getByTestId('people-search').locator('input').fill(text);
    await page.getByTestId('people-search').locator('input').press('Enter');
    await answered;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    care = await newPage();
    errors = pageErrors(care);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('finds a person by the initials of their name', async () => {
    await signIn(care, 'registry');
    await care.waitForURL((url) => url.pathname === '/');
    await care.locator('.ant-menu').getByText('居民信息').click();
    await care.waitForURL('**/people');
    await table(care).locator('tbody tr').first().waitFor();
    await search(care, 'jp');
    const row = table(care).locator('tbody tr', { hasText: '江平' });
    await row.waitFor();
    // masked in the list: ID number and phone
    expect(await row.textContent()).toContain('139****1000');
    expect(await row.textContent()).toMatch(/310101\*{8}\d{3}[\dX]/);
    expect(await row.textContent()).not.toContain('13900001000');
    await screenshot(care, 'admin-people-search');
  });

  it('finds the same person by the last four digits of the phone, and filters by neighborhood', async () => {
    await search(care, '1000');
    await table(care).locator('tbody tr', { hasText: '江平' }).waitFor();
    await chooseOption(care, care.getByTestId('people-neighborhood'), '中华');
    await table(care).locator('tbody tr', { hasText: '江平' }).waitFor({ state: 'detached' });
    // the search is kept in the address, so it survives a reload
    expect(new URL(care.url()).searchParams.get('q')).toBe('1000');
    await care.goto('/people?q=1000');
    await table(care).locator('tbody tr', { hasText: '江平' }).waitFor();
  });

  it('opens the person and shows the full phone for a while, saying the view is recorded', async () => {
    await table(care).getByRole('link', { name: '江平', exact: true }).click();
    await care.waitForURL(/\/people\/[\w-]+$/);
    personUrl = new URL(care.url()).pathname;
    const detail = care.getByTestId('person-detail');
    await detail.getByText('139****1000').waitFor();
    await care.getByTestId('reveal-phone').click();
    const shown = care.getByTestId('revealed-phone');
    await shown.getByText('13900001000').waitFor();
    expect(await shown.textContent()).toContain('本次查看已记入审计日志');
    await screenshot(care, 'admin-person-revealed');
    await shown.getByRole('button', { name: /隐\s*藏/ }).click();
    await detail.getByText('139****1000').waitFor();
  });

  it('shows the server’s field error under the phone, then records the change in the history', async () => {
    await care.getByTestId('person-edit').click();
    const form = care.getByTestId('person-form');
    await form.getByLabel('手机号码').fill('12345');
    await care.getByTestId('person-save').click();
    const help = form.locator('#phone_help');
    await help.waitFor();
    expect(await help.textContent()).toMatch(/手机号/);
    await screenshot(care, 'admin-person-edit-error');
    await form.getByLabel('手机号码').fill('13900002222');
    await care.getByTestId('person-save').click();
    await care.getByText('已保存').waitFor();
    await care.getByTestId('person-detail').getByText('139****2222').waitFor();
    const history = care.getByTestId('contact-history');
    await history.getByText('139****1000').waitFor();
    expect(await history.textContent()).toContain('手工修改');
    await screenshot(care, 'admin-person-history', true);
  });

  it('exports the list with the filters applied, masked', async () => {
    await care.goto('/people?q=jp');
    await table(care).locator('tbody tr', { hasText: '江平' }).waitFor();
    const downloading = care.waitForEvent('download');
    await care.getByTestId('people-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^居民名单.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path()) as string);
    const text = JSON.stringify(book.worksheets[0]?.getSheetValues());
    expect(text).toContain('江平');
    expect(text).toContain('139****2222');
    expect(text).not.toContain('13900002222');
    expect(text).not.toContain('王建国');
  });

  it('lets the audit administrator find the reveal in the log', async () => {
    const audit = await newPage();
    await signIn(audit, 'auditor');
    await audit.waitForURL((url) => url.pathname === '/');
    await audit.goto('/audit');
    await audit.getByTestId('audit-filters').locator('#action').fill('people.reveal');
    await audit.keyboard.press('Escape');
    // the row names the record by its masked display name; the filter by its id finds this person's reveal
    await audit
      .getByTestId('audit-filters')
      .locator('#targetId')
      .fill(personUrl.split('/').pop() as string);
    await audit
      .getByTestId('audit-filters')
      .getByRole('button', { name: /搜\s*索/ })
      .click();
    const row = audit.getByTestId('audit-table').locator('tbody tr', { hasText: 'people.reveal' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('居民信息管理员 孙丽');
    expect(await row.textContent()).toContain('江*');
    expect(await row.textContent()).toContain('查看完整身份证号或电话');
    await screenshot(audit, 'admin-audit-people-reveal');
  });

  it('does not find a 白渡 person for the 中华 neighborhood worker', async () => {
    const zh = await newPage();
    await signIn(zh, 'zhonghua');
    await zh.waitForURL((url) => url.pathname === '/');
    await zh.goto('/people');
    await table(zh).locator('tbody tr').first().waitFor();
    await search(zh, 'jp');
    await table(zh).locator('.ant-empty').waitFor();
    expect(await table(zh).textContent()).not.toContain('江平');
    // nor by going to the page directly
    await zh.goto(personUrl);
    await zh.getByText('没有找到这位居民，或其不在您的管辖范围内').waitFor();
    await screenshot(zh, 'admin-person-out-of-scope');
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
