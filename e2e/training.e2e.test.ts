import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/admin';
import { desktopContext, launchBrowser, pageErrors, phoneContext, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

// The training module's class quiz (issue 12, 「随堂测试」): the lecturer opens the seeded live quiz
// on the projector screen; three directors on phones join with its 6-digit code, name and mobile
// number and answer the first question; the lecturer's chart fills with their answers as they come;
// closing the question shows the right answer and its explanation on every phone; after the quiz the
// results page shows the item analysis.
describe('training: a live class quiz with three phones', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let lecturer: Page;
  const phones: Page[] = [];
  let errors: string[][] = [];
  let code = '';
  const directors = [
    { name: '顾明德', phone: '13900031001', choice: 'B. 5 年' },
    { name: '姚秀兰', phone: '13900031002', choice: 'B. 5 年' },
    { name: '邵国平', phone: '13900031003', choice: 'A. 3 年' },
  ];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const desk = await desktopContext(browser, server.url);
    contexts.push(desk);
    lecturer = await desk.newPage();
    for (let i = 0; i < 3; i++) {
      const c = await phoneContext(browser, server.url);
      contexts.push(c);
      phones.push(await c.newPage());
    }
    errors = [lecturer, ...phones].map(pageErrors);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('the lecturer opens the live screen with its join code', async () => {
    await signIn(lecturer, 'training');
    await lecturer.waitForURL((url) => url.pathname === '/');
    await lecturer.locator('.ant-menu').getByText('测验').click();
    await lecturer.waitForURL('**/training/quizzes');
    const row = lecturer.getByTestId('quizzes-table').locator('.ant-table-row', { hasText: '示范文本随堂测试' });
    await row.getByRole('button', { name: '打开大屏' }).click();
    await lecturer.waitForURL('**/training/quizzes/*/live');
    code = ((await lecturer.getByTestId('join-code').locator('b').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    await lecturer.getByText('已加入 0 人').waitFor();
    await screenshot(lecturer, 'training-live-waiting');
  });

  it('three directors join on their phones by code and wait for the first question', async () => {
    for (const [i, p] of phones.entries()) {
      const d = directors[i] as (typeof directors)[number];
      await p.goto('/m/training');
      await p.getByTestId('join-code').fill(code);
      await p.getByTestId('join-name').fill(d.name);
      await p.getByTestId('join-phone').fill(d.phone);
      await p.getByTestId('join-submit').click();
      await p.waitForURL('**/m/training/live');
      await p.getByText('已加入，请等待讲师出题').waitFor();
    }
    await screenshot(phones[0] as Page, 'training-phone-waiting');
    await lecturer.getByText('已加入 3 人').waitFor();
  });

  it('the lecturer opens question 1; each answer shows in the live chart as it comes', async () => {
    await lecturer.getByTestId('live-open').click();
    await lecturer.getByTestId('live-stem').getByText('业主委员会每届任期最长不超过几年？').waitFor();
    for (const [i, p] of phones.entries()) {
      const d = directors[i] as (typeof directors)[number];
      await p.getByTestId('play-question').getByText('业主委员会每届任期最长不超过几年？').waitFor();
      if (i === 0) await screenshot(p, 'training-phone-question');
      await p.getByText(d.choice).click();
      await p.getByTestId('play-submit').click();
      await p.getByText('已提交，请等待讲师公布答案').waitFor();
      // the lecturer's chart has this answer now, before the next phone answers
      await lecturer.getByText(`已作答 ${i + 1} 人`).waitFor();
    }
    const chart = lecturer.getByTestId('live-chart');
    expect(await chart.getAttribute('aria-label')).toBe('各选项作答人数：A 1，B 2，C 0，D 0');
    await screenshot(lecturer, 'training-live-answers');
  });

  it('closing the question shows the right answer and its explanation on every phone', async () => {
    await lecturer.getByTestId('live-close').click();
    await lecturer.getByTestId('live-explanation').waitFor();
    expect(await lecturer.getByTestId('live-explanation').textContent()).toContain('正确答案：B');
    await screenshot(lecturer, 'training-live-closed');
    for (const [i, p] of phones.entries()) {
      const explained = p.getByTestId('explained');
      await explained.waitFor();
      const text = (await explained.textContent()) ?? '';
      expect(text).toContain('正确答案：B. 5 年');
      expect(text).toContain('业委会每届任期不超过五年');
      expect(text).toContain(i < 2 ? '回答正确' : '回答错误');
    }
    await screenshot(phones[0] as Page, 'training-phone-right');
    await screenshot(phones[2] as Page, 'training-phone-wrong');
  });

  it('finishing shows the ranking on the screen and on the phones', async () => {
    await lecturer.getByTestId('live-finish').click();
    await lecturer.getByTestId('ranking').waitFor();
    expect(await lecturer.getByTestId('ranking').locator('.ant-table-row').count()).toBe(3);
    await screenshot(lecturer, 'training-live-ranking');
    await (phones[1] as Page).getByTestId('play-finished').waitFor();
    await (phones[1] as Page).getByText('您的得分：2 分').waitFor();
    await screenshot(phones[1] as Page, 'training-phone-finished');
  });

  it('the results page shows the item analysis of the class', async () => {
    await lecturer.getByRole('link', { name: '结果与分析' }).click();
    await lecturer.waitForURL('**/training/quizzes/*/results');
    const table = lecturer.getByTestId('item-analysis');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('.ant-table-row').count()).toBe(5);
    const first = (await table.locator('.ant-table-row').first().textContent()) ?? '';
    // facility of question 1: two of three right = 66.7
    expect(first).toContain('66.7');
    expect(await lecturer.getByTestId('test-stats').textContent()).toContain('参与人数3');
    await screenshot(lecturer, 'training-results', true);
  });

  it('raised no page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
