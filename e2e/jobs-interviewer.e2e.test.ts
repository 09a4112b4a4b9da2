import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterviewItem, Report, Timetable } from '../src/contracts/jobs-interviews';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, screenshot } from './support/browser';
import { makeFair } from './support/jobs-fair';
import { startServer, type TestServer } from './support/server';

// Issue #10 §3, §5 and §7: the officer drags interviews of a draft timetable to new places (and into
// another room of the same position) and the order is kept; the interviewer of the demo fair's
// room 1 sees the current candidate's profile and match reasons, records the outcome with a note
// and an offer, and calls the next one; the after-fair report shows the figures the timetable gives,
// and its Excel file carries the same ones.
describe('jobs: adjusting the timetable, the interviewer’s page and the after-fair report', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[] = [];
  let demoFair = '';

  const get = <T>(url: string) =>
    page.evaluate(async (u) => {
      const res = await fetch(u);
      if (!res.ok) throw new Error(`${u}: ${res.status}`);
      return res.json();
    }, url) as Promise<T>;
  const names = async (room: string) =>
    page.getByTestId(`room-${room}`).locator('tbody tr[data-row-key]').locator('td:nth-child(4)').allTextContents();

  /** drags one row's handle onto a target, in small steps as a hand would, and waits for the move to be saved */
  async function drag(from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>, below = false) {
    // the room the row is in at the top of the window, so that the target below it is in sight too
    await from.evaluate((e) => e.closest('.ant-card')?.scrollIntoView({ block: 'start' }));
    const a = await from.getByTestId('drag-handle').boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('nothing to drag');
    const saved = page.waitForResponse((r) => r.url().includes('/move') && r.request().method() === 'POST');
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    const x = b.x + b.width / 2;
    const y = below ? b.y + b.height - 4 : b.y + b.height / 2;
    for (let i = 1; i <= 12; i++) await page.mouse.move(a.x + ((x - a.x) * i) / 12, a.y + ((y - a.y) * i) / 12);
    await page.mouse.up();
    const res = await saved;
    expect(res.status()).toBe(200);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await desktopContext(browser, server.url);
    page = await context.newPage();
    errors = pageErrors(page);
    await signIn(page, 'jobs');
    await page.waitForURL((url) => url.pathname === '/');
    const fairs = await get<{ fairs: { id: string; title: string }[] }>('/api/jobs/fairs');
    demoFair = fairs.fairs.find((f) => f.title.includes('东门就业'))?.id as string;
    expect(demoFair).toBeTruthy();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('drags an interview to a new place in its room and into another room of the same position; a reload shows the order kept', async () => {
    const made = await makeFair(page, {
      title: '拖动调整专场',
      positions: ['调整专场 Java 开发'],
      rooms: [
        { name: '甲面试间', positions: [0], meeting: '腾讯会议 100 200 301' },
        { name: '乙面试间', positions: [0], meeting: '腾讯会议 100 200 302' },
      ],
      applications: [
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
        [4, 0],
      ],
    });
    await page.goto(`/jobs/interviews?fair=${made.fairId}`);
    await page.getByRole('button', { name: '生成时间表' }).click();
    await page.getByTestId('makespan').waitFor();
    const before = await names('甲面试间');
    expect(before.length).toBeGreaterThanOrEqual(2);
    // the second of room 甲 dragged onto the first: it takes its place
    const rows = page.getByTestId('room-甲面试间').locator('tbody tr[data-row-key]');
    await drag(rows.nth(1), rows.nth(0));
    await page.reload();
    await page.getByTestId('makespan').waitFor();
    expect(await names('甲面试间')).toEqual([before[1], before[0], ...before.slice(2)]);
    const times = await page.getByTestId('room-甲面试间').locator('tbody tr[data-row-key] td:nth-child(3)').allTextContents();
    expect(times[0]).toMatch(/^13:00–13:15$/);
    // the first of room 甲 dragged into room 乙: it joins 乙's queue and leaves 甲's
    const inB = await names('乙面试间');
    const moving = (await names('甲面试间'))[0] as string;
    await drag(
      page.getByTestId('room-甲面试间').locator('tbody tr[data-row-key]').first(),
      page.getByTestId('room-乙面试间').locator('tbody tr[data-row-key]').last(),
      true,
    );
    await page.reload();
    await page.getByTestId('makespan').waitFor();
    expect(await names('乙面试间')).toHaveLength(inB.length + 1);
    expect(await names('乙面试间')).toContain(moving);
    expect(await names('甲面试间')).not.toContain(moving);
    const tt = await get<Timetable>(`/api/jobs/fairs/${made.fairId}/timetable`);
    expect(tt.rooms.find((r) => r.name === '乙面试间')?.interviews.map((iv) => iv.seekerName)).toEqual(await names('乙面试间'));
    await screenshot(page, 'jobs-interviews-dragged', true);
  });

  it('shows the interviewer the current candidate with profile and match reasons; records the outcome with note and offer; calls the next one', async () => {
    await page.goto(`/jobs/interviewer?fair=${demoFair}`);
    const current = page.locator('.ant-card').filter({ hasText: '当前求职者' });
    await current.locator('.ant-descriptions').waitFor();
    const queue = await get<{ room: { id: string }; interviews: InterviewItem[]; current: { interview: InterviewItem } | null }>(
      `/api/jobs/rooms/${(await get<{ rooms: { id: string }[] }>(`/api/jobs/fairs/${demoFair}/rooms`)).rooms[0]?.id}/queue`,
    );
    const now = queue.current?.interview as InterviewItem;
    expect(now).toBeTruthy();
    await current.getByText(now.seekerName, { exact: true }).waitFor();
    await current.getByText(now.positionTitle, { exact: true }).waitFor();
    for (const label of ['学历', '专业', '技能', '简历', '匹配理由']) await current.getByText(label, { exact: true }).waitFor();
    expect(await current.locator('.ant-tag').count()).toBeGreaterThan(0);
    await screenshot(page, 'jobs-interviewer', true);
    // 通过, with a note and an offer
    await current.getByRole('radio', { name: '通过', exact: true }).check();
    await current.getByLabel('备注').fill('沟通顺畅，项目经验扎实');
    await current.getByLabel('录用意向（如岗位、薪资）').fill('Java 开发，月薪 10000 元');
    await current.getByRole('button', { name: '保存结果' }).click();
    await page.getByText('已保存').waitFor();
    const queueCard = page.locator('.ant-card').filter({ hasText: '队列' });
    await queueCard.locator('tr', { hasText: now.seekerName }).getByText('通过').waitFor();
    // call the next one from here: the one just seen is done, the next is in the room
    const nextUp = queue.interviews.find((iv) => iv.status === 'scheduled' || iv.status === 'waiting') as InterviewItem;
    await page.getByRole('button', { name: '叫下一位' }).click();
    await current.getByText(nextUp.seekerName, { exact: true }).waitFor();
    const after = await get<{ interviews: InterviewItem[] }>(`/api/jobs/rooms/${queue.room.id}/queue`);
    expect(after.interviews.find((iv) => iv.id === now.id)).toMatchObject({
      status: 'done',
      outcome: 'pass',
      outcomeNote: '沟通顺畅，项目经验扎实',
      offer: 'Java 开发，月薪 10000 元',
    });
    expect(after.interviews.find((iv) => iv.id === nextUp.id)?.status).toBe('interviewing');
    // a new candidate's form starts empty: the outcome is required and said so in words
    await current.getByRole('button', { name: '保存结果' }).click();
    await current.getByText('请选择面试结果').waitFor();
    await screenshot(page, 'jobs-interviewer-next', true);
  });

  it('reports registered, scheduled, interviewed, no-shows, passed and offers by employer, position and seeker status; the Excel file matches', async () => {
    // the figures as the test counts them from the timetable
    const tt = await get<Timetable>(`/api/jobs/fairs/${demoFair}/timetable`);
    const ivs = tt.rooms.flatMap((r) => r.interviews);
    const count = (list: InterviewItem[]) => ({
      scheduled: list.length,
      interviewed: list.filter((iv) => iv.status === 'done' || iv.status === 'interviewing').length,
      noShows: list.filter((iv) => iv.status === 'no_show').length,
      passed: list.filter((iv) => iv.outcome === 'pass').length,
      offers: list.filter((iv) => iv.offer).length,
    });
    const totals = { registered: ivs.length + tt.unscheduled.length, ...count(ivs) };
    expect(totals.interviewed).toBeGreaterThanOrEqual(6);
    expect(totals.noShows).toBe(1);
    expect(totals.passed).toBe(2);
    const byEmployer = new Map<string, InterviewItem[]>();
    const byPosition = new Map<string, InterviewItem[]>();
    for (const iv of ivs) {
      byEmployer.set(iv.employerName, [...(byEmployer.get(iv.employerName) ?? []), iv]);
      const p = `${iv.positionTitle}（${iv.employerName}）`;
      byPosition.set(p, [...(byPosition.get(p) ?? []), iv]);
    }

    await page.goto(`/jobs/report?fair=${demoFair}`);
    const stat = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');
    await stat('已面试').getByText(String(totals.interviewed), { exact: true }).waitFor();
    for (const [title, key] of [
      ['投递', 'registered'],
      ['已排期', 'scheduled'],
      ['未到场', 'noShows'],
      ['通过', 'passed'],
      ['录用意向', 'offers'],
    ] as const) {
      expect(await stat(title).textContent(), title).toBe(String(totals[key]));
    }
    for (const card of ['按用人单位', '按岗位', '按求职状态']) await page.locator('.ant-card').filter({ hasText: card }).first().waitFor();
    await screenshot(page, 'jobs-report', true);

    const report = await get<Report>(`/api/jobs/fairs/${demoFair}/report`);
    expect(report.totals).toEqual(totals);
    for (const row of report.rows.filter((r) => r.by !== 'seekerStatus')) {
      const list = (row.by === 'employer' ? byEmployer : byPosition).get(row.label) ?? [];
      expect({ ...row, registered: 0 }, row.label).toMatchObject({ ...count(list), registered: 0 });
    }
    const statusSum = report.rows.filter((r) => r.by === 'seekerStatus').reduce((n, r) => n + r.registered, 0);
    expect(statusSum).toBe(totals.registered);

    // the Excel file: the same figures, a total line first
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/招聘会报告.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows: (string | number)[][] = [];
    sheet.eachRow((r) => rows.push((r.values as (string | number)[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '分组');
    expect(rows[header]).toEqual(['分组', '名称', '投递', '已排期', '已面试', '未到场', '通过', '录用意向']);
    const figures = (r: (string | number)[]) => r.slice(2).map(Number);
    const order = ['registered', 'scheduled', 'interviewed', 'noShows', 'passed', 'offers'] as const;
    expect(rows[header + 1]?.slice(0, 2)).toEqual(['合计', '全部']);
    expect(figures(rows[header + 1] ?? [])).toEqual(order.map((k) => totals[k]));
    for (const [label, list] of byEmployer) {
      const line = rows.find((r) => r[0] === '按用人单位' && r[1] === label);
      expect(line, label).toBeTruthy();
      const c = count(list);
      expect(figures(line ?? []).slice(1), label).toEqual([c.scheduled, c.interviewed, c.noShows, c.passed, c.offers]);
    }
    for (const [label, list] of byPosition) {
      const line = rows.find((r) => r[0] === '按岗位' && r[1] === label);
      const c = count(list);
      expect(figures(line ?? []).slice(1), label).toEqual([c.scheduled, c.interviewed, c.noShows, c.passed, c.offers]);
    }
    expect(errors).toEqual([]);
  });
});
