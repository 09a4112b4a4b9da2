import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, submitSignIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { TEL_DIALLER } from './support/dialler';
import { startServer, type TestServer } from './support/server';

// Care part 1 as its users found it (issue #11 §6 and §4): a no-answer call counts as tried on the
// progress page; the first tap dials; staff close the campaign (no more calls, figures kept, call
// list exported and printed); the beneficiary's page shows the timeline, a note and a volunteer pairing.
describe('care fixes: progress after no answer, closing a campaign, the timeline', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let caller: Page;
  let errors: string[][] = [];
  let campaignId = '';
  let total = 0;
  let missedName = '';
  let missedId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const desk = await desktopContext(browser, server.url);
    const phone = await phoneContext(browser, server.url);
    await phone.addInitScript(TEL_DIALLER);
    contexts.push(desk, phone);
    staff = await desk.newPage();
    caller = await phone.newPage();
    errors = [pageErrors(staff), pageErrors(caller)];
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates a campaign over 白渡 for the 白渡 staff member', async () => {
    await signIn(staff, 'care');
    await staff.waitForURL((url) => url.pathname === '/');
    const me = await (await staff.request.get('/api/auth/me')).json();
    const callers = (await (await staff.request.get('/api/care/callers')).json()).callers as { id: string; name: string }[];
    const people = (await (await staff.request.get('/api/care/beneficiaries?pageSize=100')).json()).items as {
      neighborhoodId: string;
      neighborhoodName: string;
    }[];
    const baidu = people.find((p) => p.neighborhoodName === '白渡')?.neighborhoodId;
    const res = await staff.request.post('/api/care/campaigns', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        title: '春节电话慰问',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        talkingPoints: '拜年问候；了解身体和生活情况。',
        filter: { neighborhoodIds: [baidu] },
        splitMode: 'evenly',
        callerIds: [callers.find((c) => c.name === '白渡居委 张萍')?.id],
        maxAttempts: 3,
      },
    });
    expect(res.status()).toBe(200);
    const body = await res.json();
    campaignId = body.id;
    total = body.total;
    expect(total).toBeGreaterThan(2);
  });

  it('dials on the first tap and records a no-answer call on the phone', async () => {
    await caller.goto(`/m/care/campaigns/${campaignId}`);
    await caller.waitForURL('**/login?from=**');
    await submitSignIn(caller, 'baidu', 'Linli@Demo2020');
    await caller.waitForURL(`**/m/care/campaigns/${campaignId}`);
    await caller.getByTestId('queue-pending').locator('a').first().click();
    await caller.getByTestId('dial').waitFor();
    missedName = (await caller.getByRole('heading', { level: 1 }).textContent()) ?? '';
    // the masked number stays on one line even in large-text mode
    await caller.getByTestId('large-text-toggle').click();
    const masked = caller.locator('.phone-number').first();
    expect(await masked.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('nowrap');
    const lineHeight = await masked.evaluate((e) => Number.parseFloat(getComputedStyle(e).lineHeight));
    expect((await masked.boundingBox())?.height ?? 0).toBeLessThan(lineHeight * 1.5);
    await masked.scrollIntoViewIfNeeded();
    await screenshot(caller, 'phone-care-fix-dial-large');
    await caller.getByTestId('large-text-toggle').click();

    // one tap: the numbers are revealed (audited on the server) and the dialler gets the main one
    await caller.getByTestId('dial').click();
    await caller.getByTestId('phones').waitFor();
    const dialled = await caller.evaluate(() => (window as unknown as { dialled: string[] }).dialled);
    expect(dialled).toHaveLength(1);
    expect(dialled[0]).toMatch(/^tel:1\d{10}$/);
    expect(await caller.getByTestId('phones').locator('a').first().getAttribute('href')).toBe(dialled[0]);
    await caller.getByLabel('无人接听').check();
    await screenshot(caller, 'phone-care-fix-noanswer', true);
    await caller.getByTestId('call-save').click();
    await caller.getByText(`${missedName} 未接通，已放回名单稍后再拨。`).waitFor();
  });

  it('shows the unreached person as tried on the progress page and in the call list', async () => {
    await staff.goto(`/care/campaigns/${campaignId}`);
    await staff.getByTestId('campaign-unreached').getByText('1', { exact: true }).waitFor();
    expect(await staff.getByTestId('campaign-retry').textContent()).toContain('1');
    expect(await staff.getByTestId('campaign-pending').textContent()).toContain(String(total - 1));
    expect(await staff.getByTestId('campaign-attempts').textContent()).toContain('1');
    const row = staff.getByTestId('campaign-tasks').locator(`tr[data-row="${missedName}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('retry');
    expect(await row.textContent()).toContain('待重拨');
    expect(await row.textContent()).toContain('无人接听');
    await screenshot(staff, 'care-fix-campaign-progress', true);
  });

  it('closes the campaign: figures kept, no more calls, call list exported and printed', async () => {
    await staff.getByTestId('campaign-close').click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '结束活动' }).click();
    await staff.getByText('活动已结束，统计已保存').waitFor();
    await staff.getByText('已结束', { exact: true }).first().waitFor();
    expect(await staff.getByTestId('campaign-call').count()).toBe(0);
    expect(await staff.getByTestId('campaign-close').count()).toBe(0);
    expect(await staff.getByTestId('campaign-unreached').textContent()).toContain('1');
    await screenshot(staff, 'care-fix-campaign-closed');

    // the caller's next save is refused, in words
    await caller.goto(`/m/care/campaigns/${campaignId}`);
    await caller.getByTestId('queue-pending').locator('a').first().click();
    await caller.getByTestId('dial').click();
    await caller.getByLabel('无人接听').check();
    await caller.getByTestId('call-save').click();
    await caller.getByText('慰问活动已结束').waitFor();
    await screenshot(caller, 'phone-care-fix-closed');

    const href = await staff.getByTestId('campaign-export').getAttribute('href');
    expect(href).toBe(`/api/care/campaigns/${campaignId}/export`);
    const file = await staff.request.get(href ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');

    const print = await staff.context().newPage();
    await print.goto(`/care/campaigns/${campaignId}/print`);
    await print.getByTestId('campaign-print-sheet').waitFor();
    expect(await print.getByTestId('print-figures').textContent()).toBe(
      `已接通 0 人，未接通 1 人（待重拨 1 人），待拨打 ${total - 1} 人，共 ${total} 人，拨打 1 次`,
    );
    expect(await print.locator('tbody tr').count()).toBe(total);
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('.ant-layout-sider').first().isVisible()).toBe(false);
    await screenshot(print, 'care-fix-campaign-print', true);
    await print.close();
  });

  it('shows the timeline on the beneficiary page, with a note and a volunteer pairing added there', async () => {
    const tasks = (await (await staff.request.get(`/api/care/campaigns/${campaignId}/tasks`)).json()).tasks as {
      name: string;
      beneficiaryId: string;
    }[];
    missedId = tasks.find((t) => t.name === missedName)?.beneficiaryId ?? '';
    await staff.goto(`/care/beneficiaries/${missedId}`);
    const timeline = staff.getByTestId('timeline');
    await timeline.getByText('电话慰问：无人接听').waitFor();
    expect(await timeline.textContent()).toContain('活动：春节电话慰问');

    await timeline.getByLabel('工作记录').fill('女儿下周回沪探望');
    await staff.getByTestId('timeline-add').click();
    await timeline.getByText('女儿下周回沪探望').waitFor();

    await staff.getByTestId('volunteer-picker').click();
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '志愿者 赵晓东' })
      .click();
    await staff.getByText('结对志愿者已更新').waitFor();
    await timeline.getByText('修改结对志愿者').waitFor();
    // newest first: the pairing, then the note, then the call
    const titles = await timeline.locator('[data-testid="timeline-entry"] strong').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['修改结对志愿者', '工作记录', '电话慰问：无人接听']);
    await screenshot(staff, 'care-fix-timeline', true);
  });

  it('keeps talking-point templates, and a new campaign starts from one', async () => {
    await staff.locator('.ant-menu').getByText('慰问话术模板').click();
    await staff.waitForURL('**/care/templates');
    const rows = staff.getByTestId('templates-table').locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-row')))).toEqual(['防疫', '节日慰问', '高温关怀']);
    // the group robot for urgent needs: saved, then shown masked
    const robot = staff.getByTestId('robot-card');
    await robot.getByRole('textbox').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-robot-key-7788');
    await robot.getByRole('button', { name: /保\s*存/ }).click();
    await staff.getByText('群机器人已保存').waitFor();
    await expect.poll(async () => (await robot.locator('code').textContent()) ?? '').toContain('7788');
    expect(await robot.textContent()).not.toContain('demo-robot-key');
    await screenshot(staff, 'care-fix-templates', true);

    await staff.goto('/care/campaigns/new');
    await staff.getByTestId('campaign-template').click();
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '高温关怀' })
      .click();
    await expect.poll(() => staff.getByLabel('慰问要点').inputValue()).toContain('避开午后高温外出');
    await screenshot(staff, 'care-fix-campaign-template', true);
  });

  it('titles the needs page 需求清单 and finds needs by name', async () => {
    await staff.locator('.ant-menu').getByText('需求清单').click();
    await staff.waitForURL('**/care/needs');
    await staff.getByText('需求清单 · 未完成汇总').waitFor();
    const rows = staff.getByTestId('needs-table').locator('.ant-table-row');
    await rows.first().waitFor();
    const name = ((await rows.first().locator('td').first().textContent()) ?? '').trim();
    await staff.getByTestId('needs-search').locator('input').fill(name);
    await staff.getByTestId('needs-search').locator('input').press('Enter');
    await staff.waitForURL(/q=/);
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes(name))).toBe(true);
    await screenshot(staff, 'care-fix-needs-search');
  });

  it('raised no page errors along the way', () => {
    expect(errors.flat()).toEqual([]);
  });
});
