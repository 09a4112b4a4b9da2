import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary, buildCampaign } from '../../../../test/factories';

/** 生活动态 (issue #11 §4): what the test does is what the timeline says, newest first, in scope only. */
let t: TestApp;
let care: Client;
let baidu: Client;
let zhonghua: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
});
afterAll(() => t.close());

type Entry = { key: string; kind: string; at: string; title: string; details: string[]; by: string | null };

describe('a beneficiary’s timeline', () => {
  it('answers 404 outside the actor’s scope and for an unknown id', async () => {
    const b = await buildBeneficiary(t, { neighborhood: '白渡' });
    expect((await zhonghua.get(`/api/care/beneficiaries/${b.id}/timeline`)).status).toBe(404);
    expect((await zhonghua.post(`/api/care/beneficiaries/${b.id}/notes`, { clientKey: 'note-outsider', text: 'x' })).status).toBe(404);
    expect((await care.get('/api/care/beneficiaries/nope/timeline')).status).toBe(404);
    expect((await t.anon().get(`/api/care/beneficiaries/${b.id}/timeline`)).status).toBe(401);
  });

  it('merges calls, needs and their moves, changes of the record and notes, newest first', async () => {
    const b = await buildBeneficiary(t, { neighborhood: '白渡', name: '动态测试' });
    const campaign = await buildCampaign(t, { title: '节日慰问电话' });
    const task = await t.database.db
      .selectFrom('care_call_tasks')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('beneficiary_id', '=', b.id)
      .executeTakeFirstOrThrow();

    const missed = await baidu.post(`/api/care/tasks/${task.id}/calls`, { clientKey: 'tl-call-1', outcome: 'no_answer' });
    expect(missed.status).toBe(200);
    const reached = await baidu.post(`/api/care/tasks/${task.id}/calls`, {
      clientKey: 'tl-call-2',
      outcome: 'reached',
      healthStatus: 'poor',
      livingStatus: 'difficult',
      mood: 'low',
      note: '腿疼，想要人陪同就医',
      needs: [{ item: 'escort', quantity: 1, urgency: 'urgent', note: '周三骨科' }],
    });
    expect(reached.status).toBe(200);
    const needId = reached.body.needIds[0];
    expect((await care.post(`/api/care/needs/${needId}/status`, { to: 'verified', note: '已电话核实' })).status).toBe(200);

    const volunteerId = (
      await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'volunteer').executeTakeFirstOrThrow()
    ).id;
    const patched = await care.patch(`/api/care/beneficiaries/${b.id}`, {
      volunteerAccountId: volunteerId,
      livingSituation: '空巢',
      road: '中华路',
      lane: '8',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.volunteerName).toBe('志愿者 赵晓东');

    const note = await care.post(`/api/care/beneficiaries/${b.id}/notes`, { clientKey: 'tl-note-0001', text: '女儿下周回沪探望' });
    expect(note.status).toBe(200);
    // a double click sends the same note again: it is added once
    await care.post(`/api/care/beneficiaries/${b.id}/notes`, { clientKey: 'tl-note-0001', text: '女儿下周回沪探望' });

    const res = await baidu.get(`/api/care/beneficiaries/${b.id}/timeline`);
    expect(res.status).toBe(200);
    const entries: Entry[] = res.body.entries;
    // newest first
    expect([...entries].sort((a, z) => (a.at === z.at ? a.key.localeCompare(z.key) : a.at < z.at ? 1 : -1))).toEqual(entries);

    const byTitle = (title: string) => entries.filter((e) => e.title === title);
    expect(byTitle('电话慰问：无人接听')).toEqual([
      expect.objectContaining({ kind: 'call', by: '白渡居委 张萍', details: ['活动：节日慰问电话'] }),
    ]);
    expect(byTitle('电话慰问：已接通，身体较差')).toEqual([
      expect.objectContaining({
        kind: 'call',
        by: '白渡居委 张萍',
        details: ['活动：节日慰问电话', '生活：有困难', '情绪：低落', '备注：腿疼，想要人陪同就医'],
      }),
    ]);
    expect(byTitle('登记需求：就医陪同 × 1次（紧急）')).toEqual([
      expect.objectContaining({ kind: 'need', by: '白渡居委 张萍', details: ['说明：周三骨科', '来源：电话慰问登记'] }),
    ]);
    expect(byTitle('需求已核实：就医陪同 × 1次')).toEqual([
      expect.objectContaining({ kind: 'need', by: '优抚科 周敏', details: ['登记 → 已核实', '说明：已电话核实'] }),
    ]);
    expect(byTitle('修改结对志愿者')).toEqual([
      expect.objectContaining({ kind: 'change', by: '优抚科 周敏', details: ['（空） → 志愿者 赵晓东'] }),
    ]);
    expect(byTitle('修改居住状况')).toEqual([expect.objectContaining({ kind: 'change', details: ['独居 → 空巢'] })]);
    // the address change comes from the person's contact history
    const address = entries.filter((e) => e.kind === 'change' && e.title === '修改地址');
    expect(address).toHaveLength(1);
    expect(address[0]?.details[0]).toContain('中华路8弄3号201室');
    expect(byTitle('工作记录')).toEqual([expect.objectContaining({ kind: 'note', by: '优抚科 周敏', details: ['女儿下周回沪探望'] })]);

    // nothing else: two calls, two need entries, the record's changes, one note
    expect(entries.filter((e) => e.kind === 'call')).toHaveLength(2);
    expect(entries.filter((e) => e.kind === 'need')).toHaveLength(2);
    expect(entries.filter((e) => e.kind === 'note')).toHaveLength(1);
    expect(
      entries
        .filter((e) => e.kind === 'change')
        .map((e) => e.title)
        .sort(),
    ).toEqual(['修改地址', '修改居住状况', '修改结对志愿者'].sort());
    // another beneficiary's timeline holds none of it
    const other = await buildBeneficiary(t, { neighborhood: '白渡' });
    expect((await care.get(`/api/care/beneficiaries/${other.id}/timeline`)).body.entries).toEqual([]);
  });

  it('refuses an empty note in words, naming the field', async () => {
    const b = await buildBeneficiary(t);
    const res = await care.post(`/api/care/beneficiaries/${b.id}/notes`, { clientKey: 'tl-note-empty', text: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'text', message: '请输入记录内容' })]);
  });
});
