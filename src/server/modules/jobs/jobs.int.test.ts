import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildOtherSubdistrict } from '../../../../test/factories';
import { samplePdf, samplePng } from '../../../../test/sample-files';
import { idNumber, multipart, xlsxBuffer } from '../../../../test/xlsx';
import { CONSENT_WORDING } from '../../../contracts/jobs.vocab';
import { buildEmployer } from './test/jobs-factories';

let t: TestApp;
let jobs: Client;
let partner: Client;
let employerA: string;
let employerB: string;

const POSITION = {
  title: 'Java 开发工程师',
  category: '软件开发',
  industry: '互联网',
  district: '黄浦区',
  salaryMin: 9000,
  salaryMax: 14000,
  education: '本科',
  majors: ['软件工程', '计算机科学与技术'],
  experienceYears: 0,
  headcount: 2,
  description: '参与业务系统的后端开发',
  skills: 'Java Spring MySQL',
};

const PROFILE = {
  name: '林晓东',
  gender: 'male',
  birthYear: 1998,
  status: 'graduate',
  education: '本科',
  school: '上海应用技术大学',
  major: '软件工程',
  graduationYear: 2020,
  categories: ['软件开发'],
  industries: ['互联网'],
  districts: ['黄浦区'],
  salaryMin: 8000,
  salaryMax: 11000,
  experienceYears: 0,
  skills: 'Java MySQL Spring',
  smsOptIn: true,
};

/** a resident signed in by SMS code, as the phone page does */
async function resident(phone: string): Promise<Client> {
  const c = t.anon(`10.0.${phone.slice(-2)}.1`);
  expect((await c.post('/api/auth/sms/request', { phone })).status).toBe(200);
  await t.drain();
  expect((await c.post('/api/auth/sms/verify', { phone, code: t.sms.lastCode(phone) })).status).toBe(200);
  await c.refreshCsrf();
  return c;
}

beforeAll(async () => {
  t = await testApp();
  jobs = await t.as('jobs');
  employerA = (await jobs.post('/api/jobs/employers', { name: '东门人力资源服务有限公司', industry: '人力资源服务' })).body.id;
  employerB = (await jobs.post('/api/jobs/employers', { name: '外滩商贸连锁有限公司', industry: '零售' })).body.id;
  const p = await buildAccount(t.database.db, {
    role: 'jobs_partner',
    orgId: t.org.subdistrictId,
    subdistrictId: t.org.subdistrictId,
    resource: { kind: 'jobs.employer', id: employerA },
  });
  partner = await t.as(p.username);
});
afterAll(() => t.close());

