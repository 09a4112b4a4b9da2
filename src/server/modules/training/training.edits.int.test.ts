import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildOtherSubdistrict } from '../../../../test/factories';
import { idNumber } from '../../../../test/xlsx';

let t: TestApp;
let staff: Client;
let outsider: Client;

beforeAll(async () => {
  t = await testApp();
  staff = await t.as('training');
  const other = await buildOtherSubdistrict(t.database.db);
  const acc = await buildAccount(t.database.db, { role: 'training_staff', orgId: other.subdistrictId, subdistrictId: other.subdistrictId });
  outsider = await t.as(acc.username);
});
afterAll(() => t.close());

const phone = (i: number) => `1390004${String(1000 + i).padStart(4, '0')}`;
const audits = async (action: string) =>
  (await t.database.db.selectFrom('audit_log').select(['target_id', 'detail']).where('action', '=', action).execute()).map((r) => ({
    targetId: r.target_id,
    detail: JSON.parse(r.detail as string),
  }));

describe('editing a committee after registration', () => {
  it('changes estate, term, contacts and members (added, removed, role changed), audited before/after', async () => {
    const gu = { name: '顾明德', idNumber: idNumber('19550312', 811), phone: phone(1), role: 'director' as const };
    const yao = { name: '姚秀兰', idNumber: idNumber('19580521', 822), phone: phone(2), role: 'member' as const };
    const created = await staff.post('/api/training/committees', {
      estateId: t.org.estates.白渡一村,
      name: '白渡一村业主委员会',
      termStart: '2021-06-01',
      termEnd: '2026-05-31',
      members: [gu, yao],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.id as string;
    const guId = created.body.members.find((m: { name: string }) => m.name === '顾明德').personId;

    const zhou = { name: '周建华', idNumber: idNumber('19620101', 833), phone: phone(3), role: 'director' as const };
    const edited = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: '白渡花苑业主委员会',
      termStart: '2026-06-01',
      termEnd: '2031-05-31',
      officePhone: '021-63000000',
      members: [{ personId: guId, role: 'deputy' }, zhou],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      name: '白渡花苑业主委员会',
      estateName: '白渡花苑',
      termStart: '2026-06-01',
      termEnd: '2031-05-31',
      officePhone: '021-63000000',
      memberCount: 2,
      director: { name: '周建华', role: 'director', phoneMasked: '139****1003' },
    });
    const roles = Object.fromEntries(edited.body.members.map((m: { name: string; role: string }) => [m.name, m.role]));
    expect(roles).toEqual({ 顾明德: 'deputy', 周建华: 'director' });
    // the member kept is the same core person, not a new one
    expect(edited.body.members.find((m: { name: string }) => m.name === '顾明德').personId).toBe(guId);

    const [entry] = await audits('training.committee_update');
    expect(entry?.targetId).toBe(id);
    expect(entry?.detail.before).toMatchObject({ name: '白渡一村业主委员会', termEnd: '2026-05-31', officePhone: null });
    expect(entry?.detail.after).toMatchObject({ name: '白渡花苑业主委员会', termEnd: '2031-05-31', officePhone: '021-63000000' });
    expect(entry?.detail.before.members).toContain(`${guId}:director`);
    expect(entry?.detail.after.members).toContain(`${guId}:deputy`);

    // the freed estate can be registered again; a taken one is refused by name
    const other = await staff.post('/api/training/committees', {
      estateId: t.org.estates.白渡一村,
      name: '白渡一村业主委员会',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
    });
    expect(other.status).toBe(200);
    const taken = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡一村,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
    });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual([{ path: 'estateId', message: '小区「白渡一村」已登记业委会' }]);
    const backwards = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2023-01-01',
    });
    expect(backwards.body.error.fields).toEqual([{ path: 'termEnd', message: '任期结束日期应晚于开始日期' }]);
    const twoDirectors = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
      members: [gu, zhou],
    });
    expect(twoDirectors.body.error.fields).toEqual([{ path: 'members', message: '一个业委会只能有一位主任' }]);
    const noName = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: ' ',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields).toEqual([expect.objectContaining({ path: 'name', message: '请填写业委会名称' })]);

    // a kept member must be one of this committee's; the same person twice is named
    const stranger = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
      members: [{ personId: other.body.id, role: 'member' }],
    });
    expect(stranger.body.error.fields).toEqual([{ path: 'members.0', message: '第 1 位成员不是本业委会的成员，请按身份证号添加' }]);
    const twice = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
      members: [
        { personId: guId, role: 'member' },
        { ...gu, role: 'member' },
      ],
    });
    expect(twice.body.error.fields).toEqual([{ path: 'members.1', message: '第 2 位成员「顾明德」重复' }]);

    // removing every member
    const emptied = await staff.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: '白渡花苑业主委员会',
      termStart: '2026-06-01',
      termEnd: '2031-05-31',
      members: [],
    });
    expect(emptied.body).toMatchObject({ memberCount: 0, director: null, members: [] });
    expect((await audits('training.committee_update')).length).toBe(2);

    const foreign = await outsider.put(`/api/training/committees/${id}`, {
      estateId: t.org.estates.白渡花苑,
      name: 'x',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
    });
    expect(foreign.status).toBe(404);
  });
});

