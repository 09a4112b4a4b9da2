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
const tiny = (t: TestApp) => t.services.tiny as NonNullable<TestApp['services']['tiny']>;

describeAccessWalk({
  modules,
  fixtures: [
    {
      fixtures: {
        'GET /api/tiny/notes/:id': async (t) =>
          tiny(t).add(t.database.db, t.org.subdistrictId, t.org.neighborhoods.白渡 as string, '白渡的便条'),
      },
      resources: { 'tiny.board': (t, subdistrictId) => tiny(t).addBoard(t.database.db, subdistrictId, '楼道公告板') },
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

  it('grants a role on one of the module’s resources: the board editor reaches that board’s notes and no others', async () => {
    const db = t.database.db;
    const sd = t.org.subdistrictId;
    const nb = t.org.neighborhoods.金坛 as string;
    const east = await tiny(t).addBoard(db, sd, '东楼公告板');
    const west = await tiny(t).addBoard(db, sd, '西楼公告板');
    await tiny(t).add(db, sd, nb, '东楼停水通知', east);
    const westNote = await tiny(t).add(db, sd, nb, '西楼电梯检修', west);

    // the system administrator grants it from the accounts page: the board is offered by name
    const sys = await t.as('sysadmin');
    const options = await sys.get('/api/accounts/resource-options?kind=tiny.board');
    expect(options.body.options.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['东楼公告板', '西楼公告板']));
    const made = await sys.post('/api/accounts', {
      username: 'eastboard',
      displayName: '东楼楼长',
      initialPassword: 'Kx9#mQ2$vL7!pZ',
      roles: [{ role: 'tiny_board_editor', orgId: sd, resourceKind: 'tiny.board', resourceId: east }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.roles[0].resource).toEqual({ kind: 'tiny.board', id: east, name: '东楼公告板' });
    // a board of another kind of scope, or one that does not exist, is refused in words
    const wrong = await sys.post('/api/accounts', {
      username: 'nowhere',
      displayName: '某人',
      initialPassword: 'Kx9#mQ2$vL7!pZ',
      roles: [{ role: 'tiny_board_editor', orgId: sd, resourceKind: 'tiny.board', resourceId: '00000000-0000-7000-8000-000000000000' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toEqual({ path: 'roles.0.resourceId', message: '授权对象不存在或不在您的管理范围内' });

    // (the editor has chosen a password of their own at first sign-in)
    await db.updateTable('accounts').set({ must_change_password: 0 }).where('username', '=', 'eastboard').execute();
    const editor = await t.as('eastboard');
    expect((await editor.get('/api/tiny/notes')).body.notes.map((n: { text: string }) => n.text)).toEqual(['东楼停水通知']);
    expect((await editor.get(`/api/tiny/notes/${westNote}`)).status).toBe(404);

    // granted on both boards (the same role on two resources of a kind), the editor reaches both
    const account = await db.selectFrom('accounts').select('id').where('username', '=', 'eastboard').executeTakeFirstOrThrow();
    const both = await sys.patch(`/api/accounts/${account.id}`, {
      roles: [
        { role: 'tiny_board_editor', orgId: sd, resourceKind: 'tiny.board', resourceId: east },
        { role: 'tiny_board_editor', orgId: sd, resourceKind: 'tiny.board', resourceId: west },
      ],
    });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    const again = await t.as('eastboard');
    expect((await again.get('/api/tiny/notes')).body.notes.map((n: { text: string }) => n.text).sort()).toEqual([
      '东楼停水通知',
      '西楼电梯检修',
    ]);
  });

  it('reports its figures for a month and a place, only where the reader may read them', async () => {
    const db = t.database.db;
    const sd = t.org.subdistrictId;
    const baiduNb = t.org.neighborhoods.白渡 as string;
    const zhonghuaNb = t.org.neighborhoods.中华 as string;
    const at = (iso: string, nb: string, text: string) =>
      db
        .insertInto('tiny_notes')
        .values({ id: `fig-${text}`, subdistrict_id: sd, neighborhood_id: nb, board_id: null, text, created_at: iso })
        .execute();
    // Beijing time: 2025-03-01 00:30 is still February in UTC, 2025-03-31 23:30 is April 1st's UTC eve
    await at('2025-02-28T16:30:00.000Z', baiduNb, '三月一日凌晨');
    await at('2025-03-15T04:00:00.000Z', zhonghuaNb, '三月中');
    await at('2025-03-31T15:30:00.000Z', baiduNb, '三月最后一晚');
    await at('2025-03-31T16:00:00.000Z', baiduNb, '四月一日零点');
    await at('2025-02-28T15:59:59.000Z', baiduNb, '二月最后一秒');
    const figure = async (who: string, query: string) => {
      const r = await (await t.as(who)).get(`/api/figures?month=2025-03${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.figures.find((f: { key: string }) => f.key === 'tiny.notes_written');
    };
    const a = await buildAccount(db, { role: 'tiny_staff', orgId: sd, subdistrictId: sd });
    expect(await figure(a.username, '')).toMatchObject({
      value: 3,
      unit: '条',
      section: '便条',
      label: '本月新增便条',
      records: true,
      overdue: false,
    });
    // the drill-down lists exactly the notes counted, in the place asked
    const records = async (who: string, query: string) =>
      (await t.as(who)).get(`/api/figures/records?key=tiny.notes_written&month=2025-03${query}`);
    const listed = await records(a.username, '');
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.rows.map((r: { title: string }) => r.title).sort()).toEqual(['三月一日凌晨', '三月中', '三月最后一晚'].sort());
    expect(listed.body).toMatchObject({ truncated: false, figure: { value: 3 } });
    expect((await records('baidu', `&orgId=${baiduNb}`)).body.rows.map((r: { title: string }) => r.title).sort()).toEqual(
      ['三月一日凌晨', '三月最后一晚'].sort(),
    );
    expect((await records('baidu', `&orgId=${zhonghuaNb}`)).status).toBe(404);
    expect((await records('baidu', '')).status).toBe(404);
    expect((await (await t.as(a.username)).get('/api/figures/records?key=tiny.nothing&month=2025-03')).status).toBe(404);
    expect((await figure(a.username, `&orgId=${baiduNb}`)).value).toBe(2);
    expect((await figure(a.username, `&orgId=${zhonghuaNb}`)).value).toBe(1);
    // 白渡's staff: their neighborhood's figure, neither the subdistrict's nor 中华's
    expect((await figure('baidu', `&orgId=${baiduNb}`)).value).toBe(2);
    expect(await figure('baidu', '')).toBeUndefined();
    expect(await figure('baidu', `&orgId=${zhonghuaNb}`)).toBeUndefined();
    // the care office holds no tiny permission; a leader reads every module's figures of the places granted
    expect(await figure('care', '')).toBeUndefined();
    const leader = await buildAccount(db, { role: 'leader', orgId: sd, subdistrictId: sd });
    expect((await figure(leader.username, '')).value).toBe(3);
    expect((await (await t.as(leader.username)).get('/api/tiny/notes')).status).toBe(403);
    // a leader lists what a number counts, as the overview's drill-down
    const leaderRecords = await records(leader.username, '');
    expect(leaderRecords.status).toBe(200);
    expect(leaderRecords.body.rows).toHaveLength(3);
    // the trend over months, and bad input named
    const trend = await (await t.as(leader.username)).get('/api/figures/trend?month=2025-04&months=3&keys=tiny.notes_written');
    expect(trend.body).toEqual({
      months: ['2025-02', '2025-03', '2025-04'],
      series: [{ key: 'tiny.notes_written', label: '本月新增便条', unit: '条', values: [1, 3, 1] }],
    });
    const bad = await (await t.as(leader.username)).get('/api/figures?month=2025-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('月份格式应为 YYYY-MM，如 2026-11');
    expect((await (await t.as(leader.username)).get('/api/figures?month=2025-03&orgId=nowhere')).status).toBe(404);
  });
});
