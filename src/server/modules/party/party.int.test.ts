import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildOtherSubdistrict } from '../../../../test/factories';
import { idNumber, multipart, xlsxBuffer } from '../../../../test/xlsx';
import { buildActivity, buildBranch, buildMember } from './test/party-factories';

/**
 * Organisation life (issue 13) through the API, on SQLite and PostgreSQL: the office sees the
 * subdistrict, a branch secretary their branch, a member their own records; every bad input of
 * the issue is refused in Chinese with nothing written; figures are checked against counts made
 * here from the rows the test wrote.
 */
let t: TestApp;
let office: Client;
let secretary: Client;
let b1: string;
let b2: string;
const phoneOf = (i: number) => `1370000${String(1000 + i)}`;
const members: { id: string; personId: string; idNumber: string; phone: string }[] = [];
let activist: { id: string; personId: string };
let other: { id: string; personId: string };

async function signInMember(phone: string, ip: string): Promise<Client> {
  const anon = t.anon(ip);
  // deliver what the outbox holds first (activity notices), so the code is the last message to the phone
  for (let i = 0; i < 10 && (await t.drain()).sent > 0; i++);
  expect((await anon.post('/api/auth/sms/request', { phone })).status).toBe(200);
  await t.drain();
  const verified = await anon.post('/api/auth/sms/verify', { phone, code: t.sms.lastCode(phone) });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  await anon.refreshCsrf();
  return anon;
}

const count = async (
  table: 'party_checkins' | 'party_donations' | 'party_reports' | 'party_members' | 'party_thoughts' | 'party_campaigns',
) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await testApp();
  office = await t.as('party');
  b1 = await buildBranch(t, { name: '一支部' });
  b2 = await buildBranch(t, { name: '二支部' });
  for (let i = 0; i < 10; i++) {
    const m = await buildMember(t, { branchId: b1, status: i === 9 ? 'probationary' : 'full', phone: phoneOf(i), name: `白渡党员${i}` });
    members.push({ ...m, phone: phoneOf(i) });
  }
  activist = await buildMember(t, { branchId: b1, status: 'activist', name: '积极分子甲', phone: phoneOf(50) });
  other = await buildMember(t, { branchId: b2, status: 'full', name: '二支部党员', phone: phoneOf(60) });
  const a = await buildAccount(t.database.db, {
    role: 'party_secretary',
    orgId: t.org.subdistrictId,
    subdistrictId: t.org.subdistrictId,
    resource: { kind: 'party.branch', id: b1 },
  });
  secretary = await t.as(a.username);
}, 60_000);
afterAll(() => t.close());

