import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../test/sample-files';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// Organisation life (issue 13), as a branch secretary and two members click it: the secretary of
// 白渡一支部 (demo account baidu1; ten members, none checked in or given yet) schedules a 主题党日;
// two members sign in on their phones with an SMS code, check in, and one posts a thought; the
// secretary records a gift for three members in the 抗疫捐款 campaign; the branch page then shows
// attendance 2/10 and donation participation 30%.
describe('party: a themed day, phone check-ins, donations, the branch page', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let secretary: Page;
  let activityPath = '';
  const errors: string[][] = [];
  // the seed's phones of 白渡一支部's first two members
  const PHONES = ['13901011001', '13901011002'];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const desk = await desktopContext(browser, server.url);
    contexts.push(desk);
    secretary = await desk.newPage();
    errors.push(pageErrors(secretary));
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the secretary schedules a 主题党日 for 白渡一支部', async () => {
    await signIn(secretary, 'baidu1');
    await secretary.goto('/party/activities');
    await secretary.getByTestId('activities-table').locator('.ant-table-row').first().waitFor();
    await secretary.getByTestId('activity-create').click();
    await secretary.getByTestId('activity-title').fill('十二月主题党日：重温入党誓词');
    const time = secretary.getByTestId('activity-time');
    await time.click();
    await secretary.keyboard.type('2026-12-08 09:00');
    await secretary.keyboard.press('Enter');
    const branches = secretary.getByTestId('activity-branches');
    await branches.click();
    await secretary
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '白渡一支部' })
      .click();
    await secretary.keyboard.press('Escape');
    await screenshot(secretary, 'party-activity-create');
    await secretary.getByTestId('activity-save').click();
    await secretary.waitForURL(/\/party\/activities\/[0-9a-f-]+$/);
    activityPath = new URL(secretary.url()).pathname;
    await secretary.getByTestId('activity-roll').locator('.ant-table-row').first().waitFor();
    expect(await secretary.getByTestId('activity-attendance').textContent()).toContain('0/10');
    await secretary.getByTestId('activity-notify').click();
    await secretary.getByText(/已发送短信 1\d 条/).waitFor();
    await screenshot(secretary, 'party-activity', true);
  });

  it('two members check in from their phones, and one posts a thought', async () => {
    for (const [i, phone] of PHONES.entries()) {
      const context = await phoneContext(browser, server.url);
      contexts.push(context);
      const page = await context.newPage();
      errors.push(pageErrors(page));
      await page.goto('/m/login');
      const before = server.lines.length;
      await page.getByLabel('手机号码').fill(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('heading', { name: '输入验证码' }).waitFor();
      await page.getByLabel('短信验证码').fill(await server.smsCode(phone, before));
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/m/home');
      await page.getByTestId('phone-entries').getByText('组织生活').click();
      await page.waitForURL('**/m/party');
      await page.getByText('十二月主题党日：重温入党誓词').click();
      await page.waitForURL(`**/m${activityPath.replace('/party', '/party')}`);
      if (i === 0) await screenshot(page, 'party-phone-activity');
      await page.getByTestId('party-checkin').click();
      await page.getByText('您已签到，谢谢参加！').waitFor();
      if (i === 0) {
        await page.getByLabel('我的心得').fill('重温入党誓词，更坚定了为居民服务的初心。');
        await page.getByTestId('party-thought-send').click();
        await page.locator('.thoughts').getByText('重温入党誓词，更坚定了为居民服务的初心。').waitFor();
        // a photo from the phone under the thought, and the check-in QR code to pass on
        const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 200, g: 40, b: 40 } } })
          .jpeg()
          .toBuffer();
        await page.getByTestId('party-photo-input').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: jpeg });
        await page.getByTestId('party-thought-photos').locator('img').first().waitFor();
        await page.getByTestId('party-qr').waitFor();
        await screenshot(page, 'party-phone-thought', true);
        // the large-text mode for elderly members
        await page.getByTestId('large-text-toggle').click();
        await screenshot(page, 'party-phone-large');
      }
    }
    await secretary.reload();
    await secretary.getByTestId('activity-roll').locator('.ant-table-row').first().waitFor();
    expect(await secretary.getByTestId('activity-attendance').textContent()).toContain('2/10');
    await secretary.getByTestId('activity-thoughts').getByText('重温入党誓词，更坚定了为居民服务的初心。').waitFor();
    // the photo on the admin page, marked 可公开; the printable check-in QR code
    await secretary.getByTestId('thought-photos').locator('img').first().waitFor();
    await secretary.getByTestId('activity-qr').waitFor();
    await secretary.getByTestId('thought-photos').getByText('可公开').click();
    await secretary.getByTestId('thought-photos').locator('.ant-checkbox-checked').waitFor();
    await screenshot(secretary, 'party-activity-photos', true);
  });

  it('the secretary records a gift for three members', async () => {
    await secretary.goto('/party/campaigns');
    await secretary.getByRole('link', { name: '抗疫捐款' }).click();
    await secretary.waitForURL(/\/party\/campaigns\/[0-9a-f-]+$/);
    await secretary.getByTestId('campaign-branches').locator('.ant-table-row').first().waitFor();
    for (let i = 0; i < 3; i++) {
      await secretary.getByTestId('gift-member').click();
      await secretary.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').nth(i).click();
      await secretary.getByTestId('gift-amount').fill(String(100 + i * 50));
      await secretary.getByTestId('gift-save').click();
      await expect.poll(() => secretary.getByTestId('campaign-gifts').locator('.ant-table-row').count()).toBe(i + 1);
    }
    expect(await secretary.getByTestId('campaign-branches').textContent()).toContain('3/10');
    await screenshot(secretary, 'party-campaign', true);
  });

  it('the branch page shows attendance 2/10 and donation participation 30%', async () => {
    await secretary.goto('/party/orgs');
    await secretary
      .getByTestId('party-tree')
      .getByText(/一支部/)
      .first()
      .click();
    await secretary.getByRole('link', { name: '支部' }).click();
    await secretary.waitForURL(/\/party\/branches\/[0-9a-f-]+$/);
    await secretary.getByTestId('branch-attendance').getByText('2/10').waitFor();
    expect(await secretary.getByTestId('branch-participation').textContent()).toContain('30%');
    await screenshot(secretary, 'party-branch', true);
    expect(errors.flat()).toEqual([]);
  });

  it('the party-building office sees every general branch: tree, study, reports, materials and the monthly report', async () => {
    const desk = await desktopContext(browser, server.url);
    contexts.push(desk);
    const office = await desk.newPage();
    errors.push(pageErrors(office));
    await signIn(office, 'party');
    await office.goto('/party/orgs');
    await office.getByTestId('members-table').locator('.ant-table-row').first().waitFor();
    expect(await office.getByTestId('party-tree').textContent()).toMatch(/白渡党总支.*中华党总支.*金坛党总支.*乔家路党总支/);
    await screenshot(office, 'party-orgs');
    await office.getByTestId('member-add').click();
    await office.getByRole('dialog').getByText('身份证号').waitFor();
    await screenshot(office, 'party-member-add');
    await office.keyboard.press('Escape');

    await office.goto('/party/study');
    await office.getByText('白渡一支部').first().waitFor();
    await screenshot(office, 'party-study');
    await office.goto('/party/reports');
    await office.getByText('本季度待交').waitFor();
    await screenshot(office, 'party-reports');
    await office.goto('/party/packages');
    await office.getByText('十一月学习包').click();
    const drawer = office.locator('.ant-drawer');
    await drawer.getByText('党员冬春训学习提纲', { exact: true }).waitFor();
    await drawer
      .locator('input[type=file]')
      .setInputFiles({ name: '党课课件.pdf', mimeType: 'application/pdf', buffer: samplePdf('党课') });
    await drawer.getByRole('link', { name: '党课课件' }).waitFor();
    await screenshot(office, 'party-packages');
    await office.keyboard.press('Escape');
    await office.goto('/party/campaigns');
    await office.getByRole('link', { name: '抗疫捐款' }).waitFor();
    await screenshot(office, 'party-campaigns');
    await office.goto('/party/monthly');
    await office.locator('.ant-table-row').filter({ hasText: '白渡' }).waitFor();
    await office.locator('canvas').first().waitFor();
    await screenshot(office, 'party-monthly', true);
    expect(errors.flat()).toEqual([]);
  });
});
