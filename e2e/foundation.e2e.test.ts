import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, menuLabels, signOut, submitSignIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// The foundation's main journey, as people click it: the system administrator enrols a second
// factor, creates a neighborhood staff account for 白渡; that person changes the initial password
// and sees only 白渡 of the org tree, and no account administration.
describe('foundation: accounts, sign-in steps and scoped org tree', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the server’s Chinese message for a wrong password', async () => {
    await page.goto('/login');
    await page.getByLabel('账号').waitFor();
    await screenshot(page, 'admin-login');
    await submitSignIn(page, 'sysadmin', 'not-the-password');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('账号或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'admin-login-error');
  });

  it('takes the system administrator through TOTP enrolment to the app', async () => {
    await page.goto('/login');
    await submitSignIn(page, 'sysadmin', 'Linli@Demo2020');
    await page.waitForURL('**/login/mfa-setup');
    await page.getByTestId('totp-secret').waitFor();
    await page.getByRole('img', { name: '两步验证二维码' }).waitFor();
    await screenshot(page, 'admin-mfa-setup');
    // finish the enrolment the way a person with an authenticator app would
    await signInFromSetup(page);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('系统管理员，您好').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('系统管理员');
    expect(await page.getByTestId('subdistrict').textContent()).toBe('小东门街道');
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['首页', '组织架构', '账号管理']));
    expect(await menuLabels(page)).not.toContain('审计日志');
    await screenshot(page, 'admin-home-sysadmin');
  });

  it('lets the system administrator see the whole org tree', async () => {
    await page.locator('.ant-menu').getByText('组织架构').click();
    await page.waitForURL('**/org');
    const tree = page.getByTestId('org-tree');
    await tree.getByText('中华', { exact: true }).waitFor();
    expect(await tree.getByText('白渡', { exact: true }).count()).toBe(1);
    await tree.getByText('白渡', { exact: true }).click();
    await page.getByRole('button', { name: /新增下级单位/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('白渡新村');
    await screenshot(page, 'admin-org-create');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await tree.getByText('白渡新村', { exact: true }).waitFor();
    // the new estate is selected: take it away again
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await tree.getByText('白渡新村', { exact: true }).waitFor({ state: 'detached' });
    await tree.getByText('白渡', { exact: true }).click();
    await screenshot(page, 'admin-org-sysadmin');
  });

  it('creates a neighborhood staff account for 白渡', async () => {
    await page.locator('.ant-menu').getByText('账号管理').click();
    await page.waitForURL('**/accounts');
    await page.getByTestId('accounts-table').getByText('baidu', { exact: true }).waitFor();
    await screenshot(page, 'admin-accounts');
    await page.getByRole('button', { name: /新建账号/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('账号').fill('libaidu');
    await drawer.getByLabel('姓名').fill('白渡居委 李娜');
    await drawer.getByLabel('初始密码').fill('Welcome-Baidu-2020');
    await chooseOption(page, drawer.getByTestId('grant-0-role'), '居委会工作人员');
    await chooseOption(page, drawer.getByTestId('grant-0-scope'), '小东门街道 / 白渡');
    await screenshot(page, 'admin-accounts-create');
    await drawer.getByTestId('account-save').click();
    await page.getByText('账号已创建').waitFor();
    const row = page.getByTestId('accounts-table').locator('tr', { hasText: 'libaidu' });
    await row.waitFor();
    expect(await row.textContent()).toContain('居委会工作人员 · 白渡');
    expect(await row.textContent()).toContain('待改密码');
    await signOut(page);
  });

  it('makes the new person change the password, showing the server’s objection under the field', async () => {
    await submitSignIn(page, 'libaidu', 'Welcome-Baidu-2020');
    await page.waitForURL('**/login/password');
    expect(await page.getByTestId('password-policy').textContent()).toContain('12');
    await page.getByLabel('当前密码', { exact: true }).fill('Welcome-Baidu-2020');
    await page.getByLabel('新密码', { exact: true }).fill('short1A');
    await page.getByLabel('确认新密码', { exact: true }).fill('short1A');
    await page.getByRole('button', { name: '修改密码' }).click();
    const fieldError = page.locator('#newPassword_help');
    await fieldError.getByText('密码至少 12 位').waitFor();
    await screenshot(page, 'admin-password-change');
    await page.getByLabel('新密码', { exact: true }).fill('Bund-River-Walk-88');
    await page.getByLabel('确认新密码', { exact: true }).fill('Bund-River-Walk-88');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('白渡居委 李娜，您好').waitFor();
    expect(await page.getByTestId('my-roles').textContent()).toContain('居委会工作人员');
    expect(await page.getByTestId('my-roles').textContent()).toContain('白渡');
    await screenshot(page, 'admin-home-neighborhood');
  });

  it('shows the neighborhood staff 白渡 but not 中华, and no account administration', async () => {
    const labels = await menuLabels(page);
    expect(labels).toContain('组织架构');
    expect(labels).not.toContain('账号管理');
    await page.locator('.ant-menu').getByText('组织架构').click();
    await page.waitForURL('**/org');
    const tree = page.getByTestId('org-tree');
    await tree.getByText('白渡', { exact: true }).waitFor();
    expect(await tree.getByText('中华', { exact: true }).count()).toBe(0);
    // reading is allowed, managing is not
    await tree.getByText('白渡', { exact: true }).click();
    expect(await page.getByRole('button', { name: /新增下级单位/ }).count()).toBe(0);
    await screenshot(page, 'admin-org-neighborhood');
  });

  it('answers a page the user may not use with 403', async () => {
    await page.goto('/accounts');
    await page.getByText('没有权限').waitFor();
    await screenshot(page, 'admin-403');
  });

  it('switches the language and remembers it', async () => {
    await page.goto('/');
    await page.getByText('English', { exact: true }).click();
    await page.locator('.ant-menu').getByText('Organisation').waitFor();
    await page.reload();
    await page.locator('.ant-menu').getByText('Organisation').waitFor();
    await page.getByText('Hello, 白渡居委 李娜').waitFor();
    await screenshot(page, 'admin-home-english');
    await page.getByText('中文', { exact: true }).click();
    await page.locator('.ant-menu').getByText('组织架构').waitFor();
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});

/** On the enrolment page: read the secret and answer with a fresh code. */
async function signInFromSetup(page: Page) {
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('验证码').fill(await generate({ secret }));
  await page.getByRole('button', { name: '完成绑定' }).click();
}
