import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { IdParams } from '../../src/contracts/common';
import { scopeFor, scopeWhere } from '../../src/server/core/access/actor';
import { type Core, nowIso, requireActor } from '../../src/server/core/context';
import { notFound } from '../../src/server/core/errors';
import type { ImportKind } from '../../src/server/core/excel/import-kind';
import { countOf } from '../../src/server/core/figures/count';
import { defineModule, type FigureContext } from '../../src/server/core/modules/manifest';
import type { Executor } from '../../src/server/db/index';

/**
 * The smallest module there is, to show that a module plugs in by its folder and one line in a
 * list: a table, a permission, a role, routes, an import kind, a home card and a phone entry.
 */
export interface TinyNotesTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  /** a notice board the note is pinned to: a board editor reaches its notes and no others */
  board_id: string | null;
  text: string;
  created_at: string;
}

export interface TinyBoardsTable {
  id: string;
  subdistrict_id: string;
  name: string;
}

declare module '../../src/contracts/permissions' {
  interface ModulePermissions {
    'tiny:read': true;
    'tiny:manage': true;
  }
}
declare module '../../src/server/db/schema' {
  interface DB {
    tiny_notes: TinyNotesTable;
    tiny_boards: TinyBoardsTable;
  }
}
declare module '../../src/server/core/modules/manifest' {
  interface ModuleServices {
    tiny?: TinyNotes;
  }
}

class TinyNotes {
  constructor(readonly core: Core) {}

  list(db: Executor, actor: Parameters<typeof scopeFor>[0]) {
    return db
      .selectFrom('tiny_notes')
      .select(['id', 'text'])
      .where(scopeWhere(scopeFor(actor, 'tiny:read'), 'subdistrict_id', 'neighborhood_id', BOARD_COLUMN))
      .orderBy('id')
      .execute();
  }

  async get(actor: Parameters<typeof scopeFor>[0], id: string) {
    const row = await this.core.db
      .selectFrom('tiny_notes')
      .select(['id', 'text'])
      .where('id', '=', id)
      .where(scopeWhere(scopeFor(actor, 'tiny:read'), 'subdistrict_id', 'neighborhood_id', BOARD_COLUMN))
      .executeTakeFirst();
    if (!row) throw notFound('便条');
    return row;
  }

  async add(db: Executor, subdistrictId: string, neighborhoodId: string, text: string, boardId: string | null = null) {
    const id = uuidv7();
    await db
      .insertInto('tiny_notes')
      .values({ id, subdistrict_id: subdistrictId, neighborhood_id: neighborhoodId, board_id: boardId, text, created_at: nowIso() })
      .execute();
    return id;
  }

  async addBoard(db: Executor, subdistrictId: string, name: string) {
    const id = uuidv7();
    await db.insertInto('tiny_boards').values({ id, subdistrict_id: subdistrictId, name }).execute();
    return id;
  }
}

const BOARD_COLUMN = { 'tiny.board': 'board_id' };

const Note = z.object({ id: z.string(), text: z.string() });

const routes: FastifyPluginAsyncZod<{ notes: TinyNotes; core: Core }> = async (app, { notes, core }) => {
  app.get(
    '/api/tiny/notes',
    { config: { access: 'tiny:read' }, schema: { response: { 200: z.object({ notes: z.array(Note) }) } } },
    async (req) => ({ notes: await notes.list(core.db, requireActor(req.ctx)) }),
  );
  app.get('/api/tiny/notes/:id', { config: { access: 'tiny:read' }, schema: { params: IdParams, response: { 200: Note } } }, async (req) =>
    notes.get(requireActor(req.ctx), req.params.id),
  );
};

