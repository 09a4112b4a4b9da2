import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../test/sample-files';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

/** the number a dashboard statistic shows */
async function statistic(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').textContent();
  return Number(text?.replace(/\D/g, ''));
}

// Home visits as the care office works them (issue #11 §2 and §5): the demo subdistrict's priority
// beneficiaries have never been visited, so the dashboard shows them overdue; staff open the
// overdue list from the dashboard, record a visit with a photo, and the person leaves the list
// and the dashboard's count.
describe('care: home visits and the dashboard', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let staff: Page;
  let errors: string[] = [];
  let overdueBefore = 0;
  let visited = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    staff = await context.newPage();
    errors = pageErrors(staff);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows never-visited priority beneficiaries as overdue on the dashboard', async () => {
    await signIn(staff, 'care');
    await staff.waitForURL((url) => url.pathname === '/');
    await staff.locator('.ant-menu').getByText('关爱看板').click();
    await staff.waitForURL('**/care/dashboard');
    await staff.getByTestId('dash-visits-overdue').waitFor();
    overdueBefore = await statistic(staff, 'dash-visits-overdue');
    expect(overdueBefore).toBeGreaterThan(0);
    await staff.getByTestId('dash-chart-visits').waitFor();
    expect(await staff.getByTestId('dash-chart-visits').getAttribute('aria-label')).toContain(`走访逾期 ${overdueBefore}`);
    await staff.getByTestId('dash-neighborhoods').locator('.ant-table-row').first().waitFor();
    await screenshot(staff, 'care-dashboard', true);
  });

  it('opens the overdue list from the dashboard: each one never visited', async () => {
    await staff.getByTestId('dash-visits-overdue').click();
    await staff.waitForURL('**/care/visits');
    const rows = staff.getByTestId('visits-due').locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await staff.getByTestId('visits-counts').textContent()).toContain(`已逾期 ${overdueBefore} 人`);
    const first = rows.first();
    visited = ((await first.locator('td').first().textContent()) ?? '').trim();
    expect(visited).not.toBe('');
    expect(await first.textContent()).toContain('逾期（从未走访）');
    await screenshot(staff, 'care-visits-overdue');
  });

  it('records a visit with a photo; the person leaves the overdue list and the dashboard count', async () => {
    await staff.getByTestId(`visit-record-${visited}`).click();
    const form = staff.getByTestId('visit-record-form');
    await form.waitFor();
    // the form says what is missing, in words
    await staff.getByTestId('visit-record-save').click();
    await form.getByText('请填写走访所见情况').waitFor();
    await form.getByLabel('走访所见情况').fill('精神尚好，独自在家，家中整洁；血压药快吃完');
    await form.getByLabel('送去物资').fill('口罩 20 个、消毒液 1 瓶');
    await form.getByLabel('问题与诉求').fill('希望有人陪同去医院配药');
    await form.locator('input[type=file]').setInputFiles({ name: '门口.png', mimeType: 'image/png', buffer: await samplePng('visit') });
    await form.getByText('门口.png').waitFor();
    await screenshot(staff, 'care-visit-record');
    await staff.getByTestId('visit-record-save').click();
    await staff.getByText('已登记走访').waitFor();
    await staff
      .getByTestId('visits-counts')
      .getByText(`已逾期 ${overdueBefore - 1} 人`)
      .waitFor();
    expect(await staff.getByTestId('visits-due').getByText(visited, { exact: true }).count()).toBe(0);
    await screenshot(staff, 'care-visits-after');

    await staff.getByTestId('visits-tab-records').click();
    const record = staff.getByTestId('visits-records').locator('.ant-table-row').filter({ hasText: visited });
    await record.waitFor();
    expect(await record.textContent()).toContain('精神尚好');
    await record.locator('img').waitFor();
    await screenshot(staff, 'care-visits-records');

    await staff.locator('.ant-menu').getByText('关爱看板').click();
    await staff.waitForURL('**/care/dashboard');
    await staff.getByTestId('dash-visits-overdue').waitFor();
    await expect.poll(() => statistic(staff, 'dash-visits-overdue')).toBe(overdueBefore - 1);
    expect(errors).toEqual([]);
  });
});
