import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

const PHONE = '13912345678';

/** Serious and critical axe-core findings on the page as it stands (WCAG 2.x A and AA rules). */
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The smallest rendered height and width among buttons, inputs and link-buttons. */
async function smallestTarget(page: Page) {
  return page.locator('button, input, a.btn, a.back').evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return {
          what: `${e.tagName.toLowerCase()} ${e.textContent?.trim() || (e as HTMLInputElement).name}`,
          height: r.height,
          width: r.width,
        };
      })
      .sort((a, b) => Math.min(a.height, a.width) - Math.min(b.height, b.width)),
  );
}

// A resident signs in on a phone with an SMS code, then reads the page in large-text mode;
// axe-core and the MIIT 2021 sizes check both modes.
describe('phone sign-in (适老化)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await phoneContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('asks for the phone number first, with errors in words', async () => {
    await page.goto('/m/login');
    await page.getByRole('heading', { name: '居民登录' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-login');
    await page.getByLabel('手机号码').fill('1391234');
    await page.getByRole('button', { name: '获取验证码' }).click();
    const error = page.getByRole('alert');
    expect(await error.textContent()).toContain('出错了：请输入 11 位手机号码');
    expect(await page.getByLabel('手机号码').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-login-error');
  });

  it('signs the resident in with the code texted to the phone', async () => {
    const before = server.lines.length;
    await page.getByLabel('手机号码').fill(PHONE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('heading', { name: '输入验证码' }).waitFor();
    const code = await server.smsCode(PHONE, before);
    // a wrong code first: the server's words appear under the field
    await page.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(/验证码不正确，还可尝试 \d 次/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-code');
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/m/home');
    expect(await page.getByTestId('masked-phone').textContent()).toBe('139****5678');
    // what a resident can do on the phone: the job fair's registration (modules add their entries)
    await page
      .getByTestId('phone-entries')
      .getByRole('link', { name: /云招聘/ })
      .waitFor();
    await screenshot(page, 'phone-home');
  });

  it('meets the sizes and axe-core in normal mode', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    const [smallest] = await smallestTarget(page);
    expect(Math.min(smallest?.height ?? 0, smallest?.width ?? 0), JSON.stringify(smallest)).toBeGreaterThanOrEqual(44);
    const lineHeight = await page
      .locator('main p')
      .first()
      .evaluate((p) => {
        const s = getComputedStyle(p);
        return Number.parseFloat(s.lineHeight) / Number.parseFloat(s.fontSize);
      });
    expect(lineHeight).toBeGreaterThanOrEqual(1.3);
  });

  it('switches to large text, keeps it, and still passes', async () => {
    const toggle = page.getByTestId('large-text-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.textContent()).toContain('大字模式：开');
    // main text at least 18 pt = 24 px
    const fontSize = await page
      .locator('main p')
      .first()
      .evaluate((p) => Number.parseFloat(getComputedStyle(p).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    const [smallest] = await smallestTarget(page);
    expect(Math.min(smallest?.height ?? 0, smallest?.width ?? 0), JSON.stringify(smallest)).toBeGreaterThanOrEqual(60);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-home-large');
    await page.reload();
    await page.getByTestId('masked-phone').waitFor();
    expect(await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('signs out to the sign-in screen, which has the switch too', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/m/login');
    await page.getByRole('heading', { name: '居民登录' }).waitFor();
    expect(await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')).toBe('true');
    const [smallest] = await smallestTarget(page);
    expect(Math.min(smallest?.height ?? 0, smallest?.width ?? 0), JSON.stringify(smallest)).toBeGreaterThanOrEqual(60);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-login-large');
    // the session is gone: the signed-in page sends the resident back to sign in
    await page.goto('/m/home');
    await page.waitForURL('**/m/login');
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
