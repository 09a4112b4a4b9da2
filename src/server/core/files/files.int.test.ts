import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app';
import { buildAccount, buildOtherSubdistrict } from '../../../../test/factories';
import { sampleExecutable, sampleJpeg, sampleOffice, samplePdf, samplePng } from '../../../../test/sample-files';
import { scopeCovers, scopeFor } from '../access/actor';
import type { RequestContext } from '../context';
import { AppError } from '../errors';
import type { StoreOptions } from './files.service';

let t: TestApp;
let ctx: RequestContext;
/** the test's own records: id → neighborhood */
const docs = new Map<string, string>();

beforeAll(async () => {
  t = await testApp();
  t.services.files.registerOwner('test.doc', async (c, ownerId) => {
    const nb = docs.get(ownerId);
    return !!c.actor && nb !== undefined && scopeCovers(scopeFor(c.actor, 'people:read'), t.org.subdistrictId, nb);
  });
  docs.set('doc-1', t.org.neighborhoods.白渡 as string);
  ctx = { actor: null, requestId: 'test', ip: '127.0.0.1', userAgent: null };
});
afterAll(() => t.close());

const opts = (over: Partial<StoreOptions> = {}): StoreOptions => ({
  name: '材料.pdf',
  allowed: ['pdf', 'jpeg', 'png', 'docx', 'pptx'],
  owner: { type: 'test.doc', id: 'doc-1' },
  subdistrictId: t.org.subdistrictId,
  neighborhoodId: t.org.neighborhoods.白渡 as string,
  ...over,
});
const filesDir = () => path.join(t.dataDir, 'files');
const fileRows = () => t.database.db.selectFrom('files').selectAll().execute();
const inDatabase = () => t.services.files.blobs.kind === 'database';
// biome-ignore lint/suspicious/noExplicitAny: the blob tables are the store's own (not in the app's schema)
const raw = () => t.database.db as any;
/** the content stored, by hash: the data folder (SQLite) or the database's blob rows (PostgreSQL) */
const blobs = async (): Promise<string[]> =>
  inDatabase()
    ? (await raw().selectFrom('file_blobs').select('sha256').where('status', '=', 'complete').execute()).map(
        (r: { sha256: string }) => r.sha256,
      )
    : existsSync(filesDir())
      ? (readdirSync(filesDir(), { recursive: true }) as string[]).filter((p) => /[0-9a-f]{64}$/.test(p)).map((p) => path.basename(p))
      : [];
/** uploads received but not committed: temp files, or blob rows still `receiving` */
const tmpFiles = async (): Promise<string[]> =>
  inDatabase()
    ? (await raw().selectFrom('file_blobs').select('id').where('status', '=', 'receiving').execute()).map((r: { id: string }) => r.id)
    : existsSync(path.join(filesDir(), 'tmp'))
      ? readdirSync(path.join(filesDir(), 'tmp'))
      : [];
