import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../src/server/modules/index';
import { describeAccessWalk } from './access-walker';
import { type TestApp, testApp } from './app';
import { buildAccount } from './factories';
import { tinyModule } from './tiny-module/tiny.module';
import { multipart, xlsxBuffer } from './xlsx';

/**
 * A module plugs in by its folder and one line in the list of modules: the tiny module adds a
 * table, a permission, a role, routes, an import kind, a home card and a phone entry, and passes
 * the access walker like every real module.
 */
const modules = [...MODULES, tinyModule];

describeAccessWalk({
  modules,
  fixtures: [
    {
      fixtures: {
        'GET /api/tiny/notes/:id': async (t) =>
          (t.services.tiny as NonNullable<TestApp['services']['tiny']>).add(
            t.database.db,
            t.org.subdistrictId,
            t.org.neighborhoods.白渡 as string,
            '白渡的便条',
          ),
      },
    },
  ],
});

describe('the tiny module, used as its staff would', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ modules });
  });
  afterAll(() => t.close());

  it('imports notes from a workbook, lists them, shows a home card and a phone entry', async () => {
    const a = await buildAccount(t.database.db, { role: 'tiny_staff', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId });
    const staff = await t.as(a.username);
    const file = await xlsxBuffer(
      [
        ['白渡', '楼道灯坏了'],
        ['中华', '周三开会'],
      ],
      { headers: ['居民区', '内容'] },
    );
    const m = multipart('便条.xlsx', file);
    const preview = await staff.request('POST', '/api/imports/tiny-notes', m.payload, m.headers);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.report, JSON.stringify(preview.body)).toMatchObject({ ok: true, rows: 2 });
    const commit = await staff.post(`/api/imports/tiny-notes/${preview.body.id}/commit`);
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);

    const list = await staff.get('/api/tiny/notes');
    expect(list.body.notes.map((n: { text: string }) => n.text).sort()).toEqual(['周三开会', '楼道灯坏了']);

    const cards = await staff.get('/api/home/cards');
    expect(cards.body.cards.find((c: { key: string }) => c.key === 'tiny.notes')).toMatchObject({ title: '便条', figure: { value: 2 } });
    const phone = await staff.get('/api/home/phone');
    expect(phone.body.entries.map((e: { key: string }) => e.key)).toContain('tiny.notes');

    // 白渡's neighborhood staff read the tiny module through the role it extends, and see only 白渡's note
    const baidu = await t.as('baidu');
    expect((await baidu.get('/api/tiny/notes')).body.notes.map((n: { text: string }) => n.text)).toEqual(['楼道灯坏了']);
    // the care staff account holds no tiny permission
    expect((await (await t.as('care')).get('/api/tiny/notes')).status).toBe(403);
  });
});
