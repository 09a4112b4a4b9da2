import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { systemContext } from '../../../../test/factories';
import { idNumber } from '../../../../test/xlsx';
import { todayIso } from '../../core/people/id-number';
import { addDays } from './domain/visits';

/**
 * 关爱看板 figures against counts worked out here from what the test seeded (a fixed-seed
 * generator), not through the dashboard's code.
 */
let t: TestApp;
let care: Client;
let baidu: Client;
const today = todayIso();
const DAY = 86_400_000;

// a small linear congruential generator: the same people every run
let seed = 20261202;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

const NBS = ['白渡', '中华', '金坛'] as const;
const CATS = ['残疾军人', '烈士遗属', '复员军人'] as const;
const LIVING = ['独居', '空巢', '与子女同住'] as const;
const BIRTH = ['19350615', '19460101', '19580910'] as const; // 91, 80, 68 in December 2026
const REASONS = [[], ['慢性病'], ['行动不便', '失能']] as const;
const CONTACT = [null, 2, 12, 45] as const; // days ago
const VISIT = [null, 3, 10, 20, 40] as const; // days ago
const NEXT = [null, null, -2, 3, 20] as const; // the next visit agreed on, days from today
const ITEMS = ['masks', 'staples', 'medicine'] as const;
const NEED_AGE = [1, 5, 12, 60] as const; // days ago
const NEED_END = ['open', 'open', 'delivered', 'cancelled'] as const;

interface Spec {
  nb: (typeof NBS)[number];
  cat: (typeof CATS)[number];
  living: (typeof LIVING)[number];
  birth: (typeof BIRTH)[number];
  reasons: readonly string[];
  contact: number | null;
  visit: number | null;
  next: number | null;
  needs: { item: (typeof ITEMS)[number]; quantity: number; age: number; end: (typeof NEED_END)[number] }[];
}

const specs: Spec[] = Array.from({ length: 30 }, () => ({
  nb: NBS[rand(3)] as Spec['nb'],
  cat: CATS[rand(3)] as Spec['cat'],
  living: LIVING[rand(3)] as Spec['living'],
  birth: BIRTH[rand(3)] as Spec['birth'],
  reasons: REASONS[rand(3)] as readonly string[],
  contact: CONTACT[rand(4)] as number | null,
  visit: VISIT[rand(5)] as number | null,
  next: NEXT[rand(5)] as number | null,
  needs: Array.from({ length: rand(3) }, () => ({
    item: ITEMS[rand(3)] as Spec['needs'][number]['item'],
    quantity: 1 + rand(5),
    age: NEED_AGE[rand(4)] as number,
    end: NEED_END[rand(4)] as Spec['needs'][number]['end'],
  })),
}));

beforeAll(async () => {
  t = await testApp();
  care = await t.as('care');
  baidu = await t.as('baidu');
  const ctx = systemContext(t);
  const cats = await t.services.care.beneficiaries.categories(ctx);
  const db = t.database.db;
  for (const [i, s] of specs.entries()) {
    const b = await t.services.care.beneficiaries.create(ctx, {
      name: `看板对象${i}`,
      idNumber: idNumber(s.birth, 300 + i),
      neighborhoodId: t.org.neighborhoods[s.nb] as string,
      categoryId: cats.find((c) => c.name === s.cat)?.id as string,
      livingSituation: s.living,
      priorityReasons: [...s.reasons],
    });
    if (s.visit !== null) {
      await t.services.care.visits.recordNew(ctx, {
        beneficiaryId: b.id,
        clientKey: `dash-visit-${i}`,
        doneOn: addDays(today, -s.visit),
        visitors: '周敏',
        conditionSeen: '一切正常',
        // the next visit must come after this one
        nextVisitOn: s.next !== null && s.next > -s.visit ? addDays(today, s.next) : null,
      });
    }
    // set after the visit, which counts as a contact now
    const contactAt = s.contact === null ? null : new Date(Date.now() - s.contact * DAY - 3600_000).toISOString();
    await db.updateTable('care_beneficiaries').set({ last_contact_at: contactAt }).where('id', '=', b.id).execute();
    for (const [j, n] of s.needs.entries()) {
      const need = await t.services.care.needs.create(ctx, { beneficiaryId: b.id, item: n.item, quantity: n.quantity, urgency: 'normal' });
      if (n.end === 'cancelled') await t.services.care.needs.move(ctx, need.id, 'cancelled');
      if (n.end === 'delivered') {
        for (const to of ['verified', 'arranged', 'delivered'] as const) await t.services.care.needs.move(ctx, need.id, to);
      }
      const at = new Date(Date.now() - n.age * DAY - 3600_000 - j * 1000).toISOString();
      await db.updateTable('care_needs').set({ created_at: at }).where('id', '=', need.id).execute();
    }
  }
});
afterAll(() => t.close());