const content = async (sha256: string): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const c of t.services.files.blobs.open(sha256)) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('storing uploads', () => {
  it('detects each accepted kind from content and stores it under its SHA-256', async () => {
    const cases = [
      { name: '简历.pdf', data: samplePdf(), kind: 'pdf', mime: 'application/pdf' },
      { name: '照片.png', data: await samplePng(), kind: 'png', mime: 'image/png' },
      { name: '照片.jpg', data: sampleJpeg(), kind: 'jpeg', mime: 'image/jpeg' },
      {
        name: '材料.docx',
        data: sampleOffice('docx'),
        kind: 'docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      {
        name: '课件.pptx',
        data: sampleOffice('pptx'),
        kind: 'pptx',
        mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      },
    ];
    for (const c of cases) {
      const info = await t.services.files.store(ctx, c.data, opts({ name: c.name }));
      expect(info).toMatchObject({ name: c.name, kind: c.kind, mime: c.mime, size: c.data.length, url: `/api/files/${info.id}` });
      expect((await content(info.sha256)).equals(c.data)).toBe(true);
      if (!inDatabase()) {
        const blob = path.join(filesDir(), info.sha256.slice(0, 2), info.sha256.slice(2, 4), info.sha256);
        expect(readFileSync(blob).equals(c.data)).toBe(true);
      }
    }
    expect(await tmpFiles()).toEqual([]);
  });

  it('keeps one copy of the same content uploaded twice', async () => {
    const data = samplePdf('twice');
    const a = await t.services.files.store(ctx, data, opts({ name: 'a.pdf' }));
    const b = await t.services.files.store(ctx, Readable.from([data.subarray(0, 10), data.subarray(10)]), opts({ name: 'b.pdf' }));
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect((await blobs()).filter((x) => x === a.sha256)).toHaveLength(1);
  });

  it('refuses an executable named .pdf with a message naming the file, and writes nothing', async () => {
    const rowsBefore = (await fileRows()).length;
    const blobsBefore = (await blobs()).length;
    const err = await refusal(t.services.files.store(ctx, sampleExecutable(), opts({ name: 'x.pdf', allowed: ['pdf'] })));
    expect(err.status).toBe(400);
    expect(err.message).toBe('文件「x.pdf」不是有效的 PDF 文件');
    expect((await fileRows()).length).toBe(rowsBefore);
    expect((await blobs()).length).toBe(blobsBefore);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses content of a kind the caller does not accept, whatever its name', async () => {
    const err = await refusal(t.services.files.store(ctx, await samplePng(), opts({ name: '简历.pdf', allowed: ['pdf', 'docx'] })));
    expect(err.message).toBe('文件「简历.pdf」不是有效的 PDF 文件');
    const err2 = await refusal(t.services.files.store(ctx, sampleExecutable(), opts({ name: 'setup.exe', allowed: ['jpeg', 'png'] })));
    expect(err2.message).toBe('文件「setup.exe」的类型不受支持，请上传 JPEG 图片、PNG 图片 文件');
  });

  it('refuses an oversize stream part-way, and an empty file, writing nothing', async () => {
    const rowsBefore = (await fileRows()).length;
    const blobsBefore = (await blobs()).length;
    const big = Readable.from(
      (function* () {
        yield samplePdf();
        for (let i = 0; i < 64; i++) yield Buffer.alloc(16 * 1024, 0x20);
      })(),
    );
    const err = await refusal(t.services.files.store(ctx, big, opts({ name: '大文件.pdf', maxBytes: 100 * 1024 })));
    expect(err.message).toBe('文件「大文件.pdf」超过 100 KB 的大小上限，未保存');
    const empty = await refusal(t.services.files.store(ctx, Buffer.alloc(0), opts({ name: '空.pdf' })));
    expect(empty.message).toBe('文件「空.pdf」是空文件，未保存');
    expect((await fileRows()).length).toBe(rowsBefore);
    expect((await blobs()).length).toBe(blobsBefore);
    expect(await tmpFiles()).toEqual([]);
  });

  it('writes the row in the caller’s transaction', async () => {
    const before = (await fileRows()).length;
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await t.services.files.store(ctx, samplePdf('rolled back'), opts({ trx }));
        throw new Error('module change failed');
      }),
    ).rejects.toThrow('module change failed');
    expect((await fileRows()).length).toBe(before);
  });
});

describe('serving files', () => {
  it('streams the file to an actor who may see its record, and 404 to everyone else', async () => {
    const data = samplePdf('serve');
    const info = await t.services.files.store(ctx, data, opts({ name: '走访记录 3月.pdf' }));
    const url = `/api/files/${info.id}`;

    for (const who of ['registry', 'baidu']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: `linli_sid=${(await t.as(who)).cookie}` } });
      expect(res.statusCode, who).toBe(200);
      expect(res.rawPayload.equals(data)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `inline; filename="____ 3_.pdf"; filename*=UTF-8''${encodeURIComponent('走访记录 3月.pdf')}`,
      );
    }
    // 中华 居委 staff: same subdistrict, another neighborhood
    expect((await (await t.as('zhonghua')).get(url)).status).toBe(404);
    // a role without the permission the owner asks for
    expect((await (await t.as('volunteer')).get(url)).status).toBe(404);
    // another subdistrict's staff
    const other = await buildOtherSubdistrict(t.database.db);
    const outsider = await buildAccount(t.database.db, {
      role: 'care_staff',
      orgId: other.subdistrictId,
      subdistrictId: other.subdistrictId,
    });
    expect((await (await t.as(outsider.username)).get(url)).status).toBe(404);
    expect((await t.anon().get(url)).status).toBe(401);
    expect((await (await t.as('registry')).get('/api/files/00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('serves nothing for an owner type nobody registered', async () => {
    const info = await t.services.files.store(ctx, samplePdf('orphan'), opts());
    await t.database.db.updateTable('files').set({ owner_type: 'gone.module' }).where('id', '=', info.id).execute();
    expect((await (await t.as('registry')).get(`/api/files/${info.id}`)).status).toBe(404);
  });
});