describe('editing a session', () => {
  it('changes title, lecturer, time, mode and audience, keeps the check-in code, audited before/after', async () => {
    const created = await staff.post('/api/training/sessions', {
      title: '示范文本解读',
      lecturer: '陈律师',
      startsAt: '2026-12-10T14:00:00+08:00',
      endsAt: '2026-12-10T15:30:00+08:00',
      mode: 'onsite',
      place: '街道会议室',
      audience: 'all',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.id as string;
    const edited = await staff.put(`/api/training/sessions/${id}`, {
      title: '业主大会议事规则示范文本解读',
      lecturer: '王律师',
      startsAt: '2026-12-11T09:00:00+08:00',
      endsAt: '2026-12-11T10:00:00+08:00',
      mode: 'online',
      place: '腾讯会议 123 456 789',
      audience: 'requested',
      audienceDetail: ['换届改选'],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      title: '业主大会议事规则示范文本解读',
      lecturer: '王律师',
      startsAt: '2026-12-11T01:00:00.000Z',
      endsAt: '2026-12-11T02:00:00.000Z',
      mode: 'online',
      place: '腾讯会议 123 456 789',
      audience: 'requested',
      audienceDetail: ['换届改选'],
      checkinCode: created.body.checkinCode,
    });
    const [entry] = await audits('training.session_update');
    expect(entry?.targetId).toBe(id);
    expect(entry?.detail.before).toMatchObject({
      title: '示范文本解读',
      lecturer: '陈律师',
      mode: 'onsite',
      startsAt: '2026-12-10T06:00:00.000Z',
    });
    expect(entry?.detail.after).toMatchObject({ lecturer: '王律师', mode: 'online', audienceDetail: ['换届改选'] });

    const backwards = await staff.put(`/api/training/sessions/${id}`, {
      ...edited.body,
      startsAt: '2026-12-11T10:00:00+08:00',
      endsAt: '2026-12-11T09:00:00+08:00',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual([{ path: 'endsAt', message: '结束时间应晚于开始时间' }]);
    const noLecturer = await staff.put(`/api/training/sessions/${id}`, {
      title: 'x',
      lecturer: '',
      startsAt: '2026-12-11T09:00:00+08:00',
      endsAt: '2026-12-11T10:00:00+08:00',
      mode: 'online',
      place: 'x',
      audience: 'all',
    });
    expect(noLecturer.body.error.fields).toEqual([expect.objectContaining({ path: 'lecturer', message: '请填写主讲人' })]);
    const foreign = await outsider.put(`/api/training/sessions/${id}`, {
      title: 'x',
      lecturer: 'y',
      startsAt: '2026-12-11T09:00:00+08:00',
      endsAt: '2026-12-11T10:00:00+08:00',
      mode: 'online',
      place: 'x',
      audience: 'all',
    });
    expect(foreign.status).toBe(404);
  });
});

describe('registration before a session', () => {
  it('lets invited directors register from the phone or through the office, and lists registered / checked in / not come', async () => {
    const directors = [
      { estate: '中华新苑', name: '李国强', idNumber: idNumber('19600101', 911), phone: phone(11) },
      { estate: '金坛小区', name: '张桂英', idNumber: idNumber('19610202', 922), phone: phone(12) },
    ];
    const personIds: string[] = [];
    for (const d of directors) {
      const c = await staff.post('/api/training/committees', {
        estateId: t.org.estates[d.estate],
        name: `${d.estate}业主委员会`,
        termStart: '2024-01-01',
        termEnd: '2029-01-01',
        members: [{ name: d.name, idNumber: d.idNumber, phone: d.phone, role: 'director' }],
      });
      expect(c.status, JSON.stringify(c.body)).toBe(200);
      personIds.push(c.body.director.personId);
    }
    // a session that is already over, so who registered and did not come shows as such
    const s = await staff.post('/api/training/sessions', {
      title: '维修资金使用',
      lecturer: '陈律师',
      startsAt: '2025-03-01T14:00:00+08:00',
      endsAt: '2025-03-01T15:00:00+08:00',
      mode: 'online',
      place: '腾讯会议 987 654 321',
      audience: 'all',
    });
    const id = s.body.id as string;
    const code = s.body.checkinCode as string;
    const invited = await staff.post(`/api/training/sessions/${id}/invite`);
    expect(invited.body.invited).toBeGreaterThanOrEqual(2);

    const mine = await t.anon().post('/api/training/register', { code, name: '李国强', phone: phone(11) });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body).toMatchObject({ title: '维修资金使用', already: false });
    const again = await t.anon().post('/api/training/register', { code, name: '李国强', phone: phone(11) });
    expect(again.body).toMatchObject({ already: true, registeredAt: mine.body.registeredAt });
    const stranger = await t.anon().post('/api/training/register', { code, name: '路人', phone: phone(99) });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.fields).toEqual([
      { path: 'phone', message: '这个手机号没有收到本次培训的邀请；未报名也可以在培训当天直接签到' },
    ]);
    const badCode = await t.anon().post('/api/training/register', { code: '000000', name: '李国强', phone: phone(11) });
    expect(badCode.body.error.fields).toEqual([{ path: 'code', message: '签到码不正确，请核对后再试' }]);

    const forHer = await staff.post(`/api/training/sessions/${id}/registrations`, { personId: personIds[1] });
    expect(forHer.status, JSON.stringify(forHer.body)).toBe(200);
    const notInvited = await staff.post(`/api/training/sessions/${id}/registrations`, { personId: id });
    expect(notInvited.body.error.fields).toEqual([{ path: 'personId', message: '只能为已邀请、留有手机号的主任报名' }]);

    // the registered director checks in; someone else walks in without registering
    expect((await t.anon().post('/api/training/checkin', { code, name: '李国强', phone: phone(11) })).body.already).toBe(false);
    expect((await t.anon().post('/api/training/checkin', { code, name: '王阿姨', phone: phone(13) })).status).toBe(200);

    const detail = await staff.get(`/api/training/sessions/${id}`);
    const status = Object.fromEntries(detail.body.checkins.map((r: { name: string; status: string }) => [r.name, r.status]));
    expect(status).toEqual({ 李国强: 'checked_in', 张桂英: 'not_come', 王阿姨: 'walk_in' });
    expect(detail.body.checkedIn).toBe(2);

    // moved to a future date, the one who has not come yet is simply registered
    const moved = await staff.put(`/api/training/sessions/${id}`, {
      title: '维修资金使用',
      lecturer: '陈律师',
      startsAt: '2099-03-01T14:00:00+08:00',
      endsAt: '2099-03-01T15:00:00+08:00',
      mode: 'online',
      place: '腾讯会议 987 654 321',
      audience: 'all',
    });
    expect(moved.body.checkins.find((r: { name: string }) => r.name === '张桂英').status).toBe('registered');
    expect((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'training.register').execute()).length).toBe(2);
  });
});
