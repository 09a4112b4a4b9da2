import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildOtherSubdistrict } from '../../../../test/factories';
import { samplePdf } from '../../../../test/sample-files';
import { applyAll, SseStream } from '../../../../test/sse';
import { idNumber, multipart, xlsxBuffer } from '../../../../test/xlsx';
import { analyseItems } from './domain/item-analysis';
import { DEMO_QUESTIONS } from './training.seed';

let t: TestApp;
let staff: Client;
let care: Client;
let outsider: Client;
let base: string;

beforeAll(async () => {
  t = await testApp();
  staff = await t.as('training');
  care = await t.as('care');
  const other = await buildOtherSubdistrict(t.database.db);
  const acc = await buildAccount(t.database.db, { role: 'training_staff', orgId: other.subdistrictId, subdistrictId: other.subdistrictId });
  outsider = await t.as(acc.username);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const phone = (i: number) => `1390003${String(1000 + i).padStart(4, '0')}`;
const asParticipant = (token: string) => ({ 'x-participant-token': token });
const play = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  t.anon().request(method, url, method === 'GET' ? undefined : (body ?? {}), asParticipant(token));

async function addBank(): Promise<string[]> {
  const ids: string[] = [];
  for (const q of DEMO_QUESTIONS) {
    const r = await staff.post('/api/training/questions', q);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.push(r.body.id);
  }
  return ids;
}
let bankIds: string[] = [];

describe('access', () => {
  it('asks anonymous callers to sign in, refuses other offices, hides another subdistrict’s records', async () => {
    expect((await t.anon().get('/api/training/committees')).status).toBe(401);
    expect((await care.get('/api/training/committees')).status).toBe(403);
    expect((await care.post('/api/training/questions', DEMO_QUESTIONS[0])).status).toBe(403);
    const q = await staff.post('/api/training/questions', DEMO_QUESTIONS[0]);
    expect(q.status).toBe(200);
    const seen = await outsider.get(`/api/training/questions/${q.body.id}/history`);
    expect(seen.status).toBe(404);
    expect(seen.body.error.message).toBe('题目不存在或无权查看');
    expect((await outsider.get('/api/training/questions')).body.questions).toEqual([]);
  });
});

describe('committee registry (业委会台账)', () => {
  it('registers a committee with its members, lists it for re-election, ticks checklists and scores neighborhoods', async () => {
    const item1 = await staff.post('/api/training/checklist-items', { label: '会议有记录', weight: 1 });
    const item2 = await staff.post('/api/training/checklist-items', { label: '财务公开', weight: 3 });
    expect(item2.status).toBe(200);
    const dup = await staff.post('/api/training/checklist-items', { label: '财务公开' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields).toEqual([{ path: 'label', message: '检查项「财务公开」已存在' }]);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const soon = `${Number(today.slice(0, 4)) + 0}-${today.slice(5, 7)}-28`;
    const endSoon = new Date(`${soon}T00:00:00Z`);
    endSoon.setUTCMonth(endSoon.getUTCMonth() + 2);
    const created = await staff.post('/api/training/committees', {
      estateId: t.org.estates.白渡一村,
      name: '白渡一村业主委员会',
      termStart: '2021-06-01',
      termEnd: endSoon.toISOString().slice(0, 10),
      members: [
        { name: '顾明德', idNumber: idNumber('19550312', 611), phone: phone(1), role: 'director' },
        { name: '姚秀兰', idNumber: idNumber('19580521', 622), phone: phone(2), role: 'member' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      name: '白渡一村业主委员会',
      estateName: '白渡一村',
      neighborhoodName: '白渡',
      memberCount: 2,
      director: { name: '顾明德', role: 'director', phoneMasked: '139****1001' },
      term: { onReElectionList: true, expired: false },
      score: 0,
      reElectionSteps: 8,
    });
    const later = await staff.post('/api/training/committees', {
      estateId: t.org.estates.中华新苑,
      name: '中华新苑业主委员会',
      termStart: '2024-01-01',
      termEnd: '2029-12-31',
      members: [],
    });
    expect(later.body.term.onReElectionList).toBe(false);

    const again = await staff.post('/api/training/committees', {
      estateId: t.org.estates.白渡一村,
      name: '重复',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.fields).toEqual([{ path: 'estateId', message: '小区「白渡一村」已登记业委会' }]);
    const backwards = await staff.post('/api/training/committees', {
      estateId: t.org.estates.金坛小区,
      name: '金坛',
      termStart: '2024-01-01',
      termEnd: '2023-01-01',
    });
    expect(backwards.body.error.fields).toEqual([{ path: 'termEnd', message: '任期结束日期应晚于开始日期' }]);

    const due = await staff.get('/api/training/committees?reElection=1');
    expect(due.body.committees.map((c: { name: string }) => c.name)).toEqual(['白渡一村业主委员会']);

    const ticked = await staff.post(`/api/training/committees/${created.body.id}/ticks`, { itemKey: item2.body.id, done: true });
    expect(ticked.body.score).toBe(75);
    expect(ticked.body.missing).toEqual(['会议有记录']);
    const step = await staff.post(`/api/training/committees/${created.body.id}/ticks`, { itemKey: 're:0', done: true });
    expect(step.body.reElectionDone).toBe(1);
    expect(step.body.reElection[0]).toMatchObject({ label: '任期届满前书面报告街道办事处和居委会', done: true });
    const unknown = await staff.post(`/api/training/committees/${created.body.id}/ticks`, { itemKey: 'nope', done: true });
    expect(unknown.body.error.fields).toEqual([{ path: 'itemKey', message: '检查项不存在' }]);
    await staff.post(`/api/training/committees/${later.body.id}/ticks`, { itemKey: item1.body.id, done: true });

    const report = await staff.get('/api/training/compliance');
    expect(report.body.neighborhoods).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ neighborhoodName: '白渡', committees: 1, score: 75 }),
        expect.objectContaining({ neighborhoodName: '中华', committees: 1, score: 25 }),
      ]),
    );
    expect((await outsider.get(`/api/training/committees/${created.body.id}`)).status).toBe(404);
  });
});

describe('sessions and check-in', () => {
  it('creates a session with a check-in code; a director checks in once, however often they tap', async () => {
    const s = await staff.post('/api/training/sessions', {
      title: '示范文本解读',
      lecturer: '陈律师',
      startsAt: '2026-12-10T14:00:00+08:00',
      endsAt: '2026-12-10T15:30:00+08:00',
      mode: 'online',
      place: '腾讯会议 836 115 620',
      audience: 'all',
    });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.checkinCode).toMatch(/^\d{6}$/);
    const body = { code: s.body.checkinCode, name: '顾明德', phone: phone(1) };
    const first = await t.anon().post('/api/training/checkin', body);
    expect(first.body).toMatchObject({ title: '示范文本解读', already: false });
    const second = await t.anon().post('/api/training/checkin', body);
    expect(second.body).toMatchObject({ already: true, checkedInAt: first.body.checkedInAt });
    const wrong = await t.anon().post('/api/training/checkin', { ...body, code: s.body.checkinCode === '000000' ? '000001' : '000000' });
    expect(wrong.body.error.fields).toEqual([{ path: 'code', message: '签到码不正确，请核对后再试' }]);
    // invitations by SMS to every director in scope (白渡一村's 顾明德); a second press sends nothing again
    const invited = await staff.post(`/api/training/sessions/${s.body.id}/invite`);
    expect(invited.body).toEqual({ invited: 1, alreadyInvited: 0 });
    expect((await staff.post(`/api/training/sessions/${s.body.id}/invite`)).body).toEqual({ invited: 0, alreadyInvited: 1 });
    await t.drain();
    const sms = t.sms.sent.filter((m) => m.phone === phone(1));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain(
      `顾明德您好：街道定于 2026-12-10 14:00 举办「示范文本解读」培训（线上：腾讯会议 836 115 620），主讲 陈律师。签到码 ${s.body.checkinCode}。`,
    );
    expect((await care.post(`/api/training/sessions/${s.body.id}/invite`)).status).toBe(403);
    expect((await outsider.post(`/api/training/sessions/${s.body.id}/invite`)).status).toBe(404);
    // the material: a PDF through core files; anything else refused in words
    const notPdf = multipart('讲义.pdf', Buffer.from('not a pdf at all'));
    const refused = await staff.request('POST', `/api/training/sessions/${s.body.id}/material`, notPdf.payload, notPdf.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('文件「讲义.pdf」不是有效的 PDF 文件');
    const none = await staff.post(`/api/training/sessions/${s.body.id}/material`);
    expect(none.body.error.fields).toEqual([{ path: 'file', message: '请选择要上传的培训材料（PDF 文件）' }]);
    const pdf = multipart('示范文本解读.pdf', samplePdf('示范文本'));
    const withPdf = await staff.request('POST', `/api/training/sessions/${s.body.id}/material`, pdf.payload, pdf.headers);
    expect(withPdf.status, JSON.stringify(withPdf.body)).toBe(200);
    const download = await staff.get(`/api/files/${withPdf.body.materialFileId}`);
    expect(download.status).toBe(200);
    expect(download.raw.equals(samplePdf('示范文本'))).toBe(true);
    expect((await care.get(`/api/files/${withPdf.body.materialFileId}`)).status).toBe(404);
    const detail = await staff.get(`/api/training/sessions/${s.body.id}`);
    expect(detail.body.checkedIn).toBe(1);
    expect(detail.body.checkins).toEqual([
      {
        name: '顾明德',
        phoneMasked: '139****1001',
        checkedInAt: first.body.checkedInAt,
        // checked in without registering first
        registeredAt: first.body.checkedInAt,
        status: 'walk_in',
        rating: null,
        feedback: null,
      },
    ]);
    // the feedback form afterwards: only from a phone that checked in
    const stranger = await t.anon().post('/api/training/feedback', { code: s.body.checkinCode, phone: phone(9), rating: 5 });
    expect(stranger.body.error.fields).toEqual([{ path: 'phone', message: '这个手机号没有签到本次培训，请先签到' }]);
    const fb = await t
      .anon()
      .post('/api/training/feedback', { code: s.body.checkinCode, phone: phone(1), rating: 4, text: '希望多讲维修资金' });
    expect(fb.body).toEqual({ ok: true });
    expect((await staff.get(`/api/training/sessions/${s.body.id}`)).body.checkins[0]).toMatchObject({
      rating: 4,
      feedback: '希望多讲维修资金',
    });
  });
});

describe('question bank (题库)', () => {
  it('refuses a question whose answer is not an option, keeps the edit history', async () => {
    const bad = await staff.post('/api/training/questions', { ...DEMO_QUESTIONS[0], answer: ['E'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'answer', message: '单选题：正确答案「E」不在选项中' }]);
    const q = await staff.post('/api/training/questions', DEMO_QUESTIONS[1]);
    const edited = await staff.put(`/api/training/questions/${q.body.id}`, {
      ...DEMO_QUESTIONS[1],
      explanation: '更新后的解析',
      difficulty: 3,
    });
    expect(edited.body).toMatchObject({ version: 2, explanation: '更新后的解析', difficulty: 3 });
    const h = await staff.get(`/api/training/questions/${q.body.id}/history`);
    expect(h.body.versions).toHaveLength(1);
    expect(h.body.versions[0]).toMatchObject({ version: 1, changedBy: '自治办 王菁', question: { difficulty: 2 } });
  });

  it('imports questions from Excel through the import pipeline, naming the bad row', async () => {
    const headers = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '正确答案', '解析', '标签', '难度'];
    const rows = [
      ['单选题', '业委会任期一般几年？', '3 年', '5 年', null, null, null, null, 'B', '不超过五年', '换届改选', '1'],
      ['判断题', '业委会可以自行决定使用维修资金。', null, null, null, null, null, null, '错', '需业主表决', '维修资金、业主大会', '2'],
      ['多选题', '哪些信息应当公开？', '会议决定', '收支情况', '委员住址', null, null, null, 'AB', '', '财务公开', '2'],
    ];
    const template = await staff.get('/api/imports/training-questions/template');
    expect(template.status).toBe(200);
    const badRows = rows.map((r) => [...r]);
    (badRows[2] as (string | null)[])[8] = 'AD';
    const upload = async (data: (string | null)[][]) => {
      const m = multipart('题库.xlsx', await xlsxBuffer(data, { headers }));
      return staff.request('POST', '/api/imports/training-questions', m.payload, m.headers);
    };
    const preview = await upload(badRows);
    expect(preview.body.report.ok).toBe(false);
    expect(preview.body.report.errors).toEqual([
      expect.objectContaining({ row: 4, column: '正确答案', message: '多选题：正确答案「D」不在选项中' }),
    ]);
    const good = await upload(rows);
    expect(good.body.report).toMatchObject({ ok: true, rows: 3 });
    const done = await staff.post(`/api/imports/training-questions/${good.body.id}/commit`);
    expect(done.body.report).toMatchObject({ ok: true, created: 3 });
    const found = await staff.get(`/api/training/questions?tag=${encodeURIComponent('维修资金')}&q=${encodeURIComponent('自行决定')}`);
    expect(found.body.questions).toEqual([
      expect.objectContaining({ kind: 'true_false', answer: ['F'], tags: ['维修资金', '业主大会'], difficulty: 2 }),
    ]);
  });
});