describe('large files and the clean-up', () => {
  it('streams a file of many chunks in and out unchanged', async () => {
    // 1.3 MiB of varied bytes: six 256 KiB chunks on PostgreSQL, the last one partial
    const body = Buffer.alloc(1_300_000);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7919) % 251;
    const data = Buffer.concat([samplePdf('big'), body]);
    const info = await t.services.files.store(ctx, Readable.from([data.subarray(0, 1000), data.subarray(1000)]), opts());
    expect(info.size).toBe(data.length);
    expect((await content(info.sha256)).equals(data)).toBe(true);
    if (inDatabase()) {
      const chunks = await raw()
        .selectFrom('file_chunks as c')
        .innerJoin('file_blobs as b', 'b.id', 'c.blob_id')
        .select('c.seq')
        .where('b.sha256', '=', info.sha256)
        .execute();
      expect(chunks).toHaveLength(Math.ceil(data.length / (256 * 1024)));
    }
    const res = await (await t.as('registry')).get(`/api/files/${info.id}`);
    expect(res.raw.equals(data)).toBe(true);
  });

  it('keeps one copy when two processes commit the same content at the same moment', async () => {
    const store = t.services.files.blobs;
    const data = samplePdf('committed twice at once');
    const [x, y] = await Promise.all([store.receive(data, 1024 * 1024), store.receive(data, 1024 * 1024)]);
    await Promise.all([store.commit(x), store.commit(y)]);
    expect((await blobs()).filter((s) => s === x.sha256)).toHaveLength(1);
    expect(await tmpFiles()).toEqual([]);
    expect((await content(x.sha256)).equals(data)).toBe(true);
  });

  it('removes abandoned uploads and content nothing refers to, keeps what a file refers to', async () => {
    const store = t.services.files.blobs;
    const kept = await t.services.files.store(ctx, samplePdf('kept'), opts());
    // an upload stopped half-way, and content committed by an upload whose file row never came
    const half = await store.receive(samplePdf('half'), 1024 * 1024);
    const orphan = await store.receive(samplePdf('orphan content'), 1024 * 1024);
    await store.commit(orphan);
    // within the hour / the day nothing goes
    expect(await t.services.files.cleanup(new Date())).toBe(0);
    const later = new Date(Date.now() + 2 * 24 * 3600_000);
    // the two above, and content earlier tests stored with no file row (a rolled-back row, the concurrent commits)
    expect(await t.services.files.cleanup(later)).toBe(4);
    const left = await blobs();
    expect(left).toContain(kept.sha256);
    expect(left).not.toContain(orphan.sha256);
    expect(await tmpFiles()).not.toContain(inDatabase() ? half.ref : path.basename(half.ref));
    expect((await content(kept.sha256)).equals(samplePdf('kept'))).toBe(true);
  });

  it('runs the clean-up on one process at a time: the lease goes to one of two schedulers', async () => {
    const { Scheduler } = await import('../schedule/scheduler');
    const runs: string[] = [];
    const a = new Scheduler(t.database.db, t.app.log);
    const b = new Scheduler(t.database.db, t.app.log);
    a.every('test.once', 3600_000, async () => void runs.push('a'));
    b.every('test.once', 3600_000, async () => void runs.push('b'));
    const now = new Date();
    const ran = await Promise.all([a.runIfDue('test.once', now), b.runIfDue('test.once', now)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);
    // within the period nobody runs it again; after it, one does
    expect(await b.runIfDue('test.once', new Date(now.getTime() + 60_000))).toBe(false);
    expect(await b.runIfDue('test.once', new Date(now.getTime() + 3600_000 + 1))).toBe(true);
    expect(runs).toHaveLength(2);
  });
});

describe('content from before the database store', () => {
  it('is read from the data folder, and on PostgreSQL moved into the database at start', async () => {
    const { FolderBlobStore } = await import('./blob-store');
    const folder = new FolderBlobStore(t.dataDir);
    const data = samplePdf('left in the folder by an older version');
    const r = await folder.receive(data, 1024 * 1024);
    await folder.commit(r);
    expect((await content(r.sha256)).equals(data)).toBe(true);
    const moved = await t.services.files.adoptLocalFiles();
    if (!inDatabase()) {
      expect(moved).toBe(0);
      return;
    }
    expect(moved).toBeGreaterThanOrEqual(1);
    await folder.remove(r.sha256);
    expect((await content(r.sha256)).equals(data)).toBe(true);
    // again: nothing left to move
    expect(await t.services.files.adoptLocalFiles()).toBe(0);
  });
});
