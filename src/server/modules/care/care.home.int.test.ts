import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary, buildCampaign, systemContext } from '../../../../test/factories';

/** Care's home cards and phone entry, checked against counts made here from the rows themselves. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const ctx = systemContext(t);
  const b1 = await buildBeneficiary(t, { neighborhood: '白渡' });
  const b2 = await buildBeneficiary(t, { neighborhood: '白渡' });
  const b3 = await buildBeneficiary(t, { neighborhood: '中华' });
  await t.services.care.needs.create(ctx, { beneficiaryId: b1.id, item: 'medicine', quantity: 1, urgency: 'urgent' });
  await t.services.care.needs.create(ctx, { beneficiaryId: b2.id, item: 'masks', quantity: 10, urgency: 'normal' });
  await t.services.care.needs.create(ctx, { beneficiaryId: b3.id, item: 'staples', quantity: 1, urgency: 'critical' });
  await buildCampaign(t);
});
afterAll(() => t.close());

const card = (cards: { key: string; figure: { value: number }; tone: string }[], key: string) =>
  cards.find((c) => c.key === key) as (typeof cards)[number];

async function openUrgentIn(neighborhood?: string) {
  let q = t.database.db
    .selectFrom('care_needs')
    .innerJoin('care_beneficiaries', 'care_beneficiaries.id', 'care_needs.beneficiary_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('care_needs.urgency', 'in', ['urgent', 'critical'])
    .where('care_needs.status', 'in', ['registered', 'verified', 'arranged']);
  if (neighborhood) q = q.where('care_beneficiaries.neighborhood_id', '=', t.org.neighborhoods[neighborhood] as string);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('care on the home page', () => {
  it('shows the subdistrict’s urgent needs and quiet beneficiaries to care staff, one neighborhood’s to its staff', async () => {
    const care = await (await t.as('care')).get('/api/home/cards');
    expect(care.status).toBe(200);
    expect(card(care.body.cards, 'care.urgent-needs').figure.value).toBe(await openUrgentIn());
    expect(card(care.body.cards, 'care.urgent-needs').tone).toBe('danger');
    const never = Number(
      (
        await t.database.db
          .selectFrom('care_beneficiaries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('last_contact_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(card(care.body.cards, 'care.not-contacted').figure.value).toBe(never);
    expect(card(care.body.cards, 'care.campaigns').figure.value).toBe(1);

    const zhonghua = await (await t.as('zhonghua')).get('/api/home/cards');
    expect(card(zhonghua.body.cards, 'care.urgent-needs').figure.value).toBe(await openUrgentIn('中华'));
    // the 白渡 campaign is not 中华's
    expect(card(zhonghua.body.cards, 'care.campaigns').figure.value).toBe(0);
  });

  it('lists the calls a caller still has to make on the phone home; a resident gets no entry and no card', async () => {
    const baidu = await (await t.as('baidu')).get('/api/home/phone');
    expect(baidu.body.entries).toEqual([expect.objectContaining({ key: 'care.calls', link: '/m/care', badge: 2 })]);
    const jobs = await (await t.as('jobs')).get('/api/home/phone');
    // other modules may show the jobs office their own cards; care shows it none
    const careOnly = (xs: { module: string }[]) => xs.filter((x) => x.module === 'care');
    expect(careOnly(jobs.body.entries)).toEqual([]);
    expect(careOnly((await (await t.as('jobs')).get('/api/home/cards')).body.cards)).toEqual([]);
  });
});