describe('live quiz (随堂测试)', () => {
  it('runs a class: join by code, answers counted live once each, answer shown after closing, ranking, item analysis', async () => {
    bankIds = await addBank();
    const quiz = await staff.post('/api/training/quizzes', {
      title: '随堂测试',
      mode: 'live',
      selection: 'fixed',
      questions: [
        { questionId: bankIds[0], points: 2 },
        { questionId: bankIds[2], points: 3 },
        { questionId: bankIds[3], points: 1 },
      ],
      showRanking: true,
    });
    expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
    const { id, joinCode } = quiz.body;

    const lecturer = await SseStream.open(`${base}/api/training/quizzes/${id}/events`, { cookie: staff.cookie });
    expect(lecturer.status).toBe(200);
    await lecturer.count(1);
    expect(applyAll(lecturer.messages)).toMatchObject({ state: 'waiting', joinCode, participants: 0, total: 3 });

    const wrongCode = await t
      .anon()
      .post('/api/training/join', { code: joinCode === '999999' ? '999998' : '999999', name: '甲', phone: phone(10) });
    expect(wrongCode.body.error.fields).toEqual([{ path: 'code', message: '参与码不正确，请核对讲师屏幕上的 6 位数字' }]);
    // guessing codes: 20 wrong codes a minute from one address, then 429 in words; others are not affected
    const guesser = t.anon('10.9.9.9');
    for (let i = 0; i < 20; i++) {
      const miss = await guesser.post('/api/training/join', {
        code: String(100000 + i) === joinCode ? '099999' : String(100000 + i),
        name: '甲',
        phone: phone(11),
      });
      expect(miss.status).toBe(400);
    }
    const blocked = await guesser.post('/api/training/join', {
      code: '099998' === joinCode ? '099997' : '099998',
      name: '甲',
      phone: phone(11),
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/^输错次数过多，请 \d+ 秒后再试$/);
    const names = ['顾明德', '姚秀兰', '邵国平'];
    const tokens: string[] = [];
    for (const [i, name] of names.entries()) {
      const j = await t.anon().post('/api/training/join', { code: joinCode, name, phone: phone(20 + i) });
      expect(j.status, JSON.stringify(j.body)).toBe(200);
      expect(j.cookies.find((c) => c.name === 'linli_quiz')?.value).toBe(j.body.token);
      tokens.push(j.body.token);
    }
    // the same phone joining again takes over its place; the old token stops working
    const rejoin = await t.anon().post('/api/training/join', { code: joinCode, name: '邵国平', phone: phone(22) });
    expect((await play(tokens[2] as string, 'GET', '/api/training/play/state')).status).toBe(401);
    tokens[2] = rejoin.body.token;

    const phoneStream = await SseStream.open(`${base}/api/training/play/events`, { cookie: `x; linli_quiz=${tokens[0]}` });
    expect(phoneStream.status).toBe(200);
    await phoneStream.count(1);
    expect(applyAll(phoneStream.messages)).toMatchObject({ state: 'waiting', joinCode: '', question: null });

    const early = await play(tokens[0] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['B'] });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('讲师还没有开始出题，请稍候');

    const lecturerView = () => applyAll(lecturer.messages);
    const opened = await staff.post(`/api/training/quizzes/${id}/live`, { action: 'open', version: 0 });
    expect(opened.body).toMatchObject({ state: 'open', index: 0, participants: 3, answered: 0, counts: { A: 0, B: 0, C: 0, D: 0 } });
    const twice = await staff.post(`/api/training/quizzes/${id}/live`, { action: 'open', version: 0 });
    expect(twice.status).toBe(409);

    // answers: B (right), B twice (counts once), C (wrong)
    const a1 = await play(tokens[0] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['B'] });
    expect(a1.body).toEqual({ counted: true, message: '已提交，请等待讲师公布答案' });
    await play(tokens[1] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['B'] });
    const dup = await play(tokens[1] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['A'] });
    expect(dup.body).toEqual({ counted: false, message: '您已提交过本题，以第一次提交为准' });
    const two = await play(tokens[2] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['A', 'C'] });
    expect(two.body.error.fields).toEqual([{ path: 'choice', message: '本题是单选题，只能选一个选项' }]);
    await play(tokens[2] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['C'] });

    await new Promise<void>((resolve) => {
      const check = () => (lecturerView().answered === 3 ? resolve() : setImmediate(check));
      check();
    });
    expect(lecturerView()).toMatchObject({ state: 'open', counts: { A: 0, B: 2, C: 1, D: 0 }, answered: 3 });
    // the phones do not see the answer or the counts while the question is open
    const during = await play(tokens[0] as string, 'GET', '/api/training/play/state');
    expect(during.body.view).toMatchObject({ state: 'open', counts: null, question: { answer: null, explanation: null } });
    expect(during.body.mine[bankIds[0] as string]).toEqual({ choice: ['B'], score: null });

    await staff.post(`/api/training/quizzes/${id}/live`, { action: 'close', version: 1 });
    const late = await play(tokens[0] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[0], choice: ['A'] });
    expect(late.body.error.message).toBe('本题已停止作答');
    const after = await play(tokens[0] as string, 'GET', '/api/training/play/state');
    expect(after.body.view).toMatchObject({
      state: 'closed',
      counts: { B: 2, C: 1 },
      question: { answer: ['B'], explanation: DEMO_QUESTIONS[0]?.explanation },
    });
    expect(after.body.mine[bankIds[0] as string]).toEqual({ choice: ['B'], score: 2 });
    await new Promise<void>((resolve) => {
      const check = () => (applyAll(phoneStream.messages).state === 'closed' ? resolve() : setImmediate(check));
      check();
    });
    expect(applyAll(phoneStream.messages).question.answer).toEqual(['B']);

    // question 2 (multiple choice A B D, partial credit); question 3 (true/false F)
    await staff.post(`/api/training/quizzes/${id}/live`, { action: 'open', version: 2 });
    await play(tokens[0] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[2], choice: ['A', 'B', 'D'] });
    await play(tokens[1] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[2], choice: ['A', 'B'] });
    await play(tokens[2] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[2], choice: ['C'] });
    await staff.post(`/api/training/quizzes/${id}/live`, { action: 'close', version: 3 });
    await staff.post(`/api/training/quizzes/${id}/live`, { action: 'open', version: 4 });
    await play(tokens[0] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[3], choice: ['F'] });
    await play(tokens[1] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[3], choice: ['T'] });
    await play(tokens[2] as string, 'POST', '/api/training/play/answer', { questionId: bankIds[3], choice: ['F'] });
    await staff.post(`/api/training/quizzes/${id}/live`, { action: 'close', version: 5 });
    const past = await staff.post(`/api/training/quizzes/${id}/live`, { action: 'open', version: 6 });
    expect(past.body.error.message).toBe('已经是最后一题，请结束测验');
    const finished = await staff.post(`/api/training/quizzes/${id}/live`, { action: 'finish', version: 6 });
    expect(finished.body.ranking).toEqual([
      { rank: 1, name: '顾明德', score: 6 },
      { rank: 2, name: '姚秀兰', score: 4 },
      { rank: 3, name: '邵国平', score: 1 },
    ]);
    const mine = await play(tokens[1] as string, 'GET', '/api/training/play/state');
    expect(mine.body).toMatchObject({ myScore: 4, myRank: 2 });
    lecturer.close();
    phoneStream.close();

    // results: first attempts, the item analysis of domain/item-analysis.ts
    const results = await staff.get(`/api/training/quizzes/${id}/results`);
    expect(results.status).toBe(200);
    const expected = analyseItems({
      questions: [
        { id: 'q1', max: 2, options: ['A', 'B', 'C', 'D'] },
        { id: 'q2', max: 3, options: ['A', 'B', 'C', 'D'] },
        { id: 'q3', max: 1, options: ['T', 'F'] },
      ],
      responses: [
        { participant: 'a', question: 'q1', score: 2, choice: 'B' },
        { participant: 'b', question: 'q1', score: 2, choice: 'B' },
        { participant: 'c', question: 'q1', score: 0, choice: 'C' },
        { participant: 'a', question: 'q2', score: 3, choice: ['A', 'B', 'D'] },
        { participant: 'b', question: 'q2', score: 2, choice: ['A', 'B'] },
        { participant: 'c', question: 'q2', score: 0, choice: ['C'] },
        { participant: 'a', question: 'q3', score: 1, choice: 'F' },
        { participant: 'b', question: 'q3', score: 0, choice: 'T' },
        { participant: 'c', question: 'q3', score: 1, choice: 'F' },
      ],
    });
    expect(results.body.test).toEqual(expected.test);
    expect(results.body.test).toMatchObject({ n: 3, mean: 11 / 3, median: 4 });
    expect(results.body.questions.map((q: { facility: number }) => q.facility)).toEqual(expected.questions.map((q) => q.facility));
    expect(results.body.questions[0].facility).toBeCloseTo((100 * (4 / 3)) / 2, 10);
    expect(results.body.questions[1].options.A.all).toBeCloseTo(200 / 3, 10);
    expect(results.body.participants.map((p: { name: string; score: number }) => [p.name, p.score])).toEqual([
      ['顾明德', 6],
      ['姚秀兰', 4],
      ['邵国平', 1],
    ]);
    expect(results.body.participants[0].phoneMasked).toBe('139****1020');
    expect(results.body.byTag.find((b: { tag: string }) => b.tag === '业主大会')).toEqual({
      tag: '业主大会',
      percent: 55.56,
      participants: 3,
    });
    expect((await outsider.get(`/api/training/quizzes/${id}/results`)).status).toBe(404);
  });
});