function notesImportKind(notes: TinyNotes): ImportKind<{ neighborhood: string; text: string }> {
  return {
    kind: 'tiny-notes',
    label: '便条',
    permission: 'tiny:manage',
    columns: [
      { key: 'neighborhood', header: '居民区', required: true, options: (env) => env.neighborhoods.map((n) => n.name), example: '白渡' },
      { key: 'text', header: '内容', required: true, example: '记得浇花' },
    ],
    rowSchema: (env) =>
      z.object({
        neighborhood: z
          .string({ error: '请填写居民区' })
          .refine((v) => env.neighborhoods.some((n) => n.name === v), '居民区不在您的管辖范围内'),
        text: z.string({ error: '请填写内容' }).max(100, '内容不能超过 100 个字'),
      }),
    async commit(trx, rows, cc) {
      for (const r of rows) {
        const nb = cc.env.neighborhoods.find((n) => n.name === r.data.neighborhood);
        if (!cc.dryRun && nb) await notes.add(trx, cc.env.subdistrictId, nb.id, r.data.text);
      }
      return { created: rows.length, updated: 0, unchanged: 0 };
    },
  };
}

/** the notes written in a figure's month and place: counted by the figure, listed by its drill-down */
function notesWritten(notes: TinyNotes, q: FigureContext) {
  return notes.core.db
    .selectFrom('tiny_notes')
    .where(scopeWhere(q.scope, 'subdistrict_id', 'neighborhood_id'))
    .where('created_at', '>=', q.from)
    .where('created_at', '<', q.to);
}

export const tinyModule = defineModule<TinyNotes>({
  key: 'tiny',
  label: { 'zh-CN': '便条', en: 'Notes' },
  permissions: ['tiny:read', 'tiny:manage'],
  roles: [
    {
      code: 'tiny_staff',
      admin: false,
      assignable: true,
      scopeKinds: ['subdistrict'],
      permissions: ['tiny:read', 'tiny:manage', 'org:read'],
      totpRequired: false,
    },
    {
      code: 'tiny_board_editor',
      admin: false,
      assignable: true,
      scopeKinds: ['tiny.board'],
      permissions: ['tiny:read'],
      totpRequired: false,
    },
  ],
  extendRoles: { neighborhood_staff: ['tiny:read'] },
  resourceKinds: [
    {
      kind: 'tiny.board',
      label: { 'zh-CN': '公告板', en: 'Board' },
      options: (db, subdistrictId) =>
        db.selectFrom('tiny_boards').select(['id', 'name']).where('subdistrict_id', '=', subdistrictId).orderBy('name').execute(),
    },
  ],
  migrations: {
    '20261202_tiny_notes': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('tiny_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subdistrict_id', 'text', (c) => c.notNull())
          .addColumn('neighborhood_id', 'text', (c) => c.notNull())
          .addColumn('board_id', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('tiny_boards')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subdistrict_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  auditLabels: { 'tiny.add': { 'zh-CN': '新增便条', en: 'Add note' } },
  async register({ app, core, imports }) {
    const notes = new TinyNotes(core);
    imports.register(notesImportKind(notes));
    await app.register(routes, { notes, core });
    return notes;
  },
  figures: [
    {
      key: 'tiny.notes_written',
      label: { 'zh-CN': '本月新增便条', en: 'Notes written this month' },
      unit: { 'zh-CN': '条', en: 'notes' },
      how: { 'zh-CN': '当月写下的便条条数', en: 'notes written in the month' },
      permission: 'tiny:read',
      compute: (notes, q) => countOf(notesWritten(notes, q)),
      async records(notes, q, limit) {
        const rows = await notesWritten(notes, q).select(['id', 'text', 'created_at']).orderBy('id').limit(limit).execute();
        return rows.map((r) => ({ id: r.id, title: r.text, note: null, at: r.created_at, place: null, link: null }));
      },
    },
  ],
  async homeCards(notes, ctx) {
    if (!ctx.actor?.permissions.has('tiny:read')) return [];
    const rows = await notes.list(notes.core.db, ctx.actor);
    return [
      {
        key: 'tiny.notes',
        module: 'tiny',
        title: '便条',
        tone: 'normal',
        figure: { value: rows.length, unit: '条', label: '我能看到的便条' },
        items: [],
        link: '/tiny',
      },
    ];
  },
  async phoneHome(_notes, ctx) {
    return ctx.actor?.permissions.has('tiny:read')
      ? [{ key: 'tiny.notes', module: 'tiny', title: '便条', description: '看看今天的便条', link: '/m/tiny' }]
      : [];
  },
});

export { TinyNotes };
