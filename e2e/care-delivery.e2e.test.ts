import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

const PHONE = '13611112222';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The smallest rendered buttons, inputs and link-buttons of the phone page (MIIT 2021 targets). */
async function smallestTarget(page: Page) {
  const sizes = await page
    .locator('button, a.btn, a.back, a.item-link, label.choice, select, input:not([type=radio]):not([type=checkbox])')
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

/** a phone photo: 2400×1800 JPEG whose EXIF carries the camera and a GPS position */
function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 160, g: 110, b: 70 } } })
    .withExif({
      IFD0: { Make: 'LinliTestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 29/1 0/1' },
    })
    .jpeg()
    .toBuffer();
}

// Care part 2 §1 and §3 as people click it: a need from part 1 is verified and becomes a delivery
// task for the demo volunteer; the volunteer signs in on a phone with an SMS code, takes the task
// and marks it delivered with a camera photo while the phone has no connection — the report waits
// in the phone's outbox and goes once, when the connection is back; staff confirm receipt after a
// call, and the need shows 已送达.
describe('care deliveries: need → task → volunteer on a phone → confirmed', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let admin: Page;
  let phone: Page;
  let phoneCtx: BrowserContext;
  let errors: string[][] = [];
  let need: { id: string; name: string; item: string; neighborhoodName: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const desk = await desktopContext(browser, server.url);
    const desk2 = await desktopContext(browser, server.url);
    phoneCtx = await phoneContext(browser, server.url);
    contexts.push(desk, desk2, phoneCtx);
    staff = await desk.newPage();
    admin = await desk2.newPage();
    phone = await phoneCtx.newPage();
    errors = [pageErrors(staff), pageErrors(admin)];
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the system administrator gives the demo volunteer a phone to sign in with', async () => {
    await signIn(admin, 'sysadmin');
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.locator('.ant-menu').getByText('账号管理').click();
    await admin.waitForURL('**/accounts');
    const row = admin.getByTestId('accounts-table').locator('tr', { hasText: '志愿者 赵晓东' });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = admin.getByRole('dialog');
    await drawer.getByLabel('短信登录手机号').fill(PHONE);
    await screenshot(admin, 'care-delivery-account-phone');
    await drawer.getByTestId('account-save').click();
    await admin.getByText('已保存').first().waitFor();
  });

  it('staff verify a need from the phone check-ins and turn it into a delivery task', async () => {
    await signIn(staff, 'care');
    await staff.waitForURL((u) => !u.pathname.startsWith('/login'));
    const registered = (await (await staff.request.get('/api/care/needs?status=registered&pageSize=100')).json()).items;
    need = registered.find((n: { neighborhoodName: string }) => n.neighborhoodName === '白渡') ?? registered[0];
    expect(need).toBeDefined();
    await staff.goto('/care/needs?status=registered&pageSize=100');
    const row = staff.locator('.ant-table-row').filter({ hasText: need.name }).first();
    await row.getByRole('button', { name: '核实' }).click();
    await staff.getByText('状态已改为「已核实」').waitFor();

    await staff.locator('.ant-menu').getByText('配送任务').click();
    await staff.waitForURL('**/care/deliveries');
    await chooseOption(staff, staff.getByTestId('delivery-volunteers'), '志愿者 赵晓东（白渡）');
    await staff.keyboard.press('Escape');
    await staff.getByTestId('delivery-propose').click();
    await staff.getByText(/配送方案：1 项需求，1 户，1 条路线/).waitFor();
    await screenshot(staff, 'care-delivery-plan', true);
    await staff.getByTestId('delivery-create').click();
    await staff.getByText('已创建 1 个配送任务').waitFor();
    const task = staff.getByTestId('delivery-tasks').locator('.ant-table-row').filter({ hasText: need.name });
    await expect.poll(async () => task.textContent()).toContain('待领取');
    expect(await task.textContent()).toContain('志愿者 赵晓东');
  });

  it('the volunteer signs in by SMS code on a phone and sees the task', async () => {
    await phone.goto('/m/login');
    await phone.getByLabel('手机号码').fill(PHONE);
    const before = server.lines.length;
    await phone.getByRole('button', { name: '获取验证码' }).click();
    await phone.getByRole('heading', { name: '输入验证码' }).waitFor();
    await phone.getByLabel('短信验证码').fill(await server.smsCode(PHONE, before));
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL('**/m/home');
    await phone
      .getByTestId('phone-entries')
      .getByRole('link', { name: /配送任务/ })
      .click();
    await phone.waitForURL('**/m/care/deliveries');
    const item = phone.getByTestId('deliveries-todo').getByRole('link', { name: new RegExp(need.name) });
    await item.waitFor();
    expect(await item.textContent()).toContain('待领取');
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'care-delivery-phone-list');
    await item.click();
    await phone.getByTestId('take').click();
    await phone.getByTestId('delivery-summary').getByText('已领取').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'care-delivery-phone-task', true);
  });

  it('marks it delivered with a photo while offline; the report is sent once when back online', async () => {
    await phone.getByRole('radio', { name: '已送达' }).check();
    await phone.getByLabel('送达照片').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
    await phone.getByRole('img', { name: /已选照片/ }).waitFor();
    await screenshot(phone, 'care-delivery-phone-photo', true);
    // touch targets: ≥ 44 pt, ≥ 60 pt in large-text mode
    const normal = await smallestTarget(phone);
    expect(normal?.size ?? 0, JSON.stringify(normal)).toBeGreaterThanOrEqual(44);
    await phone.getByTestId('large-text-toggle').click();
    const large = await smallestTarget(phone);
    expect(large?.size ?? 0, JSON.stringify(large)).toBeGreaterThanOrEqual(60);
    expect(await seriousViolations(phone)).toEqual([]);
    await screenshot(phone, 'care-delivery-phone-large', true);
    await phone.getByTestId('large-text-toggle').click();
    await phoneCtx.setOffline(true);
    await phone.getByTestId('report-submit').click();
    await phone.waitForURL('**/m/care/deliveries');
    await phone.getByText('已保存在手机上，网络恢复后自动发送。').waitFor();
    await phone.getByText('还有 1 条记录等待网络恢复后发送。').waitFor();
    const done = phone.getByTestId('deliveries-done').getByRole('link', { name: new RegExp(need.name) });
    expect(await done.textContent()).toContain('已保存，待发送');
    await screenshot(phone, 'care-delivery-phone-offline');
    await phoneCtx.setOffline(false);
    await expect.poll(() => done.textContent()).toContain('已送达');
    await expect.poll(() => phone.getByText(/条记录等待网络恢复后发送/).count()).toBe(0);
    // large-text mode for the screenshot of the finished list
    await phone.getByTestId('large-text-toggle').click();
    await screenshot(phone, 'care-delivery-phone-done');
    const reports = await (await staff.request.get('/api/care/deliveries/tasks?status=delivered')).json();
    expect(reports.total).toBe(1);
  });

  it('staff confirm receipt after a call, and the need shows 已送达', async () => {
    await staff.reload();
    const row = staff.getByTestId('delivery-tasks').locator('.ant-table-row').filter({ hasText: need.name });
    await expect.poll(async () => row.textContent()).toContain('已送达');
    // the stored photo: shrunk and without its EXIF (camera, GPS)
    const task = (await (await staff.request.get('/api/care/deliveries/tasks?status=delivered')).json()).items[0];
    const photo = await (await staff.request.get(task.photoUrl)).body();
    const meta = await sharp(photo).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(1280);
    await screenshot(staff, 'care-delivery-delivered');
    await row.getByRole('button', { name: '回访确认' }).click();
    await staff.getByRole('button', { name: /确\s*定/ }).click();
    await staff.getByText('已确认收到，相关需求已改为「已送达」').waitFor();
    await expect.poll(async () => row.textContent()).toContain('已回访确认');
    await staff.goto('/care/needs?status=delivered&pageSize=100');
    const needRow = staff.locator('.ant-table-row').filter({ hasText: need.name }).first();
    await needRow.waitFor();
    expect(await needRow.textContent()).toContain('已送达');
    await screenshot(staff, 'care-delivery-need-delivered');
    expect(errors.flat()).toEqual([]);
  });
});
