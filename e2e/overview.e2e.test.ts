import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/index';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

const BEIJING = 8 * 3600 * 1000;
const monthOf = (iso: string | null) => (iso ? new Date(Date.parse(iso) + BEIJING).toISOString().slice(0, 7) : null);

// A subdistrict leader (issue #14 §2) opens the month's overview, clicks a number and sees the
// records it counts — the party activities of the month, as the test lists them from the tables —
// and what is overdue, with its own drill-down. The leader reads the lists, not the records' pages.
describe('overview: figures drill down to the records they count', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let database: Database;
  let month = '';
  let titles: string[] = [];
  let subdistrictId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
    database = openDatabase(loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl }));
    const db = database.db;
    const activities = await db.selectFrom('party_activities').select(['id', 'title', 'starts_at']).execute();
    const perMonth = new Map<string, number>();
    for (const a of activities) perMonth.set(monthOf(a.starts_at) as string, (perMonth.get(monthOf(a.starts_at) as string) ?? 0) + 1);
    month = [...perMonth.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
    const invited = new Set((await db.selectFrom('party_activity_branches').select('activity_id').execute()).map((b) => b.activity_id));
    titles = activities.filter((a) => monthOf(a.starts_at) === month && invited.has(a.id)).map((a) => a.title);
    subdistrictId = (await db.selectFrom('org_units').select('id').where('kind', '=', 'subdistrict').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await database?.close();
    await server?.stop();
  });

  it('opens the activities a number counts, and what is overdue', async () => {
    expect(titles.length).toBeGreaterThan(0);
    await signIn(page, 'leader');
    await page.goto(`/overview?month=${month}`);
    await page.getByTestId(`cell-party.activities_held-${subdistrictId}`).click();
    const drawer = page.getByTestId('figure-records');
    await expect.poll(() => drawer.textContent()).toContain(`共 ${titles.length} 条记录`);
    const listed = await drawer.locator('tbody tr td:first-child').allTextContents();
    expect(listed.sort()).toEqual([...titles].sort());
    // a leader lists the records without opening their pages (no party permission)
    expect(await drawer.locator('tbody a').count()).toBe(0);
    await screenshot(page, 'overview-records');
    await page.keyboard.press('Escape');

    // this month: who is overdue for a home visit today, as many as the number says
    await page.goto('/overview');
    const late = page.getByTestId('overview-overdue').getByTestId(`cell-care.visits_overdue-${subdistrictId}`);
    await expect.poll(async () => Number.parseInt((await late.textContent()) ?? '0', 10)).toBeGreaterThan(0);
    const n = Number.parseInt((await late.textContent()) ?? '0', 10);
    await late.click();
    await expect.poll(() => drawer.textContent()).toContain(`共 ${n} 条记录`);
    expect(await drawer.locator('tbody tr').first().textContent()).toMatch(/从未走访|逾期 \d+ 天/);
    await screenshot(page, 'overview-overdue');
    expect(errors).toEqual([]);
  }, 120_000);
});