describe('fairs', () => {
  it('refuses bad input in Chinese, naming the field', async () => {
    const res = await jobs.post('/api/jobs/fairs', { title: '', startsAt: '明天下午', organiser: '街道' });
    expect(res.status).toBe(400);
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'startsAt']));
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'title').message).toBe('请填写招聘会名称');
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'startsAt').message).toBe('开始时间格式不正确');
  });

  it('publishes a fair once: robots and opted-in seekers are told, the public page shows it without sign-in', async () => {
    const fair = await jobs.post('/api/jobs/fairs', {
      title: '东门就业、助力战疫',
      startsAt: '2026-12-16T05:00:00.000Z',
      organiser: '小东门街道',
      partners: ['东门人力'],
      contactPhone: '021-63300000',
      contactEmail: 'jobs@example.com',
    });
    expect(fair.status).toBe(200);
    expect(fair.body.status).toBe('draft');
    // drafts are not public
    expect((await t.anon().get(`/api/jobs/public/fairs/${fair.body.id}`)).status).toBe(404);
    await jobs.post('/api/jobs/positions', { ...POSITION, employerId: employerA, fairId: fair.body.id });
    const reg = await jobs.post('/api/jobs/seekers', {
      ...PROFILE,
      name: '郭美玲',
      gender: 'female',
      status: 'unemployed',
      education: '中专',
      major: '会计',
      categories: ['会计'],
      skills: 'Excel',
      idNumber: idNumber('19850115', 52),
      phone: '13900010001',
      consent: true,
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(200);

    const pub = await jobs.post(`/api/jobs/fairs/${fair.body.id}/publish`, {
      robots: [{ channel: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test' }],
    });
    expect(pub.status).toBe(200);
    expect(pub.body.announced).toEqual({ sms: 1, robots: 1 });
    const outbox = await t.database.db
      .selectFrom('notify_outbox')
      .select(['channel', 'body'])
      .where('source_module', '=', 'jobs')
      .where('source_id', '=', fair.body.id)
      .execute();
    expect(outbox.map((o) => o.channel).sort()).toEqual(['sms', 'wecom']);
    expect(outbox.find((o) => o.channel === 'sms')?.body).toContain(`/m/jobs/fairs/${fair.body.id}`);
    const again = await jobs.post(`/api/jobs/fairs/${fair.body.id}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('不能重复发布');

    const page = await t.anon().get(`/api/jobs/public/fairs/${fair.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body.fair).toMatchObject({ title: '东门就业、助力战疫', status: 'published', positions: 1 });
    expect(page.body.positions[0]).toMatchObject({ title: 'Java 开发工程师', employerName: '东门人力资源服务有限公司' });
    expect((await t.anon().get('/api/jobs/public/fairs')).body.fairs.map((f: { id: string }) => f.id)).toContain(fair.body.id);
  });
});

describe('employers and positions', () => {
  it('refuses a salary range upside down, naming the field', async () => {
    const res = await jobs.post('/api/jobs/positions', { ...POSITION, employerId: employerA, salaryMin: 12000, salaryMax: 8000 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({ path: 'salaryMax', message: '薪资上限不能低于下限' });
    const dup = await jobs.post('/api/jobs/employers', { name: '外滩商贸连锁有限公司' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields[0]).toMatchObject({ path: 'name', message: '用人单位「外滩商贸连锁有限公司」已存在' });
  });

  it('lets a partner manage only its own employer’s positions: another employer’s is a 404', async () => {
    const mine = await partner.post('/api/jobs/positions', {
      ...POSITION,
      title: '前端开发工程师',
      employerId: employerA,
      skills: 'React',
    });
    expect(mine.status).toBe(200);
    const theirs = await jobs.post('/api/jobs/positions', { ...POSITION, title: '门店店长', category: '零售管理', employerId: employerB });
    expect(theirs.status).toBe(200);

    const list = await partner.get('/api/jobs/positions?pageSize=100');
    expect(list.body.items.every((p: { employerId: string }) => p.employerId === employerA)).toBe(true);
    expect((await partner.get(`/api/jobs/positions/${theirs.body.id}`)).status).toBe(404);
    expect((await partner.patch(`/api/jobs/positions/${theirs.body.id}`, { title: '改' })).status).toBe(404);
    expect((await partner.get(`/api/jobs/positions/${theirs.body.id}/seekers`)).status).toBe(404);
    expect((await partner.get(`/api/jobs/employers/${employerB}`)).status).toBe(404);
    expect((await partner.get('/api/jobs/employers')).body.employers.map((e: { id: string }) => e.id)).toEqual([employerA]);
    const smuggle = await partner.post('/api/jobs/positions', { ...POSITION, employerId: employerB });
    expect(smuggle.status).toBe(400);
    expect(smuggle.body.error.fields[0]).toMatchObject({ path: 'employerId', message: '用人单位不存在或不在您的管理范围内' });
    // seekers themselves are staff's: a partner reaches them only through consenting applications
    expect((await partner.get('/api/jobs/seekers')).body.total).toBe(0);
  });

  it('keeps another subdistrict’s employer out of reach', async () => {
    const other = await buildOtherSubdistrict(t.database.db);
    const outside = await buildEmployer(t, other.subdistrictId, '外区单位');
    expect((await jobs.get(`/api/jobs/employers/${outside}`)).status).toBe(404);
    const res = await jobs.post('/api/jobs/positions', { ...POSITION, employerId: outside });
    expect(res.status).toBe(400);
  });

  it('imports positions from the Excel template, adding a new employer, and names bad rows', async () => {
    const template = await jobs.get('/api/imports/jobs-positions/template');
    expect(template.status).toBe(200);
    const headers = [
      '用人单位',
      '岗位名称',
      '岗位类别',
      '行业',
      '工作地点',
      '最低月薪',
      '最高月薪',
      '学历要求',
      '专业',
      '工作年限',
      '招聘人数',
      '岗位描述',
      '技能要求',
    ];
    const rows = [
      [
        '东门人力资源服务有限公司',
        '人事专员',
        '人力资源',
        '人力资源服务',
        '黄浦区',
        '6000',
        '8000',
        '大专',
        '人力资源管理',
        '0',
        '2',
        '招聘和入职',
        '沟通',
      ],
      ['新开咖啡有限公司', '咖啡师', '餐饮', '餐饮', '黄浦区', '5000', '7000', '高中', '', '0', '3', '制作咖啡', ''],
      ['新开咖啡有限公司', '店员', '零售', '餐饮', '黄浦区', '7000', '5000', '高中', '', '0', '2', '', ''],
      ['新开咖啡有限公司', '店员', '零售', '餐饮', '黄浦区', '5000', '7000', '高中', '', '0', 'x', '', ''],
    ];
    const upload = async (r: string[][]) => {
      const m = multipart('岗位.xlsx', await xlsxBuffer(r, { headers }));
      return jobs.request('POST', '/api/imports/jobs-positions', m.payload, m.headers);
    };
    const bad = await upload(rows);
    expect(bad.status).toBe(200);
    expect(bad.body.report.ok).toBe(false);
    const cols = bad.body.report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(cols).toEqual(['4:最高月薪', '5:招聘人数']);
    const good = await upload(rows.slice(0, 2));
    expect(good.body.report).toMatchObject({ ok: true, rows: 2 });
    const done = await jobs.post(`/api/imports/jobs-positions/${good.body.id}/commit`);
    expect(done.body.report).toMatchObject({ ok: true, created: 2 });
    const list = await jobs.get(`/api/jobs/positions?q=${encodeURIComponent('咖啡师')}`);
    expect(list.body.items[0]).toMatchObject({ title: '咖啡师', employerName: '新开咖啡有限公司', salaryMin: 5000, headcount: 3 });
  });
});

describe('seekers, consent, matching and applications', () => {
  let graduate: Client;
  let javaId: string;
  let resumeUrl: string;

  it('registers a graduate by SMS sign-in, their own phone only', async () => {
    graduate = await resident('13800138021');
    expect((await graduate.get('/api/jobs/me')).body).toMatchObject({ seeker: null, consentWording: CONSENT_WORDING });
    const wrong = await graduate.put('/api/jobs/me', { ...PROFILE, phone: '13800138999' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'phone', message: '手机号须为您登录时使用的号码' });
    const bad = await graduate.put('/api/jobs/me', { ...PROFILE, phone: '13800138021', education: '小学' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'education', message: '请选择学历' });
    const upside = await graduate.put('/api/jobs/me', { ...PROFILE, phone: '13800138021', salaryMin: 12000, salaryMax: 9000 });
    expect(upside.body.error.fields).toContainEqual({ path: 'salaryMax', message: '薪资上限不能低于下限' });
    const ok = await graduate.put('/api/jobs/me', { ...PROFILE, phone: '13800138021' });
    expect(ok.status).toBe(200);
    expect(ok.body.seeker).toMatchObject({ name: '林晓东', phoneMasked: '138****8021', consented: false, registeredBy: 'self' });
  });

  it('recommends positions with Chinese reasons, best first', async () => {
    const recs = await graduate.get('/api/jobs/me/recommendations?top=5');
    expect(recs.status).toBe(200);
    const first = recs.body.matches[0];
    expect(first.position.title).toBe('Java 开发工程师');
    expect(first.score).toBeGreaterThan(0.5);
    expect(first.reasons.join('；')).toMatch(/薪资|专业|类别|岗位/);
    const scores = recs.body.matches.map((m: { score: number }) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    javaId = first.position.id;
  });

  it('counts a double submit once', async () => {
    const body = { positionId: javaId, clientKey: 'phone-apply-0001' };
    const [a, b] = [await graduate.post('/api/jobs/me/applications', body), await graduate.post('/api/jobs/me/applications', body)];
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.applications).toHaveLength(1);
    expect(b.body.applications[0]).toMatchObject({ status: 'submitted', statusLabel: '已投递', createdBy: 'self' });
    // a second key for the same position is the same application, not a second one
    const c = await graduate.post('/api/jobs/me/applications', { positionId: javaId, clientKey: 'phone-apply-0002' });
    expect(c.body.applications).toHaveLength(1);
    const n = await t.database.db
      .selectFrom('jobs_applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('position_id', '=', javaId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const unknown = await graduate.post('/api/jobs/me/applications', {
      positionId: '00000000-0000-7000-8000-000000000000',
      clientKey: 'phone-apply-0003',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'positionId', message: '岗位不存在' });
  });

  it('hides a seeker without consent from the employer; shows them ranked with reasons once they consent', async () => {
    expect((await partner.get('/api/jobs/applications')).body.applications).toEqual([]);
    expect(
      (await partner.get(`/api/jobs/positions/${javaId}/seekers`)).body.matches.map((m: { seeker: { name: string } }) => m.seeker.name),
    ).not.toContain('林晓东');
    // staff see it all the same
    expect((await jobs.get(`/api/jobs/applications?positionId=${javaId}`)).body.applications).toHaveLength(1);

    const stale = await graduate.post('/api/jobs/me/consent', { wording: '旧的同意书' });
    expect(stale.status).toBe(400);
    const consent = await graduate.post('/api/jobs/me/consent', { wording: CONSENT_WORDING });
    expect(consent.body.seeker.consented).toBe(true);

    // a second, weaker applicant, registered by staff for someone who phoned in
    const phoned = await jobs.post('/api/jobs/seekers', {
      ...PROFILE,
      name: '何建军',
      idNumber: idNumber('19790312', 53),
      phone: '13900010002',
      status: 'jobless',
      education: '高中',
      major: null,
      categories: ['物流仓储'],
      skills: 'C1 驾照',
      consent: true,
    });
    expect(phoned.status).toBe(200);
    const byStaff = await jobs.post(`/api/jobs/seekers/${phoned.body.id}/applications`, {
      positionId: javaId,
      clientKey: 'staff-apply-0001',
    });
    expect(byStaff.body).toMatchObject({ createdBy: 'staff', seekerName: '何建军' });

    const ranked = await partner.get(`/api/jobs/applications?positionId=${javaId}`);
    expect(ranked.body.applications.map((a: { seekerName: string }) => a.seekerName)).toEqual(['林晓东', '何建军']);
    const top = ranked.body.applications[0];
    expect(top.score).toBeGreaterThan(ranked.body.applications[1].score);
    expect(top.reasons.length).toBeGreaterThan(0);
    expect(top.seeker).toMatchObject({ major: '软件工程', phoneMasked: '138****8021' });
    const matches = await partner.get(`/api/jobs/positions/${javaId}/seekers`);
    expect(matches.body.matches[0].seeker.name).toBe('林晓东');

    const seen = await partner.post(`/api/jobs/applications/${top.id}/status`, { status: 'interview' });
    expect(seen.body).toMatchObject({ status: 'interview', statusLabel: '邀约面试' });
    const bad = await partner.post(`/api/jobs/applications/${top.id}/status`, { status: 'hired' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('status');
  });

  it('takes a PDF resume judged by its content; the consenting applicant’s employer may open it', async () => {
    const png = multipart('简历.pdf', await samplePng());
    const refused = await graduate.request('POST', '/api/jobs/me/resume', png.payload, png.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('简历.pdf');
    const pdf = multipart('林晓东简历.pdf', samplePdf('林晓东'));
    const ok = await graduate.request('POST', '/api/jobs/me/resume', pdf.payload, pdf.headers);
    expect(ok.status).toBe(200);
    expect(ok.body.seeker.resume).toMatchObject({ name: '林晓东简历.pdf', kind: 'pdf' });
    resumeUrl = ok.body.seeker.resume.url;
    expect((await graduate.get(resumeUrl)).status).toBe(200);
    expect((await jobs.get(resumeUrl)).status).toBe(200);
    expect((await partner.get(resumeUrl)).status).toBe(200);
    const nobody = await buildAccount(t.database.db, {
      role: 'jobs_partner',
      orgId: t.org.subdistrictId,
      subdistrictId: t.org.subdistrictId,
      resource: { kind: 'jobs.employer', id: employerB },
    });
    expect((await (await t.as(nobody.username)).get(resumeUrl)).status).toBe(404);
  });

  it('hides the profile from employers at once when consent is withdrawn', async () => {
    const before = await partner.get('/api/jobs/applications');
    const appId = before.body.applications.find((a: { seekerName: string }) => a.seekerName === '林晓东').id;
    const w = await graduate.post('/api/jobs/me/consent/withdraw');
    expect(w.body.seeker.consented).toBe(false);
    const after = await partner.get('/api/jobs/applications');
    expect(after.body.applications.map((a: { seekerName: string }) => a.seekerName)).toEqual(['何建军']);
    expect((await partner.post(`/api/jobs/applications/${appId}/status`, { status: 'viewed' })).status).toBe(404);
    expect((await partner.get(resumeUrl)).status).toBe(404);
    expect(
      (await partner.get(`/api/jobs/positions/${javaId}/seekers`)).body.matches.map((m: { seeker: { name: string } }) => m.seeker.name),
    ).not.toContain('林晓东');
    // the consent history keeps both rows, with time and wording
    const rows = await t.database.db.selectFrom('jobs_consents').selectAll().where('wording', '=', CONSENT_WORDING).execute();
    expect(rows.some((r) => r.withdrawn_at !== null)).toBe(true);
  });

  it('lets the seeker withdraw an application and apply again', async () => {
    const mine = await graduate.get('/api/jobs/me/applications');
    const id = mine.body.applications[0].id;
    const w = await graduate.post(`/api/jobs/me/applications/${id}/withdraw`);
    expect(w.body.applications[0]).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' });
    const again = await graduate.post('/api/jobs/me/applications', { positionId: javaId, clientKey: 'phone-apply-0009' });
    expect(again.body.applications[0].status).toBe('submitted');
    // another resident cannot touch it
    const stranger = await resident('13800138077');
    expect((await stranger.post(`/api/jobs/me/applications/${id}/withdraw`)).status).toBe(404);
  });

  it('finds a person again: registering the same ID number twice keeps one seeker', async () => {
    const body = { ...PROFILE, name: '宋佳琪', gender: 'female', idNumber: idNumber('19980510', 54), phone: '13900010003', consent: false };
    const a = await jobs.post('/api/jobs/seekers', body);
    const b = await jobs.post('/api/jobs/seekers', { ...body, salaryMin: 7000 });
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.salaryMin).toBe(7000);
    const wrongDigit = idNumber('19980510', 55).slice(0, 17) + (idNumber('19980510', 55).endsWith('1') ? '2' : '1');
    const bad = await jobs.post('/api/jobs/seekers', { ...body, idNumber: wrongDigit });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('idNumber');
  });

  it('reports registrations, positions and the salary gap per category', async () => {
    const s = await jobs.get('/api/jobs/stats');
    expect(s.status).toBe(200);
    expect(s.body.seekers).toBeGreaterThanOrEqual(4);
    expect(s.body.byStatus.find((c: { key: string }) => c.key === 'graduate').label).toBe('应届毕业生');
    const dev = s.body.salaryGap.find((g: { category: string }) => g.category === '软件开发');
    // 林晓东 8000–11000 and 宋佳琪 7000–11000: (9500 + 9000) / 2
    expect(dev.expected).toBe(9250);
    expect(dev.offered).not.toBeNull();
    expect((await partner.get('/api/jobs/stats')).body.seekers).toBe(0);
  });
});
