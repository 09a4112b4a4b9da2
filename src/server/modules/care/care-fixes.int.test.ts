import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary } from '../../../../test/factories';

/** Care part 1, finished as its users found it (issue #11 §6). */
let t: TestApp;
let care: Client;
let baidu: Client;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  for (let i = 0; i < 15; i++) await buildBeneficiary(t, { name: `进度${i}` });
});
afterAll(() => t.close());

const newCampaign = async (title: string) => {
  const callerId = (await baidu.get('/api/auth/me')).body.account.id;
  const res = await care.post('/api/care/campaigns', {
    title,
    startsOn: '2026-11-26',
    endsOn: '2026-12-10',
    talkingPoints: '问候身体情况',
    filter: { neighborhoodIds: [t.org.neighborhoods.白渡] },
    splitMode: 'evenly',
    callerIds: [callerId],
    maxAttempts: 3,
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; total: number };
};

describe('campaign progress after an unreached call', () => {
  it('counts a no-answer person back in the queue as tried (未接通 1, 待重拨 1), with attempts', async () => {
    const c = await newCampaign('进度核对');
    expect(c.total).toBe(15);
    const queue = await baidu.get(`/api/care/campaigns/${c.id}/queue`);
    const [first, second] = queue.body.items;
    const missed = await baidu.post(`/api/care/tasks/${first.taskId}/calls`, { clientKey: 'fix-progress-1', outcome: 'no_answer' });
    expect(missed.body).toMatchObject({ taskStatus: 'pending', requeued: true });
    let p = await care.get(`/api/care/campaigns/${c.id}`);
    expect(p.body).toMatchObject({ total: 15, reached: 0, unreached: 1, retry: 1, pending: 14, attempts: 1 });
    expect(p.body.byNeighborhood).toEqual([expect.objectContaining({ label: '白渡', unreached: 1, retry: 1, pending: 14, attempts: 1 })]);

    // the same person tried again, then a wrong number for another: two tried, three attempts
    await baidu.post(`/api/care/tasks/${first.taskId}/calls`, { clientKey: 'fix-progress-2', outcome: 'busy' });
    await baidu.post(`/api/care/tasks/${second.taskId}/calls`, { clientKey: 'fix-progress-3', outcome: 'wrong_number' });
    p = await care.get(`/api/care/campaigns/${c.id}`);
    expect(p.body).toMatchObject({ total: 15, reached: 0, unreached: 2, retry: 1, pending: 13, attempts: 3 });
    expect(p.body.byCaller).toEqual([expect.objectContaining({ unreached: 2, retry: 1, pending: 13, attempts: 3 })]);
    // the list of campaigns says the same
    const list = await care.get('/api/care/campaigns');
    expect(list.body.campaigns.find((x: { id: string }) => x.id === c.id)).toMatchObject({ unreached: 2, pending: 13, attempts: 3 });
  });
});
