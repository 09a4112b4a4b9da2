import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { makeFair } from './support/jobs-fair';
import { startServer, type TestServer } from './support/server';

const FAIR = '冬季面试专场';

// Issue #10's journey: the officer adds a room, generates and publishes the timetable (SMS with a
// personal link to each candidate); two candidates open their links on phones and see their wait;
// the officer calls the next one on the console and that phone shows the meeting room at once; a
// no-show re-plans the room and the other phone's expected time changes by itself.
describe('jobs: the fair day from the timetable to the candidates’ phones', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  const phones: Page[] = [];
  let errors: string[][] = [];
  let fairId = '';
  const tokens: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const d = await desktopContext(browser, server.url);
    contexts.push(d);
    staff = await d.newPage();
    errors = [pageErrors(staff)];
    for (let i = 0; i < 2; i++) {
      const p = await phoneContext(browser, server.url);
      contexts.push(p);
      const page = await p.newPage();
      phones.push(page);
      errors.push(pageErrors(page));
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the officer adds a room, generates the timetable (makespan beside its bound) and publishes it', async () => {
    await signIn(staff, 'jobs');
    await staff.waitForURL((url) => url.pathname === '/');
    // its own fair beside the demo's: two positions, two candidates with one application each, one room
    // serving both (through the API as the signed-in officer: the forms make the same calls)
    fairId = (
      await makeFair(staff, {
        title: FAIR,
        positions: ['面试专场 Java 开发', '面试专场 测试工程师'],
        rooms: [{ name: '一号面试间', positions: [0, 1], meeting: '腾讯会议 521 888 096' }],
        applications: [
          [0, 0],
          [1, 1],
        ],
      })
    ).fairId;
    await staff.goto(`/jobs/interviews?fair=${fairId}`);
    await staff.getByRole('cell', { name: '一号面试间' }).waitFor();
    await staff.getByRole('button', { name: '生成时间表' }).click();
    await staff.getByTestId('makespan').waitFor();
    expect(await staff.getByTestId('makespan').textContent()).toMatch(/总时长 \d+ 分钟（下界 \d+ 分钟）/);
    await screenshot(staff, 'jobs-interviews-draft', true);
    const before = server.lines.length;
    await staff.getByRole('button', { name: '发布并短信通知' }).click();
    await staff
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await staff.getByText(/已于 .* 发布/).waitFor();
    // each candidate's SMS carries their personal link
    // (the demo fair's own candidates were told at boot: only this fair's SMS count)
    const first = await server.waitForLine(new RegExp(`\\[SMS\\] \\d+: 【邻里】${FAIR}面试安排：.*/m/jobs/q/([A-Za-z0-9_-]+)`));
    tokens.push(first[1] as string);
    const second = await server.waitForLine(
      new RegExp(`\\[SMS\\] \\d+: 【邻里】${FAIR}面试安排：.*/m/jobs/q/(?!${first[1]})([A-Za-z0-9_-]+)`),
    );
    tokens.push(second[1] as string);
    expect(server.lines.slice(before).filter((l) => l.includes(FAIR) && l.includes('/m/jobs/q/'))).toHaveLength(2);
    expect(tokens).toHaveLength(2);
  });

  it('two candidates open their links on phones and see their wait, never another name', async () => {
    for (const [i, page] of phones.entries()) {
      await page.goto(`/m/jobs/q/${tokens[i]}`);
      await page.getByTestId('queue-item').first().waitFor();
      expect(await page.getByTestId('queue-headline').first().textContent()).toMatch(/您是下一位|您前面还有 \d+ 人，预计 \d\d:\d\d 进入/);
    }
    await screenshot(phones[0] as Page, 'phone-jobs-queue-a');
    await screenshot(phones[1] as Page, 'phone-jobs-queue-b');
  });

  it('call-next on the console shows the first candidate their room; a no-show re-plans and the other phone’s time changes', async () => {
    await staff.goto(`/jobs/console?fair=${fairId}`);
    const board = staff.getByTestId('board-一号面试间');
    await board.waitFor();
    await board.getByText('实时').or(staff.getByText('实时')).first().waitFor();
    const nextUp = await Promise.all(
      phones.map(async (p) => (await p.getByTestId('queue-headline').allTextContents()).some((h) => h.startsWith('您是下一位'))),
    );
    expect(nextUp.filter(Boolean)).toHaveLength(1);
    const first = nextUp.indexOf(true);
    const other = phones[1 - first] as Page;
    await board.getByRole('button', { name: '叫下一位' }).click();
    // the phone that was next: its room number, large, with the copy button
    await phones[first]?.getByTestId('queue-meeting').waitFor();
    expect(await phones[first]?.getByTestId('queue-meeting').textContent()).toBe('腾讯会议 521 888 096');
    await phones[first]?.getByRole('button', { name: '复制会议号' }).waitFor();
    await screenshot(phones[first] as Page, 'phone-jobs-queue-called');
    await board.getByTestId('board-now').getByText(/（/).waitFor();
    await screenshot(staff, 'jobs-console');
    const headlines = async () => (await other.getByTestId('queue-headline').allTextContents()).join('|');
    const was = await headlines();
    await board.getByRole('button', { name: '未到场（取消）' }).click();
    await board.getByText(/未到场：/).waitFor();
    await other.waitForFunction(
      (old) => [...document.querySelectorAll('[data-testid="queue-headline"]')].map((e) => e.textContent).join('|') !== old,
      was,
    );
    expect(await headlines()).not.toBe(was);
    await screenshot(other, 'phone-jobs-queue-replanned');
    await screenshot(staff, 'jobs-console-noshow');
    // no other candidate's name on either phone
    const names = await staff.evaluate(async () => {
      const r = (await (await fetch('/api/jobs/seekers?pageSize=200')).json()) as { items: { name: string }[] };
      return r.items.map((x) => x.name);
    });
    expect(names.length).toBeGreaterThan(5);
    for (const page of phones) {
      const text = (await page.locator('main').textContent()) ?? '';
      for (const name of names) expect(text).not.toContain(name);
    }
    expect(errors.flat()).toEqual([]);
  });
});
