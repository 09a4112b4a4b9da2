import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigit } from '../src/server/core/people/id-number';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

/** Serious and critical axe-core findings on the page as it stands (WCAG 2.x A and AA rules). */
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The smallest rendered tap target of the phone page (MIIT 2021: ≥ 44 pt). */
async function smallestTarget(page: Page) {
  const sizes = await page
    .locator(
      'button, a.btn, a.back, a.item-link, label.choice, label.check, label.chip, select, input:not([type=radio]):not([type=checkbox])',
    )
    .evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { what: `${e.tagName.toLowerCase()} ${e.textContent?.trim().slice(0, 20)}`, size: Math.min(r.height, r.width) };
        })
        .sort((a, b) => a.size - b.size),
    );
  return sizes[0];
}

const PHONE = '13900007777';
const NAME = '林一帆';
/** the demo recruiting partner's employer (its account `partner` is granted on it only) */
const PARTNER_EMPLOYERS = ['上海小东门信息科技有限公司'];

// Issue #9's journey: a graduate opens the fair's public page on a phone, signs in by SMS code,
// fills in intentions and salary and consents, sees recommended positions with reasons and applies
// to one of the partner's positions; the partner's account sees them among its applicants, ranked
// with reasons; once the graduate withdraws consent the partner no longer sees them.
describe('jobs: a graduate registers and applies; the employer sees consenting applicants ranked', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let phone: Page;
  let partner: Page;
  let errors: string[][] = [];
  let fairId = '';
  let appliedTitle = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const p = await phoneContext(browser, server.url);
    const d = await desktopContext(browser, server.url);
    contexts.push(p, d);
    phone = await p.newPage();
    partner = await d.newPage();
    errors = [pageErrors(phone), pageErrors(partner)];
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the published fair and its positions to anyone, without signing in', async () => {
    const res = await phone.request.get('/api/jobs/public/fairs');
    expect(res.status()).toBe(200);
    const { fairs } = (await res.json()) as { fairs: { id: string; title: string }[] };
    expect(fairs.length).toBeGreaterThan(0);
    fairId = (fairs[0] as { id: string }).id;
    await phone.goto(`/m/jobs/fairs/${fairId}`);
    await phone.getByRole('heading', { name: (fairs[0] as { title: string }).title }).waitFor();
    await phone.getByRole('heading', { name: /招聘岗位（\d+ 个）/ }).waitFor();
    expect(await phone.locator('li.position').count()).toBeGreaterThan(5);
    await phone.getByTestId('fair-qr').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'phone-jobs-fair');
    await screenshot(phone, 'phone-jobs-fair-full', true);
  });

  it('signs the graduate in by SMS code from the registration entry', async () => {
    await phone.getByTestId('fair-register').click();
    await phone.waitForURL('**/m/jobs');
    await phone.getByTestId('jobs-signin').click();
    await phone.waitForURL('**/m/login');
    const before = server.lines.length;
    await phone.getByLabel('手机号码').fill(PHONE);
    await phone.getByRole('button', { name: '获取验证码' }).click();
    await phone.getByRole('heading', { name: '输入验证码' }).waitFor();
    const code = await server.smsCode(PHONE, before);
    await phone.getByLabel('短信验证码').fill(code);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL('**/m/home');
    await phone.getByRole('link', { name: /云招聘/ }).click();
    await phone.waitForURL('**/m/jobs');
    await phone.getByText('您还没有登记求职信息').waitFor();
    await screenshot(phone, 'phone-jobs-start');
  });

  it('refuses a form without its required answers, in words under each field', async () => {
    await phone.getByTestId('jobs-fill-profile').click();
    await phone.waitForURL('**/m/jobs/profile');
    await phone.getByTestId('jobs-profile-form').waitFor();
    await phone.getByRole('button', { name: '保存' }).click();
    await phone.getByText('出错了：请填写姓名').waitFor();
    await phone.getByText('出错了：请选择目前状态').waitFor();
    expect(await phone.getByLabel('姓名').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(phone)).toEqual([]);
  });

  it('takes intentions, salary and the explicit consent, then shows recommended positions with reasons', async () => {
    await phone.getByLabel('姓名').fill(NAME);
    await phone.getByLabel('手机号码').fill(PHONE);
    await phone.getByRole('group', { name: '性别' }).getByLabel('男').check();
    await phone.getByLabel('出生年份').fill('2003');
    await phone.getByRole('group', { name: '目前状态' }).getByLabel('应届毕业生').check();
    await phone.getByLabel('学历').selectOption('本科');
    await phone.getByLabel('毕业学校').fill('上海理工大学');
    await phone.getByLabel('专业', { exact: true }).fill('软件工程');
    await phone.getByLabel('毕业年份').fill('2026');
    await phone
      .getByRole('group', { name: /想做的岗位/ })
      .getByLabel('软件开发')
      .check();
    await phone
      .getByRole('group', { name: /希望的工作地点/ })
      .getByLabel('不限')
      .check();
    await phone.getByLabel('最低').fill('8000');
    await phone.getByLabel('最高').fill('12000');
    await phone.getByLabel(/工作年限/).fill('0');
    await phone.getByLabel('技能和证书').fill('Java Spring Boot MySQL，毕业设计做过小程序后端');
    expect(await phone.getByTestId('jobs-consent-wording').textContent()).toContain('提供给本街道招聘会的用人单位');
    await phone.getByLabel('我已阅读并同意以上内容').check();
    expect(await smallestTarget(phone)).toMatchObject({ size: expect.any(Number) });
    expect((await smallestTarget(phone))?.size).toBeGreaterThanOrEqual(44);
    await screenshot(phone, 'phone-jobs-profile', true);
    await phone.getByRole('button', { name: '保存' }).click();

    await phone.waitForURL('**/m/jobs/recommendations');
    await phone.getByText('已保存您的求职信息。').waitFor();
    const cards = phone.getByTestId('jobs-recommendation-list').locator('li.position');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    // every recommendation says why, in Chinese; the scores go down the list
    const first = await cards.first().textContent();
    expect(first).toMatch(/匹配度 \d+%/);
    expect(await cards.first().locator('ul.reasons li').count()).toBeGreaterThan(0);
    const scores = (await cards.locator('.score').allTextContents()).map((s) => Number(s.match(/\d+/)?.[0]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const reasons = (await phone.locator('ul.reasons li').allTextContents()).join('\n');
    expect(reasons).toMatch(/软件|专业|薪资/);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'phone-jobs-recommendations');
  });

  it('applies to one of the partner’s positions, once even when tapped twice', async () => {
    const cards = phone.getByTestId('jobs-recommendation-list').locator('li.position');
    const texts = await cards.allTextContents();
    const index = texts.findIndex((x) => PARTNER_EMPLOYERS.some((e) => x.includes(e)));
    expect(index, `no recommendation from ${PARTNER_EMPLOYERS.join(' / ')}: ${texts.join(' | ')}`).toBeGreaterThanOrEqual(0);
    const card = cards.nth(index);
    appliedTitle = ((await card.locator('h3').textContent()) ?? '').replace(/匹配度.*$/, '').trim();
    const button = card.getByRole('button', { name: '投递这个岗位' });
    await button.dblclick();
    await phone.getByText(`已投递「${appliedTitle}」`).waitFor();
    await cards.nth(index).getByText('已投递').waitFor();
    await screenshot(phone, 'phone-jobs-applied');
    await phone.getByRole('link', { name: '我的投递' }).click();
    await phone.waitForURL('**/m/jobs/applications');
    const apps = phone.getByTestId('jobs-application-list').locator('li');
    await apps.first().waitFor();
    expect(await apps.filter({ hasText: appliedTitle }).count()).toBe(1);
    expect(await apps.filter({ hasText: appliedTitle }).textContent()).toContain('已投递');
    await screenshot(phone, 'phone-jobs-my-applications');
  });

  it('shows the partner its applicants ranked with reasons, the graduate among them', async () => {
    await signIn(partner, 'partner');
    await partner.waitForURL((url) => url.pathname === '/');
    await partner.goto('/jobs/applications');
    const rows = partner.getByTestId('applications-table').locator('.ant-table-row');
    await rows.filter({ hasText: NAME }).waitFor();
    const row = rows.filter({ hasText: NAME });
    expect(await row.textContent()).toContain(appliedTitle);
    expect(await row.locator('.ant-tag').count()).toBeGreaterThan(2);
    // ranked: the match column goes down the list
    const scores = (await rows.locator('td:nth-child(2)').allTextContents()).map((s) => Number(s.replace('%', '')));
    expect(scores.length).toBeGreaterThan(0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // only the partner's own employers
    const employers = await rows.locator('td:nth-child(5)').allTextContents();
    for (const e of employers)
      expect(
        PARTNER_EMPLOYERS.some((p) => e.includes(p)),
        e,
      ).toBe(true);
    await screenshot(partner, 'jobs-partner-applications');
  });

  it('hides the graduate from the partner as soon as they withdraw consent', async () => {
    await phone.goto('/m/jobs');
    await phone.getByTestId('jobs-withdraw-consent').click();
    await phone.getByText('已撤回同意，用人单位已看不到您的信息。').waitFor();
    await screenshot(phone, 'phone-jobs-consent-withdrawn');
    await partner.reload();
    const rows = partner.getByTestId('applications-table').locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.filter({ hasText: NAME }).count()).toBe(0);
    const res = await partner.request.get('/api/jobs/applications');
    const body = (await res.json()) as { applications: { seekerName: string }[] };
    expect(body.applications.map((a) => a.seekerName)).not.toContain(NAME);
    await screenshot(partner, 'jobs-partner-after-withdrawal');
  });

  it('gives the office the fair’s public link and QR code, the seeker’s recommendations and the salary-gap chart', async () => {
    const office = await contexts[1]
      ?.browser()
      ?.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: server.url, viewport: { width: 1440, height: 900 } });
    if (!office) throw new Error('no browser context');
    contexts.push(office);
    office.setDefaultTimeout(10_000);
    const staff = await office.newPage();
    errors.push(pageErrors(staff));
    await signIn(staff, 'jobs');
    await staff.waitForURL((url) => url.pathname === '/');

    await staff.goto('/jobs/fairs');
    const fairRow = staff.getByTestId('fairs-table').locator('.ant-table-row').first();
    await fairRow.getByText('已发布').waitFor();
    await fairRow.getByRole('button', { name: /公开页面/ }).click();
    await staff.getByTestId('fair-qr').waitFor();
    // the dialog has finished opening (antd's zoom motion)
    await staff.locator('.ant-modal:not([class*="ant-zoom"])').waitFor();
    expect(await staff.getByTestId('fair-link').getAttribute('href')).toBe(`${server.url}/m/jobs/fairs/${fairId}`);
    await screenshot(staff, 'jobs-fair-qr');
    await staff.keyboard.press('Escape');

    // the office still sees the graduate (the registry is theirs), marked as not consenting
    await staff.goto('/jobs/seekers');
    const seekerRow = staff.getByTestId('seekers-table').locator('.ant-table-row').filter({ hasText: NAME });
    await seekerRow.waitFor();
    expect(await seekerRow.textContent()).toContain('未同意');
    expect(await seekerRow.textContent()).toContain('139****7777');
    await screenshot(staff, 'jobs-seekers');
    await seekerRow.getByRole('link', { name: NAME }).click();
    await staff.waitForURL('**/jobs/seekers/*');
    const recs = staff.getByTestId('seeker-recommendations').locator('.ant-list-item');
    await recs.first().waitFor();
    expect(await recs.first().textContent()).toMatch(/匹配度 \d+%/);
    await recs.filter({ hasText: appliedTitle }).getByText('已投递').first().waitFor();
    await screenshot(staff, 'jobs-seeker-detail');

    // someone who phoned in: registered by the office with their consent read out, then applied for
    await staff.goto('/jobs/seekers');
    await staff.getByTestId('seeker-register').click();
    const form = staff.getByTestId('seeker-form');
    await form.waitFor();
    const id17 = '31010120040512123';
    await form.getByLabel('手机号码').fill('13900008888');
    await form.getByLabel('身份证号').fill(id17 + checkDigit(id17));
    await form.getByLabel('姓名').fill('周晓琳');
    await form.getByLabel('专业').fill('会计学');
    await form.getByLabel('意向岗位类别').fill('会计');
    await form.getByLabel('意向岗位类别').press('Enter');
    await form.getByLabel('期望月薪下限（元）').fill('6000');
    await form.getByLabel('期望月薪上限（元）').fill('8000');
    await form.getByLabel('同意向用人单位提供信息').check();
    await screenshot(staff, 'jobs-seeker-register');
    await staff
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await staff.waitForURL('**/jobs/seekers/*');
    await staff.getByText('周晓琳 · 求职信息').waitFor();
    const offered = staff.getByTestId('seeker-recommendations').locator('.ant-list-item');
    await offered.first().waitFor();
    expect(await offered.first().textContent()).toMatch(/会计|财务/);
    await offered.first().getByRole('button', { name: '代为投递' }).click();
    await staff.getByText(/已为 周晓琳 投递「/).waitFor();
    await offered.first().getByText('已投递').waitFor();

    await staff.goto('/jobs/stats');
    await staff.getByTestId('gap-chart').locator('canvas').waitFor();
    await screenshot(staff, 'jobs-stats');
  });

  it('raised no errors in either page', () => {
    expect(errors.flat()).toEqual([]);
  });
});
