import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless (never a downloaded browser), with desktop and phone contexts.
 * Screenshots go to test-results/screenshots/<name>.png (screenshots-postgres/ on PostgreSQL, so the
 * two browser runs, which may run at once, do not overwrite each other's).
 */
const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(
  root,
  process.env.LINLI_TEST_DB === 'postgres' ? 'test-results/screenshots-postgres' : 'test-results/screenshots',
);

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const common = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

// a step that has not happened in 10 s is not going to: fail with its locator rather than at the test timeout
const STEP_TIMEOUT = 10_000;

export async function desktopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...common, baseURL, viewport: DESKTOP });
  context.setDefaultTimeout(STEP_TIMEOUT);
  return context;
}

export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...common, baseURL, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  context.setDefaultTimeout(STEP_TIMEOUT);
  return context;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/**
 * Errors the page itself raised (uncaught exceptions, console.error), so a test can insist there
 * are none. Failed requests the test provoked on purpose (401, 400) are the browser's notes, not the app's.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}