/** the figures worked out from the specs */
function expected(nbs: readonly string[]) {
  const mine = specs.filter((s) => nbs.includes(s.nb));
  const age = (birth: string) =>
    Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) - (today.slice(5) < `${birth.slice(4, 6)}-${birth.slice(6)}` ? 1 : 0);
  const flags = (s: Spec) => {
    const f = new Set(s.reasons);
    if (s.living === '独居' || s.living === '空巢') f.add(s.living);
    if (age(s.birth) >= 80) f.add('80岁以上');
    return [...f];
  };
  const tally = <T>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());
  const visitState = (s: Spec) => {
    const interval = age(s.birth) >= 80 && s.living === '独居' ? 14 : flags(s).length > 0 ? 30 : null;
    if (interval === null) return null;
    if (s.visit === null) return 'overdue';
    const planned = s.next !== null && s.next > -s.visit ? s.next : null;
    const left = Math.min(interval - s.visit, planned ?? Number.POSITIVE_INFINITY);
    return left < 0 ? 'overdue' : left <= 7 ? 'due' : 'ok';
  };
  const openNeeds = mine.flatMap((s) => s.needs.filter((n) => n.end === 'open'));
  const states = tally(mine.map(visitState).filter((x) => x !== null));
  return {
    beneficiaries: mine.length,
    byCategory: Object.fromEntries(tally(mine.map((s) => s.cat))),
    byFlag: Object.fromEntries(tally(mine.flatMap(flags))),
    contacted: {
      d7: mine.filter((s) => s.contact !== null && s.contact < 7).length,
      d30: mine.filter((s) => s.contact !== null && s.contact < 30).length,
      never: mine.filter((s) => s.contact === null).length,
    },
    needsTotal: openNeeds.length,
    needsByItem: Object.fromEntries(
      ITEMS.filter((i) => openNeeds.some((n) => n.item === i)).map((i) => [
        i,
        [openNeeds.filter((n) => n.item === i).length, openNeeds.filter((n) => n.item === i).reduce((a, n) => a + n.quantity, 0)],
      ]),
    ),
    needsByAge: {
      le3: openNeeds.filter((n) => n.age < 3).length,
      le7: openNeeds.filter((n) => n.age >= 3 && n.age < 7).length,
      le30: openNeeds.filter((n) => n.age >= 7 && n.age < 30).length,
      gt30: openNeeds.filter((n) => n.age >= 30).length,
    },
    visits: { overdue: states.get('overdue') ?? 0, due: states.get('due') ?? 0, ok: states.get('ok') ?? 0 },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
function actual(d: any) {
  return {
    beneficiaries: d.beneficiaries,
    byCategory: Object.fromEntries(d.byCategory.map((c: { label: string; count: number }) => [c.label, c.count])),
    byFlag: Object.fromEntries(d.byFlag.map((c: { label: string; count: number }) => [c.label, c.count])),
    contacted: d.contacted,
    needsTotal: d.needsOpen.total,
    needsByItem: Object.fromEntries(
      d.needsOpen.byItem.map((c: { item: string; count: number; quantity: number }) => [c.item, [c.count, c.quantity]]),
    ),
    needsByAge: Object.fromEntries(d.needsOpen.byAge.map((c: { bucket: string; count: number }) => [c.bucket, c.count])),
    visits: { overdue: d.visits.overdue, due: d.visits.due, ok: d.visits.ok },
  };
}

describe('关爱看板', () => {
  it('the seed covers every case the figures distinguish', () => {
    expect(new Set(specs.map((s) => s.nb)).size).toBe(3);
    expect(specs.some((s) => s.visit === null)).toBe(true);
    expect(specs.some((s) => s.visit !== null && s.next === -2)).toBe(true);
    expect(specs.flatMap((s) => s.needs).filter((n) => n.end === 'open').length).toBeGreaterThan(3);
  });

  it('gives the care office the whole subdistrict, matching the seeded data', async () => {
    const res = await care.get('/api/care/dashboard');
    expect(res.status).toBe(200);
    expect(actual(res.body)).toEqual(expected(NBS));
    // deliveries counted straight from the task table, every status that is not failed
    const tasks = await t.database.db
      .selectFrom('care_delivery_tasks')
      .select('status')
      .where('subdistrict_id', '=', t.org.subdistrictId)
      .execute();
    const count = (statuses: string[]) => tasks.filter((x) => statuses.includes(x.status)).length;
    expect(res.body.deliveries).toEqual({
      done: count(['delivered', 'confirmed']),
      pending: count(['open', 'taken', 'on_way']),
      wired: true,
    });
    // the due list (the domain's plan) and the dashboard (its SQL aggregate) agree
    const due = await care.get('/api/care/visits/due');
    expect(due.body.counts).toEqual({ overdue: res.body.visits.overdue, due: res.body.visits.due, ok: res.body.visits.ok });
    for (const nb of NBS) {
      const row = res.body.neighborhoods.find((n: { name: string }) => n.name === nb);
      const e = expected([nb]);
      expect(row).toMatchObject({
        beneficiaries: e.beneficiaries,
        contacted7: e.contacted.d7,
        contacted30: e.contacted.d30,
        needsOpen: e.needsTotal,
        visitsOverdue: e.visits.overdue,
      });
    }
  });

  it('narrows to one neighborhood on request, and a neighborhood sees only its own', async () => {
    const one = await care.get(`/api/care/dashboard?neighborhoodId=${t.org.neighborhoods.中华}`);
    expect(actual(one.body)).toEqual(expected(['中华']));
    const own = await baidu.get('/api/care/dashboard');
    expect(actual(own.body)).toEqual(expected(['白渡']));
    expect(own.body.neighborhoods.map((n: { name: string }) => n.name)).toEqual(['白渡']);
    const peek = await baidu.get(`/api/care/dashboard?neighborhoodId=${t.org.neighborhoods.中华}`);
    expect(peek.body.beneficiaries).toBe(0);
    expect(peek.body.needsOpen.total).toBe(0);
  });

  it('exports a figure with the export kit, audited', async () => {
    const res = await care.request('GET', '/api/care/dashboard/export?figure=neighborhoods');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const cells: string[] = [];
    ws?.eachRow((row) => {
      cells.push((row.values as unknown[]).slice(1).join('|'));
    });
    const e = expected(['金坛']);
    expect(cells).toContain(`金坛|${e.beneficiaries}|${e.contacted.d7}|${e.contacted.d30}|${e.needsTotal}|${e.visits.overdue}`);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'care.dashboard_export').execute();
    expect(audit).toHaveLength(1);
    const bad = await care.get('/api/care/dashboard/export?figure=everything');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('figure');
  });
});
