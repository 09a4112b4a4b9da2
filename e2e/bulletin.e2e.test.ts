import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/index';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, SCREENSHOT_DIR, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

const BEIJING = 8 * 3600 * 1000;
const monthOf = (iso: string | null) => (iso ? new Date(Date.parse(iso) + BEIJING).toISOString().slice(0, 7) : null);

// The monthly bulletin as the 党建办 writes it (issue #14): she drafts the bulletin of the demo
// data's busiest month for the whole subdistrict; its figures equal counts the test makes from the
// records itself; she adds a paragraph in bold, approves it, and downloads the PDF and the Word
// document, which both carry her paragraph and the figures. The overview shows the same figures.
describe('bulletin: draft from the records, edit, approve, PDF and Word', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let database: Database;
  let month = '';
  const want: Record<string, number> = {};

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
    database = openDatabase(loadConfig({ NODE_ENV: 'test', LINLI_DATA_DIR: server.dataDir, DATABASE_URL: server.databaseUrl }));
    const db = database.db;
    // the month with the most party activities, and the figures of it counted here from the rows
    const activities = await db.selectFrom('party_activities').select(['id', 'starts_at']).execute();
    const perMonth = new Map<string, number>();
    for (const a of activities) perMonth.set(monthOf(a.starts_at) as string, (perMonth.get(monthOf(a.starts_at) as string) ?? 0) + 1);
    month = [...perMonth.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
    const inMonth = new Set(activities.filter((a) => monthOf(a.starts_at) === month).map((a) => a.id));
    const invited = await db.selectFrom('party_activity_branches').select('activity_id').execute();
    want['party.activities_held'] = new Set(invited.map((b) => b.activity_id).filter((id) => inMonth.has(id))).size;
    const calls = (await db.selectFrom('care_calls').select(['beneficiary_id', 'outcome', 'created_at']).execute()).filter(
      (c) => monthOf(c.created_at) === month,
    );
    want['care.calls_phoned'] = new Set(calls.map((c) => c.beneficiary_id)).size;
    want['care.calls_reached'] = new Set(calls.filter((c) => c.outcome === 'reached').map((c) => c.beneficiary_id)).size;
    want['training.sessions_held'] = (await db.selectFrom('training_sessions').select('starts_at').execute()).filter(
      (s) => monthOf(s.starts_at) === month,
    ).length;
    want['jobs.fairs_held'] = (await db.selectFrom('jobs_fairs').select(['starts_at', 'status']).execute()).filter(
      (f) => f.status !== 'draft' && monthOf(f.starts_at) === month,
    ).length;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await database?.close();
    await server?.stop();
  });

  it('drafts, edits, approves and downloads the bulletin; both files carry the paragraph and the figures', async () => {
    expect(want['party.activities_held']).toBeGreaterThan(0);
    await signIn(page, 'party');
    await page.goto(`/bulletin?month=${month}`);
    await page.getByRole('button', { name: '生成草稿' }).click();
    await page.waitForURL(/\/bulletin\/[0-9a-f-]{36}$/);
    const partyCard = page.getByTestId('section-party');
    await expect.poll(() => partyCard.textContent()).toContain(`本月共开展组织生活 ${want['party.activities_held']} 次`);
    // each figure the bulletin prints equals the count made from the records
    const table = async (module: string) =>
      (await page.getByTestId(`section-${module}`).locator('table').textContent())?.replace(/\s+/g, '') ?? '';
    expect(await table('party')).toContain(`开展组织生活${want['party.activities_held']}次`);
    expect(await table('care')).toContain(`电话慰问人数${want['care.calls_phoned']}人`);
    expect(await table('care')).toContain(`电话慰问接通人数${want['care.calls_reached']}人`);
    if (want['training.sessions_held']) expect(await table('training')).toContain(`举办培训${want['training.sessions_held']}场`);
    if (want['jobs.fairs_held']) expect(await table('jobs')).toContain(`举办招聘会${want['jobs.fairs_held']}场`);

    // she writes a first paragraph of her own, its key words in bold, and saves
    const editor = page.getByTestId('editor-party');
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('各支部围绕主题党日扎实开展组织生活。');
    await page.keyboard.press('Enter');
    await partyCard.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await screenshot(page, 'bulletin-edit', true);

    await page.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => page.getByTestId('bulletin-status').textContent()).toBe('已审核');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('false');

    const save = async (button: string, name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const file = path.join(server.dataDir, name);
      await download.saveAs(file);
      return file;
    };
    const pdf = await save('下载 PDF', 'bulletin.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('各支部围绕主题党日扎实开展组织生活。');
    expect(text).toContain(`本月共开展组织生活${want['party.activities_held']}次`);
    expect(text).toContain(`电话慰问优抚对象${want['care.calls_phoned']}人，其中接通${want['care.calls_reached']}人`);
    // the page as it prints, to look at
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', pdf, path.join(SCREENSHOT_DIR, 'bulletin-pdf')]);

    const docx = await save('下载 Word', 'bulletin.docx');
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('各支部围绕主题党日扎实开展组织生活。');
    expect(xml).toContain(`本月共开展组织生活 ${want['party.activities_held']} 次`);
    expect(xml).toContain(`电话慰问优抚对象 ${want['care.calls_phoned']} 人`);

    // the overview shows the same figures for the subdistrict, beside each neighborhood
    await page.goto(`/overview?month=${month}`);
    const row = page.locator('tr', { hasText: '开展组织生活' }).first();
    await expect.poll(async () => (await row.textContent())?.replace(/\s+/g, '')).toContain(`${want['party.activities_held']}次`);
    await page.getByTestId('trend-chart').waitFor();
    await screenshot(page, 'bulletin-overview', true);
    expect(errors).toEqual([]);
  }, 120_000);
  it('prints a home-visit photo the person agreed to publish: chosen in the editor, in the PDF and the Word document', async () => {
    // a camera photo of a doorway visit (drawn, so the test needs no picture files)
    const photo = await sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
        <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc9ef"/><stop offset="1" stop-color="#e8f1f8"/></linearGradient></defs>
        <rect width="1200" height="800" fill="url(#sky)"/><rect y="560" width="1200" height="240" fill="#8a8f80"/>
        <rect x="180" y="180" width="620" height="420" fill="#d9c7a8"/><polygon points="150,190 490,40 830,190" fill="#8b3a2b"/>
        <rect x="420" y="360" width="140" height="240" fill="#6b4a2f"/><rect x="240" y="260" width="120" height="100" fill="#cfe3f2"/>
        <rect x="620" y="260" width="120" height="100" fill="#cfe3f2"/>
        <circle cx="900" cy="420" r="34" fill="#f1c9a5"/><rect x="866" y="456" width="68" height="150" rx="20" fill="#2f5d8a"/>
        <circle cx="1010" cy="430" r="32" fill="#f1c9a5"/><rect x="978" y="464" width="64" height="140" rx="20" fill="#b23b3b"/>
      </svg>`),
    )
      .jpeg()
      .toBuffer();
    const thisMonth = new Date(Date.now() + BEIJING).toISOString().slice(0, 7);
    // the 白渡 worker records a visit with the photo and, the person having agreed, marks it 可公开
    const staffContext = await desktopContext(browser, server.url);
    const staff = await staffContext.newPage();
    const staffErrors = pageErrors(staff);
    await signIn(staff, 'baidu');
    await staff.goto('/care/visits');
    const first = staff.getByTestId('visits-due').locator('.ant-table-row').first();
    await first.waitFor();
    const visited = ((await first.locator('td').first().textContent()) ?? '').trim();
    await staff.getByTestId(`visit-record-${visited}`).click();
    const form = staff.getByTestId('visit-record-form');
    await form.waitFor();
    await form.getByLabel('走访所见情况').fill('精神尚好，家中整洁');
    await form.locator('input[type=file]').setInputFiles({ name: '走访.jpg', mimeType: 'image/jpeg', buffer: photo });
    await form.getByText('走访.jpg').waitFor();
    await staff.getByTestId('visit-record-save').click();
    await staff.getByText('已登记走访').waitFor();
    await staff.getByTestId('visits-tab-records').click();
    const record = staff.getByTestId('visits-records').locator('.ant-table-row').filter({ hasText: visited }).first();
    await record.getByRole('button', { name: '设为可公开' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByText('只有在受访者本人同意后才能标记').waitFor();
    expect(await dialog.getByRole('button', { name: '确认可公开' }).isDisabled()).toBe(true);
    await dialog.getByText('受访者同意公开').click();
    await dialog.getByRole('button', { name: '确认可公开' }).click();
    await record.getByText('可公开', { exact: true }).waitFor();
    await screenshot(staff, 'bulletin-visit-consent');
    expect(staffErrors).toEqual([]);
    await staffContext.close();

    // the 党建办 drafts this month's bulletin and picks the photo for the care section, with a caption
    await page.goto(`/bulletin?month=${thisMonth}`);
    await page.getByRole('button', { name: '生成草稿' }).click();
    await page.waitForURL(/\/bulletin\/[0-9a-f-]{36}$/);
    const photos = page.getByTestId('photos-care');
    await photos.getByTestId('offered-photo').first().waitFor();
    await photos
      .getByTestId('offered-photo')
      .first()
      .getByRole('button', { name: /选\s*用/ })
      .click();
    await photos.getByLabel('图片说明').fill('社区工作人员上门看望老人');
    await photos.getByRole('button', { name: '保存图片' }).click();
    await page.getByText('图片已保存').waitFor();
    await photos
      .getByTestId('chosen-photo')
      .locator('img')
      .evaluate((img: HTMLImageElement) => img.decode());
    await screenshot(page, 'bulletin-photos', true);

    const save = async (button: string, name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      const file = path.join(server.dataDir, name);
      await download.saveAs(file);
      return file;
    };
    const pdf = await save('下载 PDF', 'bulletin-photo.pdf');
    // pdfimages lists a header of two lines, then one line per image
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThan(0);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('社区工作人员上门看望老人');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdf, path.join(SCREENSHOT_DIR, 'bulletin-photo-pdf')]);
    const docx = await save('下载 Word', 'bulletin-photo.docx');
    expect(execFileSync('unzip', ['-Z1', docx], { encoding: 'utf8' })).toMatch(/word\/media\/\S+/);
    expect(errors).toEqual([]);
  }, 120_000);
});
