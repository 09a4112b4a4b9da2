import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';

/** The demo password `linli start` gives every demo account. */
export const DEMO_PASSWORD = 'Linli@Demo2020';

/** Fills the sign-in form and submits it; the caller checks where it lands. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/login') || page.url().includes('/login/')) await page.goto('/login');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * Signs an account in with whatever its sign-in asks next: enrols TOTP at the first sign-in of an
 * administrator (reading the secret from the page), or answers the TOTP step later. Returns the
 * TOTP secret (new or the one passed in).
 */
export async function signIn(
  page: Page,
  username: string,
  opts: { password?: string; totpSecret?: string } = {},
): Promise<string | undefined> {
  await page.goto('/login');
  await submitSignIn(page, username, opts.password ?? DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== '/login');
  let secret = opts.totpSecret;
  const path = new URL(page.url()).pathname;
  if (path === '/login/mfa-setup') {
    secret = (await page.getByTestId('totp-secret').textContent())?.trim();
    if (!secret) throw new Error('no TOTP secret on the enrolment page');
    await page.getByLabel('验证码').fill(await generate({ secret }));
    await page.getByRole('button', { name: '完成绑定' }).click();
  } else if (path === '/login/mfa') {
    if (!secret) throw new Error(`${username} asks for a TOTP code but no secret was given`);
    await page.getByLabel('验证码').fill(await generate({ secret }));
    await page.getByRole('button', { name: /验\s*证/ }).click();
  }
  return secret;
}

/** Picks an option of an antd Select by its visible text. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  // a select that depends on another field is enabled a render later
  await select.locator('xpath=self::*[not(contains(@class, "ant-select-disabled"))]').waitFor();
  await select.click();
  const item = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first();
  await item.click();
  await select.getByText(option, { exact: true }).waitFor();
}

/** The side menu's labels. */
export async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.locator('.ant-layout-sider .ant-menu-root');
  await menu.waitFor();
  return (await menu.locator('.ant-menu-title-content').allTextContents()).map((s) => s.trim());
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}
