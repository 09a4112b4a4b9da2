import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { idNumber } from '../../../../test/xlsx';

let t: TestApp;
let care: Client;
let registry: Client;

const names = ['江平', '李%华', '王_明', '王明明', '张\\伟'];
// 江平's 18-digit number and the 15-digit one of the old (first-generation) card
const jiang18 = idNumber('19560314', 123);
const jiang15 = `310101560314123`;

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  registry = await t.as('registry');
  const cats = (await care.get('/api/care/categories')).body.categories;
  for (const [i, name] of names.entries()) {
    const r = await care.post('/api/care/beneficiaries', {
      name,
      idNumber: i === 0 ? jiang18 : idNumber('19400101', 300 + i),
      neighborhoodId: t.org.neighborhoods.白渡,
      categoryId: cats[0].id,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});
afterAll(() => t.close());

const care_ = async (q: string) =>
  (await care.get(`/api/care/beneficiaries?q=${encodeURIComponent(q)}`)).body.items.map((b: { name: string }) => b.name).sort();
const people = async (q: string) =>
  (await registry.get(`/api/people?q=${encodeURIComponent(q)}`)).body.items.map((p: { name: string }) => p.name).sort();

describe('one person search for every module', () => {
  it('finds a beneficiary by the 15-digit number of the old ID card, as people search does', async () => {
    expect(await people(jiang15)).toEqual(['江平']);
    expect(await care_(jiang15)).toEqual(['江平']);
    expect(await care_(jiang18)).toEqual(['江平']);
  });

  it('takes % and _ in a name literally (they are not LIKE wildcards)', async () => {
    expect(await care_('%')).toEqual(['李%华']);
    expect(await care_('_')).toEqual(['王_明']);
    expect(await care_('王_')).toEqual(['王_明']);
    expect(await care_('\\')).toEqual(['张\\伟']);
    expect(await people('%')).toEqual(['李%华']);
    expect(await people('_')).toEqual(['王_明']);
    expect(await care_('王')).toEqual(['王_明', '王明明']);
  });

  it('gives the same answers in both searches for names, pinyin, tails and phones', async () => {
    for (const q of ['江', 'jp', 'jiangping', jiang18.slice(-4), '明']) expect(await care_(q), q).toEqual(await people(q));
  });
});