describe('self-paced quiz and random selection', () => {
  it('draws by tag and difficulty, grades at once with explanations, counts a double submit once, limits attempts', async () => {
    const tooMany = await staff.post('/api/training/quizzes', {
      title: '抽题',
      mode: 'self_paced',
      selection: 'random',
      rules: [{ tag: '维修资金', difficultyMin: 4, difficultyMax: 5, count: 9, points: 5 }],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('不够抽 9 道');
    const quiz = await staff.post('/api/training/quizzes', {
      title: '换届改选自测',
      mode: 'self_paced',
      selection: 'random',
      rules: [
        { tag: '换届改选', count: 2, points: 10 },
        { tag: '维修资金', difficultyMin: 4, count: 1, points: 20 },
      ],
      maxAttempts: 1,
      timeLimitMinutes: 20,
    });
    expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
    expect(quiz.body.questions).toHaveLength(3);
    expect(quiz.body.questions[2].tags).toContain('维修资金');
    const j = await t.anon().post('/api/training/join', { code: quiz.body.joinCode, name: '施志刚', phone: phone(40) });
    const paper = await play(j.body.token, 'POST', '/api/training/play/start');
    expect(paper.status, JSON.stringify(paper.body)).toBe(200);
    expect(paper.body.questions[0]).not.toHaveProperty('answer');
    const again = await play(j.body.token, 'POST', '/api/training/play/start');
    expect(again.body.attemptId).toBe(paper.body.attemptId);
    const [q1, q2, q3] = quiz.body.questions;
    const answers = {
      [q1.id]: q1.answer,
      [q2.id]: [q2.options.find((o: { key: string }) => !q2.answer.includes(o.key)).key],
      [q3.id]: q3.answer,
    };
    const graded = await play(j.body.token, 'POST', '/api/training/play/submit', { attemptId: paper.body.attemptId, answers });
    expect(graded.body).toMatchObject({ score: 30, max: 40, percent: 75 });
    expect(graded.body.questions[1]).toMatchObject({ correct: false, score: 0, explanation: q2.explanation, answer: q2.answer });
    const twice = await play(j.body.token, 'POST', '/api/training/play/submit', {
      attemptId: paper.body.attemptId,
      answers: { [q2.id]: q2.answer },
    });
    expect(twice.body.score).toBe(30);
    const more = await play(j.body.token, 'POST', '/api/training/play/start');
    expect(more.status).toBe(409);
    expect(more.body.error.message).toBe('本测验最多可作答 1 次，您已用完');
  });
});

describe('needs surveys and proposed sessions', () => {
  it('takes a committee’s survey on its link and proposes topics with invite lists', async () => {
    const committees = await staff.get('/api/training/committees');
    const c = committees.body.committees[0];
    const form = await t.anon().get(`/api/training/survey/${c.id}`);
    expect(form.body.committeeName).toBe(c.name);
    const empty = await t.anon().post(`/api/training/survey/${c.id}`, { name: '顾明德', phone: phone(20), topics: [] });
    expect(empty.body.error.fields).toEqual([{ path: 'topics', message: '请至少勾选一个主题，或写下遇到的困难' }]);
    const ok = await t.anon().post(`/api/training/survey/${c.id}`, {
      name: '顾明德',
      phone: phone(20),
      topics: ['换届改选'],
      difficulties: '电梯坏了，不知道怎么申请维修资金',
    });
    expect(ok.body).toEqual({ ok: true });
    const list = await staff.get('/api/training/surveys');
    expect(list.body.surveys).toEqual([expect.objectContaining({ name: '顾明德', topics: ['换届改选'], committeeName: c.name })]);
    const p = await staff.get('/api/training/proposals');
    expect(p.status).toBe(200);
    const repair = p.body.proposals.find((x: { tag: string }) => x.tag === '维修资金');
    expect(repair.invite).toEqual(expect.arrayContaining([{ name: `顾明德（${c.name}）`, why: '提出需要' }]));
    // 邵国平 scored 0 of 3 on 业主大会 in the live quiz: invited as weak
    const assembly = p.body.proposals.find((x: { tag: string }) => x.tag === '业主大会');
    expect(assembly.invite).toEqual(expect.arrayContaining([{ name: '邵国平', why: '测验得分低于 60%' }]));
  });
});