describe('organisations and members', () => {
  it('shows the office the whole tree and a secretary only their branch', async () => {
    const tree = await office.get('/api/party/orgs');
    expect(tree.status).toBe(200);
    const names = tree.body.orgs.map((o: { fullName: string }) => o.fullName);
    expect(names).toEqual(expect.arrayContaining(['小东门街道党工委', '白渡', '中华', '金坛', '乔家路', '白渡一支部', '白渡二支部']));
    expect(tree.body.orgs.find((o: { fullName: string }) => o.fullName === '白渡一支部')).toMatchObject({ members: 10, activists: 1 });

    const mine = await secretary.get('/api/party/members?pageSize=100');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(11);
    expect(mine.body.items.every((m: { branch: string }) => m.branch === '一支部')).toBe(true);
    expect(mine.body.items[0].phoneMasked).toMatch(/^137\*\*\*\*\d{4}$/);
    expect((await secretary.get(`/api/party/members/${other.id}`)).status).toBe(404);
    expect((await office.get(`/api/party/members/${other.id}`)).body.name).toBe('二支部党员');
    // a secretary does not set up branches
    expect((await secretary.post('/api/party/orgs', { generalBranchId: tree.body.orgs[1].id, name: '三支部' })).status).toBe(403);
  });

  it('keeps the history of a transfer between branches', async () => {
    const m = await buildMember(t, { branchId: b2, name: '转接党员' });
    const moved = await office.patch(`/api/party/members/${m.id}`, { branchId: b1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.transfers.map((x: { from: string | null; to: string }) => [x.from, x.to])).toEqual([
      [null, '白渡二支部'],
      ['白渡二支部', '白渡一支部'],
    ]);
    // back, so the branch keeps its ten members
    expect((await office.patch(`/api/party/members/${m.id}`, { branchId: b2 })).status).toBe(200);
  });
});

describe('activities', () => {
  let activityId: string;

  it('schedules a 主题党日, sends the notice, and counts attendance as the members check in', async () => {
    const created = await secretary.post('/api/party/activities', {
      kind: 'themed_day',
      title: '十二月主题党日',
      theme: '别样的主题党日 一样的初心使命',
      startsAt: '2026-12-05T06:00:00.000Z',
      mode: 'online',
      location: '腾讯会议 888',
      branchIds: [b1],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    activityId = created.body.id;
    // a secretary schedules only for their own branch
    const foreign = await secretary.post('/api/party/activities', {
      ...created.body,
      kind: 'themed_day',
      startsAt: '2026-12-05T06:00:00.000Z',
      branchIds: [b2],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toBe('白渡二支部不在您的管辖范围内');

    const sent = await secretary.post(`/api/party/activities/${activityId}/notify`, {});
    expect(sent.body).toEqual({ sms: 11, robot: false });

    const m0 = await signInMember(members[0]!.phone, '10.0.0.1');
    const m1 = await signInMember(members[1]!.phone, '10.0.0.2');
    expect((await m0.post(`/api/party/me/activities/${activityId}/checkin`)).body.checkedIn).toBe(true);
    expect((await m0.post(`/api/party/me/activities/${activityId}/checkin`)).status).toBe(200); // once per member
    expect((await m1.post(`/api/party/me/activities/${activityId}/checkin`)).status).toBe(200);
    // 代签 for an elderly member
    const behalf = await secretary.post(`/api/party/activities/${activityId}/checkins`, { memberId: members[2]!.id });
    expect(behalf.status).toBe(200);
    // the activist came too: counted apart, not in the rate
    const act = await signInMember(phoneOf(50), '10.0.0.3');
    expect((await act.post(`/api/party/me/activities/${activityId}/checkin`)).status).toBe(200);

    const detail = await secretary.get(`/api/party/activities/${activityId}`);
    const rows = await t.database.db
      .selectFrom('party_checkins')
      .select(['person_id', 'on_behalf'])
      .where('activity_id', '=', activityId)
      .execute();
    const counted = new Set(members.map((m) => m.personId));
    const attended = rows.filter((r) => counted.has(r.person_id)).length;
    expect(attended).toBe(3);
    expect(detail.body.attendance).toEqual([
      { generalBranch: '白渡', branch: '一支部', members: 10, attended, onBehalf: rows.filter((r) => r.on_behalf === 1).length, rate: 0.3 },
    ]);
    expect(detail.body.roll.find((r: { memberId: string }) => r.memberId === members[2]!.id)).toMatchObject({ onBehalf: true });

    // the branch page: attendance 3/10
    const page = await secretary.get(`/api/party/branches/${b1}`);
    expect(page.body.activities[0]).toMatchObject({ title: '十二月主题党日', members: 10, attended: 3, rate: 0.3 });
  });

  it('refuses a check-in for an activity of another branch, in words, writing nothing', async () => {
    const theirs = await buildActivity(t, [b2], '二支部组织生活会');
    const before = await count('party_checkins');
    const m3 = await signInMember(members[3]!.phone, '10.0.0.4');
    const r = await m3.post(`/api/party/me/activities/${theirs.id}/checkin`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('「二支部组织生活会」是白渡二支部的活动，白渡党员3属于白渡一支部，不能签到');
    expect(await count('party_checkins')).toBe(before);
    // nor can the secretary record it for someone outside their branch
    expect((await secretary.post(`/api/party/activities/${theirs.id}/checkins`, { memberId: other.id })).status).toBe(404);
  });

  it('takes a thought once however often it is sent, with comments and minutes', async () => {
    const m0 = await signInMember(members[0]!.phone, '10.0.0.5');
    const body = { clientKey: 'thought-key-0001', text: '重温入党誓词，更坚定了为居民服务的初心。' };
    expect((await m0.post(`/api/party/me/activities/${activityId}/thoughts`, body)).status).toBe(200);
    const again = await m0.post(`/api/party/me/activities/${activityId}/thoughts`, body);
    expect(again.body.thoughts).toHaveLength(1);
    const m1 = await signInMember(members[1]!.phone, '10.0.0.6');
    const commented = await m1.post(`/api/party/me/thoughts/${again.body.thoughts[0].id}/comments`, {
      clientKey: 'comment-key-01',
      text: '说得好！',
    });
    expect(commented.body.thoughts[0].comments).toEqual([expect.objectContaining({ author: '白渡党员1', text: '说得好！' })]);
    const minutes = await secretary.put(`/api/party/activities/${activityId}/minutes`, { minutes: '一、重温入党誓词。二、交流心得。' });
    expect(minutes.body.minutes).toBe('一、重温入党誓词。二、交流心得。');
    expect(minutes.body.thoughts[0].author).toBe('白渡党员0');
  });
});

describe('study materials, check-ins and reports', () => {
  it('records who opened which material', async () => {
    const pack = await secretary.post('/api/party/packages', {
      title: '十二月学习包',
      branchIds: [b1],
      materials: [
        { title: '学习提纲', body: '一、坚定理想信念' },
        { title: '防疫知识', url: 'https://www.gov.cn/' },
      ],
    });
    expect(pack.status, JSON.stringify(pack.body)).toBe(200);
    const m4 = await signInMember(members[4]!.phone, '10.0.0.7');
    const mine = await m4.get('/api/party/me/materials');
    const first = mine.body.packages[0].items[0];
    expect(first).toMatchObject({ title: '学习提纲', read: false });
    expect((await m4.post(`/api/party/me/materials/${first.id}/open`)).body.body).toBe('一、坚定理想信念');
    await m4.post(`/api/party/me/materials/${first.id}/open`);
    const seen = await secretary.get(`/api/party/packages/${pack.body.id}`);
    expect(seen.body.items.map((i: { reads: number }) => i.reads)).toEqual([1, 0]);
    expect(seen.body.readers.find((r: { memberId: string }) => r.memberId === members[4]!.id)).toMatchObject({
      read: 1,
      unread: ['防疫知识'],
    });
  });

  it('counts a day’s study once and shows the branch who studied', async () => {
    const m5 = await signInMember(members[5]!.phone, '10.0.0.8');
    const r = await m5.post('/api/party/me/study', { what: '学习党章', minutes: 30 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ checkedInToday: true, currentStreak: 1 });
    const twice = await m5.post('/api/party/me/study', { what: '再学一遍', minutes: 10 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('今天已经打过卡了，明天再来吧');
    const bad = await m5.post('/api/party/me/study', { what: '学习', minutes: 0 });
    expect(bad.status).toBe(400);
    const o = await secretary.get('/api/party/study?remindAfterDays=3');
    expect(o.body.branches).toEqual([expect.objectContaining({ branch: '一支部', members: 10, activeWeek: 1, activeMonth: 1 })]);
    expect(o.body.members.filter((m: { remind: boolean }) => !m.remind).map((m: { memberId: string }) => m.memberId)).toEqual([
      members[5]!.id,
    ]);
  });

  it('refuses a report by someone not a member; reviews a probationary member’s thought report', async () => {
    const before = await count('party_reports');
    const stranger = await signInMember('13799990000', '10.0.0.9');
    const refused = await stranger.post('/api/party/me/reports', {
      clientKey: 'report-key-x1',
      kind: 'thought_report',
      title: '思想汇报',
      body: '……',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('只有党员和入党积极分子可以提交思想汇报和心得体会');
    expect(await count('party_reports')).toBe(before);

    const m9 = await signInMember(members[9]!.phone, '10.0.0.10');
    const overview0 = await secretary.get('/api/party/reports');
    expect(overview0.body.due.map((d: { memberId: string }) => d.memberId)).toEqual(expect.arrayContaining([members[9]!.id, activist.id]));
    const sent = await m9.post('/api/party/me/reports', {
      clientKey: 'report-key-01',
      kind: 'thought_report',
      title: '第四季度思想汇报',
      body: '本季度我认真学习……',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const overview = await secretary.get('/api/party/reports');
    expect(overview.body.due.map((d: { memberId: string }) => d.memberId)).not.toContain(members[9]!.id);
    const id = overview.body.reports[0].id;
    const back = await secretary.post(`/api/party/reports/${id}/review`, { status: 'returned' });
    expect(back.status).toBe(400);
    expect(back.body.error.message).toBe('退回修改时请写明审阅意见');
    const ok = await secretary.post(`/api/party/reports/${id}/review`, { status: 'reviewed', comment: '认识深刻，继续努力。' });
    expect(ok.body).toMatchObject({ status: 'reviewed', reviewComment: '认识深刻，继续努力。', name: '白渡党员9' });
    expect((await m9.get('/api/party/me/reports')).body.reports[0].status).toBe('reviewed');
  });
});

describe('donations', () => {
  let campaignId: string;

  it('refuses a negative or fractional-fen amount, writing nothing', async () => {
    const c = await office.post('/api/party/campaigns', {
      name: '抗疫捐款',
      kind: 'donation',
      startsOn: '2026-11-01',
      branchIds: [b1, b2],
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    campaignId = c.body.id;
    const before = await count('party_donations');
    const gift = { clientKey: 'gift-key-bad1', memberId: members[0]!.id, givenOn: '2026-11-10' };
    const negative = await secretary.post(`/api/party/campaigns/${campaignId}/donations`, { ...gift, amount: '-50' });
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields).toEqual([{ path: 'amount', message: '金额不能为负数（-50）' }]);
    const fraction = await secretary.post(`/api/party/campaigns/${campaignId}/donations`, { ...gift, amount: '12.345' });
    expect(fraction.body.error.message).toBe('金额「12.345」精确到了分以下，最多两位小数');
    const tiny = await secretary.post(`/api/party/campaigns/${campaignId}/donations`, { ...gift, amount: 0.005 });
    expect(tiny.status).toBe(400);
    expect(await count('party_donations')).toBe(before);
    // a secretary does not start campaigns
    expect(
      (await secretary.post('/api/party/campaigns', { name: '另一个', kind: 'donation', startsOn: '2026-11-01', branchIds: [b1] })).status,
    ).toBe(403);
  });

  it('counts each gift once and reports participation from the records', async () => {
    const amounts = [100, 50.5, 200];
    for (const [i, a] of amounts.entries()) {
      const body = {
        clientKey: `gift-key-${i}000`,
        memberId: members[i]!.id,
        amount: a,
        givenOn: '2026-11-10',
        method: '微信',
        receiptNo: `R-${i}`,
      };
      expect((await secretary.post(`/api/party/campaigns/${campaignId}/donations`, body)).status).toBe(200);
      expect((await secretary.post(`/api/party/campaigns/${campaignId}/donations`, body)).status).toBe(200); // a double submit
    }
    // the activist's gift counts in the total, not in the rate; 二支部's member gives through the office
    await secretary.post(`/api/party/campaigns/${campaignId}/donations`, {
      clientKey: 'gift-key-act',
      memberId: activist.id,
      amount: 20,
      givenOn: '2026-11-10',
    });
    await office.post(`/api/party/campaigns/${campaignId}/donations`, {
      clientKey: 'gift-key-oth',
      memberId: other.id,
      amount: 30,
      givenOn: '2026-11-11',
    });

    const rows = await t.database.db.selectFrom('party_donations').selectAll().where('campaign_id', '=', campaignId).execute();
    expect(rows).toHaveLength(5);
    const inB1 = rows.filter((r) => r.branch_id === b1);
    const donors = new Set(inB1.map((r) => r.person_id).filter((p) => members.some((m) => m.personId === p))).size;
    const total = inB1.reduce((s, r) => s + r.amount_fen, 0);
    expect([donors, total]).toEqual([3, 10000 + 5050 + 20000 + 2000]);

    const seen = await secretary.get(`/api/party/campaigns/${campaignId}`);
    expect(seen.body.rates.branches).toEqual([
      { generalBranch: '白渡', branch: '一支部', members: 10, donors, rate: 0.3, totalFen: total },
    ]);
    // amounts: the secretary sees their branch's gifts only; the office all of them
    expect(seen.body.donations.map((d: { name: string }) => d.name).sort()).toEqual(
      ['白渡党员0', '白渡党员1', '白渡党员2', '积极分子甲'].sort(),
    );
    const all = await office.get(`/api/party/campaigns/${campaignId}`);
    expect(all.body.donations).toHaveLength(5);
    const roll = await t.database.db
      .selectFrom('party_members')
      .select(['person_id', 'status'])
      .where('branch_id', 'in', [b1, b2])
      .execute();
    const inRate = roll.filter((m) => m.status !== 'activist');
    const gave = new Set(rows.map((r) => r.person_id));
    const gbDonors = inRate.filter((m) => gave.has(m.person_id)).length;
    const gbRate = Math.round((gbDonors / inRate.length) * 1e4) / 1e4;
    expect([inRate.length, gbDonors]).toEqual([12, 4]);
    expect(all.body.rates.generalBranches).toEqual([
      { name: '白渡', members: inRate.length, donors: gbDonors, rate: gbRate, totalFen: total + 3000 },
    ]);
    // the member sees their own
    const m1 = await signInMember(members[1]!.phone, '10.0.0.11');
    expect((await m1.get('/api/party/me/donations')).body).toMatchObject({
      totalFen: 5050,
      donations: [{ campaign: '抗疫捐款', amountFen: 5050 }],
    });
    // the branch page: participation 30%
    expect((await secretary.get(`/api/party/branches/${b1}`)).body.campaigns).toEqual([
      { id: campaignId, name: '抗疫捐款', members: 10, donors: 3, rate: 0.3, totalFen: total },
    ]);
    // the monthly report counts the same gifts
    const month = await office.get('/api/party/monthly?month=2026-11');
    expect(month.body.rows.find((r: { generalBranch: string }) => r.generalBranch === '白渡')).toMatchObject({
      members: inRate.length,
      donationRate: gbRate,
    });
  });

  it('does not let another subdistrict see the campaign', async () => {
    const osd = await buildOtherSubdistrict(t.database.db);
    const a = await buildAccount(t.database.db, { role: 'party_staff', orgId: osd.subdistrictId, subdistrictId: osd.subdistrictId });
    const outsider = await t.as(a.username);
    expect((await outsider.get(`/api/party/campaigns/${campaignId}`)).status).toBe(404);
    expect((await outsider.get('/api/party/campaigns')).body.campaigns).toEqual([]);
  });
});

describe('imports with the issue’s Chinese headers', () => {
  const MEMBER_HEADERS = ['姓名', '性别', '身份证号', '手机号码', '居民区', '支部', '类别', '入党日期', '备注'];
  const DONATION_HEADERS = ['活动名称', '姓名', '身份证号', '金额（元）', '方式', '日期', '收据号', '备注'];

  async function upload(kind: string, buffer: Buffer) {
    const m = multipart(`${kind}.xlsx`, buffer);
    return office.request('POST', `/api/imports/${kind}`, m.payload, m.headers);
  }

  it('serves both templates with exactly the issue’s headers', async () => {
    for (const [kind, headers] of [
      ['party-members', MEMBER_HEADERS],
      ['party-donations', DONATION_HEADERS],
    ] as const) {
      const r = await office.get(`/api/imports/${kind}/template`);
      expect(r.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
      const row = wb.worksheets[0]!.getRow(1).values as unknown[];
      expect(row.slice(1, headers.length + 1)).toEqual(headers);
    }
  });

  it('refuses a row naming a branch that does not exist, writing nothing; then imports and exports the roll', async () => {
    const before = await count('party_members');
    const rows = [
      ['孙秀英', '男', idNumber('19520304', 701), '13600001111', '中华', '一支部', '正式党员', '1975-07-01', '老党员'],
      ['钱国平', '', idNumber('19600506', 703), '', '中华', '三支部', '预备党员', '2026-01-10', ''],
    ];
    await buildBranch(t, { generalBranch: '中华', name: '一支部' });
    const bad = await upload('party-members', await xlsxBuffer(rows, { headers: MEMBER_HEADERS }));
    expect(bad.status).toBe(200);
    expect(bad.body.report.ok).toBe(false);
    expect(bad.body.report.errors).toEqual([{ row: 3, column: '支部', message: '中华党总支下没有「三支部」（现有：一支部）' }]);
    expect(await count('party_members')).toBe(before);

    (rows[1] as string[])[5] = '一支部';
    const good = await upload('party-members', await xlsxBuffer(rows, { headers: MEMBER_HEADERS }));
    expect(good.body.report, JSON.stringify(good.body)).toMatchObject({ ok: true, rows: 2, created: 2 });
    expect((await office.post(`/api/imports/party-members/${good.body.id}/commit`)).status).toBe(200);
    const list = await office.get('/api/party/members?q=孙秀英');
    expect(list.body.items[0]).toMatchObject({
      name: '孙秀英',
      generalBranch: '中华',
      branch: '一支部',
      status: 'full',
      joinedOn: '1975-07-01',
      note: '老党员',
    });

    const exported = await office.get('/api/party/members/export');
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => cells.push(...(r.values as unknown[]).map(String)));
    expect(cells).toEqual(expect.arrayContaining(['孙秀英', '钱国平', '预备党员', '老党员']));
    expect(cells.join(' ')).not.toContain('13600001111');
  });

  it('imports gifts: an unknown campaign is created over every branch; the same receipt twice is the same gift', async () => {
    const rows = [
      ['春节慰问捐款', '白渡党员3', members[3]!.idNumber, '80', '现金', '2026-11-20', 'CJ-001', ''],
      ['春节慰问捐款', '白渡党员3', members[3]!.idNumber, '80', '现金', '2026-11-20', 'CJ-001', '重复的收据'],
      ['春节慰问捐款', '白渡党员4', members[4]!.idNumber, '66.6', '微信', '2026-11-21', 'CJ-002', ''],
    ];
    const bad = await upload(
      'party-donations',
      await xlsxBuffer([...rows, ['春节慰问捐款', '白渡党员5', members[5]!.idNumber, '-3', '', '2026-11-21', 'CJ-003', '']], {
        headers: DONATION_HEADERS,
      }),
    );
    expect(bad.body.report.errors).toEqual([{ row: 5, column: '金额（元）', message: '金额不能为负数（-3）' }]);
    const before = await count('party_campaigns');
    const good = await upload('party-donations', await xlsxBuffer(rows, { headers: DONATION_HEADERS }));
    expect(good.body.report, JSON.stringify(good.body.report)).toMatchObject({ ok: true, rows: 3, created: 2 });
    expect(await count('party_campaigns')).toBe(before);
    expect((await office.post(`/api/imports/party-donations/${good.body.id}/commit`)).status).toBe(200);
    const list = await office.get('/api/party/campaigns');
    const c = list.body.campaigns.find((x: { name: string }) => x.name === '春节慰问捐款');
    const branches = await t.database.db
      .selectFrom('party_orgs')
      .select('id')
      .where('level', '=', 'branch')
      .where('subdistrict_id', '=', t.org.subdistrictId)
      .execute();
    expect(c.branches).toHaveLength(branches.length);
    expect(c).toMatchObject({ donors: 2, totalFen: 8000 + 6660 });
  });
});
