import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENEFICIARY_HEADERS, beneficiaryRows } from '../test/care-xlsx';
import { xlsxBuffer } from '../test/xlsx';
import { chooseOption, signIn, submitSignIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { TEL_DIALLER } from './support/dialler';
import { startServer, type TestServer } from './support/server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Serious and critical axe-core findings on the page as it stands (WCAG 2.x A and AA rules). */
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The smallest rendered buttons, inputs and link-buttons of the phone page (MIIT 2021 targets). */
async function smallestTarget(page: Page) {
  const sizes = await page
    .locator('button, a.btn, a.back, a.item-link, label.choice, label.check, select, input:not([type=radio]):not([type=checkbox])')
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

/** The total the list's pagination states: 「共 N 条」. */
async function listTotal(page: Page): Promise<number> {
  const text = await page.locator('.ant-pagination-total-text').first().textContent();
  return Number(text?.match(/\d+/)?.[0]);
}

// The care module's main journey, as staff and a caller click it (issue 「优抚对象关爱」, part 1):
// staff import a 30-row roll with two bad rows and are shown both errors, nothing written; they fix
// the file and import it; create a campaign over 白渡 with the 白渡 staff member as caller; she
// records, on a phone, one reached call with two needs and one unreached call; the needs list shows
// the two needs under 白渡 and the unreached person is back in her queue. The progress page follows
// the calls live.
describe('care: import, phone check-in campaign, needs list', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let caller: Page;
  let errors: string[][] = [];
  let campaignUrl = '';
  let reachedName = '';
  let missedName = '';
  let seededNeeds: { item: string; neighborhoodName: string; quantity: number; people: number; urgent: number }[] = [];

  const rows = beneficiaryRows(30);
  // row 6 of the sheet: an ID number whose check digit is wrong; row 13: a 10-digit mobile number
  const bad = rows.map((r) => [...r]);
  const id = String(bad[4]?.[2]);
  (bad[4] as (string | null)[])[2] = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
  (bad[11] as (string | null)[])[3] = '1370000123';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const desk = await desktopContext(browser, server.url);
    const phone = await phoneContext(browser, server.url);
    // the phone's dialler: a tap on a tel: link is recorded instead of leaving the page
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

  it('shows both errors of a 30-row workbook with two bad rows, refuses to import it, and writes nothing', async () => {
    await signIn(staff, 'care');
    await staff.waitForURL((url) => url.pathname === '/');
    await staff.locator('.ant-menu').getByText('优抚对象').click();
    await staff.waitForURL('**/care/beneficiaries');
    await staff.getByTestId('beneficiaries-table').locator('.ant-table-row').first().waitFor();
    // the demo subdistrict starts with 40
    expect(await listTotal(staff)).toBe(40);
    await screenshot(staff, 'care-beneficiaries');

    await staff.getByRole('button', { name: /导\s*入/ }).click();
    await staff.waitForURL('**/care/import');
    await staff.getByTestId('import-template').waitFor();
    expect(await staff.getByTestId('import-template').getAttribute('href')).toBe('/api/imports/beneficiaries/template');
    await screenshot(staff, 'care-import-template');
    await staff.getByTestId('import-to-upload').click();
    await staff
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: '优抚对象.xlsx', mimeType: XLSX, buffer: await xlsxBuffer(bad, { headers: BENEFICIARY_HEADERS }) });

    await staff.getByTestId('import-bad').waitFor();
    expect(await staff.getByTestId('import-bad').textContent()).toContain('发现 2 处错误');
    const errorRows = staff.getByTestId('import-errors').locator('.ant-table-row');
    expect(await errorRows.count()).toBe(2);
    const [first, second] = await errorRows.allTextContents();
    expect(first).toMatch(/^6身份证号.*校验/);
    expect(second).toMatch(/^13手机号码/);
    // the two wrong cells are marked in the preview, in words as well as in red
    const marked = staff.getByTestId('import-sample').locator('td[data-error="true"]');
    expect(await marked.count()).toBe(2);
    expect(await marked.first().getAttribute('title')).toContain('校验');
    // nothing to confirm while there are errors
    expect(await staff.getByTestId('import-next').isDisabled()).toBe(true);
    await staff.getByText('请先改正全部错误再导入').waitFor();
    await screenshot(staff, 'care-import-errors', true);

    await staff.locator('.ant-menu').getByText('优抚对象').click();
    await staff.waitForURL('**/care/beneficiaries');
    await staff.getByTestId('beneficiaries-table').locator('.ant-table-row').first().waitFor();
    expect(await listTotal(staff)).toBe(40);
  });

  it('imports the fixed file', async () => {
    await staff.locator('.ant-menu').getByText('导入名册').click();
    await staff.getByTestId('import-to-upload').click();
    await staff
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: '优抚对象.xlsx', mimeType: XLSX, buffer: await xlsxBuffer(rows, { headers: BENEFICIARY_HEADERS }) });
    await staff.getByTestId('import-ok').waitFor();
    expect(await staff.getByTestId('import-counts').textContent()).toContain('30');
    await screenshot(staff, 'care-import-preview');
    await staff.getByTestId('import-next').click();
    await staff.getByTestId('import-commit').waitFor();
    await screenshot(staff, 'care-import-confirm');
    await staff.getByTestId('import-commit').click();
    await staff.getByTestId('import-done').waitFor();
    expect(await staff.getByTestId('import-done').textContent()).toContain('新增 30 行');
    await screenshot(staff, 'care-import-done');

    await staff.getByRole('button', { name: '查看名册' }).click();
    await staff.waitForURL('**/care/beneficiaries');
    await staff.getByTestId('beneficiaries-table').locator('.ant-table-row').first().waitFor();
    await expect.poll(() => listTotal(staff)).toBe(70);
    // the imported people are in the list, phones masked
    await staff.getByTestId('beneficiaries-search').locator('input').fill('13700001000');
    await staff.getByTestId('beneficiaries-search').locator('input').press('Enter');
    await staff.waitForURL(/q=13700001000/);
    const found = staff.getByTestId('beneficiaries-table').locator('.ant-table-row');
    await expect.poll(() => found.count()).toBe(1);
    const row = found.first();
    expect(await row.textContent()).toContain('137****1000');
    expect(await row.textContent()).not.toContain('13700001000');
  });

  it('creates a campaign over 白渡 with the 白渡 staff member as caller', async () => {
    seededNeeds = (await (await staff.request.get('/api/care/needs/summary')).json()).cells;
    await staff.locator('.ant-menu').getByText('电话慰问').click();
    await staff.waitForURL('**/care/campaigns');
    await staff.getByTestId('campaigns-table').locator('.ant-table-row').first().waitFor();
    await screenshot(staff, 'care-campaigns');
    await staff.getByTestId('campaign-create').click();
    await staff.waitForURL('**/care/campaigns/new');
    await staff.getByLabel('活动名称').fill('白渡防疫电话慰问');
    // a multiple select stays open after a choice: close it before the next
    await chooseOption(staff, staff.getByTestId('campaign-neighborhoods'), '白渡');
    await staff.keyboard.press('Escape');
    await chooseOption(staff, staff.getByTestId('campaign-callers'), '白渡居委 张萍（白渡）');
    await staff.keyboard.press('Escape');
    await screenshot(staff, 'care-campaign-create', true);
    await staff.getByTestId('campaign-submit').click();
    await staff.waitForURL(/\/care\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = new URL(staff.url()).pathname;
    // 10 of the demo and 12 of the import live in 白渡
    await staff.getByText('已创建，名单共 22 人').waitFor();
    expect(await staff.getByTestId('campaign-pending').textContent()).toContain('22');
    expect(await staff.getByTestId('progress-caller').textContent()).toContain('白渡居委 张萍');
    await staff.locator('[data-testid="campaign-live"][data-state="live"]').waitFor();
    // 「开始拨打」 opens the phone call screen of this campaign
    expect(await staff.getByTestId('campaign-call').getAttribute('href')).toBe(`/m${campaignUrl}`);
    await screenshot(staff, 'care-campaign-progress');
  });

  it('lets the caller sign in on a phone and open her queue, pending first', async () => {
    await caller.goto(`/m${campaignUrl}`);
    // not signed in: the staff sign-in, which brings her back
    await caller.waitForURL('**/login?from=**');
    await submitSignIn(caller, 'baidu', 'Linli@Demo2020');
    await caller.waitForURL(`**/m${campaignUrl}`);
    await caller.getByRole('heading', { name: '白渡防疫电话慰问' }).waitFor();
    expect(await caller.getByTestId('queue-count').textContent()).toBe('已处理 0 人，共 22 人');
    expect(await caller.getByTestId('queue-pending').locator('a').count()).toBe(22);
    expect(await seriousViolations(caller)).toEqual([]);
    await screenshot(caller, 'phone-care-queue');
    await caller.getByRole('link', { name: /返回/ }).click();
    await caller.waitForURL('**/m/care');
    await caller.getByRole('link', { name: /白渡防疫电话慰问/ }).waitFor();
    await screenshot(caller, 'phone-care-campaigns');
    await caller.getByRole('link', { name: /白渡防疫电话慰问/ }).click();
    await caller.waitForURL(`**/m${campaignUrl}`);
  });

  it('records a reached call with two needs; the progress page follows without a reload', async () => {
    // someone the import just added (row 2 of the sheet), so every need of theirs is from this call
    const imported = caller.getByTestId('queue-pending').locator('a', { hasText: '中山南路10弄' });
    reachedName = String(rows[0]?.[0]);
    expect(await imported.textContent()).toContain(reachedName);
    await imported.click();
    await caller.getByRole('heading', { name: reachedName }).waitFor();
    expect(await caller.getByTestId('call-summary').textContent()).toContain('第 1 次拨打（最多 3 次）');
    await caller.getByText('宣传防疫知识').waitFor();
    expect(await seriousViolations(caller)).toEqual([]);
    await screenshot(caller, 'phone-care-call');

    await caller.getByTestId('dial').click();
    const tel = caller.getByTestId('phones').locator('a[href^="tel:"]').first();
    expect(await tel.getAttribute('href')).toMatch(/^tel:1\d{10}$/);
    await caller.getByLabel('已接通').check();
    await caller.getByRole('group', { name: '身体状况' }).getByLabel('一般').check();
    await caller.getByRole('group', { name: '生活状况' }).getByLabel('正常').check();
    await caller.getByRole('group', { name: '情绪' }).getByLabel('良好').check();
    await caller.getByLabel('已讲解防疫知识和建议').check();
    await caller.getByRole('button', { name: '添加一项需求' }).click();
    const need1 = caller.getByRole('group', { name: '第 1 项需求' });
    await need1.getByLabel('物品或服务').selectOption({ label: '口罩' });
    await need1.getByLabel('数量').fill('20');
    await caller.getByRole('button', { name: '添加一项需求' }).click();
    const need2 = caller.getByRole('group', { name: '第 2 项需求' });
    await need2.getByLabel('物品或服务').selectOption({ label: '药品代配' });
    await need2.getByLabel('数量').fill('1');
    await need2.getByLabel('紧急', { exact: true }).check();
    await need2.getByLabel('说明（可不填）').fill('降压药');
    expect(await seriousViolations(caller)).toEqual([]);
    const smallest = await smallestTarget(caller);
    expect(smallest?.size ?? 0, JSON.stringify(smallest)).toBeGreaterThanOrEqual(44);
    await screenshot(caller, 'phone-care-call-form', true);

    expect(await staff.getByTestId('campaign-reached').textContent()).toContain('0');
    const save = caller.getByTestId('call-save');
    // a double tap: the button is disabled at once and the server counts the form's key once
    await save.dblclick();
    // on to the next person of the queue
    await caller.getByText(`已保存 ${reachedName} 的通话记录。`).waitFor();
    await caller.getByTestId('dial').waitFor();
    missedName = (await caller.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(missedName).not.toBe(reachedName);

    // the staff member's page moves by itself
    await staff.getByTestId('campaign-reached').getByText('1', { exact: true }).waitFor();
    expect(await staff.getByTestId('campaign-pending').textContent()).toContain('21');
    const byCaller = staff.getByTestId('progress-caller').locator('.ant-table-row', { hasText: '白渡居委 张萍' });
    // reached, unreached, to retry, to call, calls made, people
    expect((await byCaller.locator('td').allTextContents()).slice(1, 7)).toEqual(['1', '0', '0', '21', '1', '22']);
    await screenshot(staff, 'care-campaign-progress-live');
  });

  it('records an unreached call (no answer), which goes back into the queue', async () => {
    await caller.getByTestId('dial').click();
    await caller.getByLabel('无人接听').check();
    await caller.getByText('未接通的会放回名单，稍后再拨。').waitFor();
    expect(await seriousViolations(caller)).toEqual([]);
    await screenshot(caller, 'phone-care-call-unreached');
    await caller.getByTestId('call-save').click();
    await caller.getByText(`${missedName} 未接通，已放回名单稍后再拨。`).waitFor();
    await caller.getByTestId('dial').waitFor();
    expect(await caller.getByRole('heading', { level: 1 }).textContent()).not.toBe(missedName);
    await screenshot(caller, 'phone-care-next');

    await caller.getByRole('link', { name: /返回/ }).click();
    await caller.waitForURL(`**/m${campaignUrl}`);
    const pending = caller.getByTestId('queue-pending');
    await pending.waitFor();
    expect(await caller.getByTestId('queue-count').textContent()).toBe('已处理 1 人，共 22 人');
    const back = pending.locator('a', { hasText: missedName });
    expect(await back.textContent()).toContain('待重拨');
    expect(await back.textContent()).toContain('已拨 1 次，上次：无人接听');
    // tried people wait behind the untried ones
    expect(await pending.locator('a').last().textContent()).toContain(missedName);
    const done = caller.getByTestId('queue-finished').locator('a', { hasText: reachedName });
    expect(await done.textContent()).toContain('已接通');
    await screenshot(caller, 'phone-care-queue-after', true);
    // tried and back in the queue: 未接通 1 (待重拨 1), no longer counted as still to call (issue #11 §6)
    await staff.getByTestId('campaign-unreached').getByText('1', { exact: true }).waitFor();
    expect(await staff.getByTestId('campaign-pending').textContent()).toContain('20');
    expect(await staff.getByTestId('campaign-retry').textContent()).toContain('1');
  });

  it('shows the two needs under 白渡 on the needs list and drills down to the person', async () => {
    await staff.locator('.ant-menu').getByText('需求清单').click();
    await staff.waitForURL('**/care/needs');
    const seeded = (item: string) => seededNeeds.find((c) => c.item === item && c.neighborhoodName === '白渡');
    const masks = staff.getByTestId('need-cell-masks-白渡');
    await masks.waitFor();
    expect(await masks.textContent()).toContain(`${(seeded('masks')?.quantity ?? 0) + 20} 个`);
    expect(await masks.textContent()).toContain(`${(seeded('masks')?.people ?? 0) + 1} 人`);
    const medicine = staff.getByTestId('need-cell-medicine-白渡');
    expect(await medicine.textContent()).toContain(`${(seeded('medicine')?.quantity ?? 0) + 1} 次`);
    expect(await medicine.textContent()).toContain(`紧急 ${(seeded('medicine')?.urgent ?? 0) + 1}`);
    await screenshot(staff, 'care-needs');

    const needRows = staff.getByTestId('needs-table').locator('.ant-table-row');
    const only = (item: string) => async () => (await needRows.allTextContents()).every((t) => t.includes(item) && t.includes('白渡'));
    await medicine.click();
    await staff.waitForURL(/item=medicine/);
    await expect.poll(only('药品代配')).toBe(true);
    const row = needRows.filter({ hasText: reachedName });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('降压药');
    expect(await row.textContent()).toContain('紧急');
    await masks.click();
    await staff.waitForURL(/item=masks/);
    await expect.poll(only('口罩')).toBe(true);
    const maskRow = needRows.filter({ hasText: reachedName });
    expect(await maskRow.count()).toBe(1);
    expect(await maskRow.textContent()).toContain('20');
    // 登记 → 已核实
    await maskRow.getByRole('button', { name: '核实' }).click();
    await staff.getByText('状态已改为「已核实」').waitFor();
    await maskRow.getByText('已核实').waitFor();
    await screenshot(staff, 'care-needs-drilldown');
  });

  it('shows the person’s calls, needs and contact history, and keeps a phone change as history', async () => {
    await staff.getByTestId('needs-table').getByRole('link', { name: reachedName }).first().click();
    await staff.waitForURL(/\/care\/beneficiaries\/[0-9a-f-]{36}$/);
    await staff.getByTestId('beneficiary-name').getByText(reachedName).waitFor();
    expect(await staff.getByTestId('beneficiary-calls').textContent()).toContain('已接通');
    expect(await staff.getByTestId('beneficiary-needs').textContent()).toContain('降压药');
    // masked everywhere; revealing is its own, audited, click
    expect(await staff.getByTestId('masked-idNumber').textContent()).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await staff.getByTestId('reveal-phone').hover();
    await staff.getByText('查看完整信息会记入审计日志').waitFor();
    await staff.getByTestId('reveal-phone').click();
    expect(await staff.getByTestId('revealed-phone').textContent()).toMatch(/^1\d{10}$/);
    await screenshot(staff, 'care-beneficiary');

    await staff.getByTestId('beneficiary-edit').click();
    const drawer = staff.getByRole('dialog');
    await drawer.getByLabel('手机号码').fill('123');
    await drawer.getByTestId('beneficiary-save').click();
    // the server's objection, under the field
    await drawer.locator('#phone_help').getByText('手机号码应为 11 位数字').waitFor();
    await screenshot(staff, 'care-beneficiary-edit-error');
    await drawer.getByLabel('手机号码').fill('13611112222');
    await drawer.getByTestId('beneficiary-save').click();
    await drawer.waitFor({ state: 'detached' });
    const history = staff.getByTestId('contact-history');
    await history.getByText('136****2222').waitFor();
    expect(await history.textContent()).toContain('修改人：优抚科 周敏');
    expect(await history.textContent()).toContain('当前');
    expect(await staff.getByTestId('masked-phone').textContent()).toBe('136****2222');
    await screenshot(staff, 'care-beneficiary-history');
  });

  it('lists the follow-ups, and a wrong number raises a task to correct the phone', async () => {
    await caller.getByTestId('queue-pending').locator('a').first().click();
    await caller.getByTestId('dial').click();
    await caller.getByLabel('号码错误').check();
    await caller.getByText(/会生成更正电话的待办/).waitFor();
    await caller.getByTestId('call-save').click();
    await caller.getByText(/的通话记录。/).waitFor();

    await staff.locator('.ant-menu').getByText('待办').click();
    await staff.waitForURL('**/care/todos');
    const todo = staff.getByTestId('todos-table').locator('.ant-table-row', { hasText: '更正电话' });
    await todo.waitFor();
    await screenshot(staff, 'care-todos');
    await todo.getByRole('button', { name: /完\s*成/ }).click();
    await staff.getByText('待办已完成').waitFor();
    await todo.waitFor({ state: 'detached' });
  });

  it('keeps the call screen usable in large-text mode', async () => {
    await caller.getByTestId('large-text-toggle').click();
    await caller.getByTestId('dial').click();
    await caller.getByLabel('已接通').check();
    await caller.getByRole('button', { name: '添加一项需求' }).click();
    const fontSize = await caller
      .locator('main p')
      .first()
      .evaluate((p) => Number.parseFloat(getComputedStyle(p).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(24);
    const smallest = await smallestTarget(caller);
    expect(smallest?.size ?? 0, JSON.stringify(smallest)).toBeGreaterThanOrEqual(60);
    expect(await seriousViolations(caller)).toEqual([]);
    await screenshot(caller, 'phone-care-call-large');
    // a desktop browser gets the same screen, centred
    await caller.setViewportSize({ width: 1440, height: 900 });
    await screenshot(caller, 'phone-care-call-desktop');
  });

  it('raised no page errors along the way', () => {
    expect(errors.flat()).toEqual([]);
  });
});
