import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// the Node entry (its types take Node streams)
import { type FileTypeResult, fileTypeFromFile, fileTypeFromStream } from 'file-type/node';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/index';

export class TooLarge extends Error {}

/** An upload stored but not yet committed: `ref` is the store's own handle (temp file or row id). */
export interface Received {
  ref: string;
  sha256: string;
  size: number;
}

export const FILES_DIR = 'files';
const TMP_DIR = 'tmp';
/** the size of one row of `file_chunks` */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Where uploaded content lives, content-addressed by SHA-256. Two kinds:
 * - `FolderBlobStore`: the data folder (SQLite deployments: one process, one folder);
 * - `DatabaseBlobStore`: the database, in chunks (PostgreSQL: every process reads what any stored).
 * Content is streamed in and out and never held whole in memory.
 */
export interface BlobStore {
  readonly kind: 'folder' | 'database';
  /** Stores the upload while hashing it; stops with `TooLarge` past `maxBytes`. */
  receive(input: Readable | Buffer, maxBytes: number): Promise<Received>;
  /** the type of received content, judged by its first bytes */
  detect(r: Received): Promise<FileTypeResult | undefined>;
  /** Makes received content readable by its hash; the same content stored twice is kept once. */
  commit(r: Received): Promise<void>;
  discard(r: Pick<Received, 'ref'>): Promise<void>;
  open(sha256: string): Readable;
  /** Runs `fn` with the content as a file on this machine (parsers that want a path), removed after. */
  withLocalFile<T>(sha256: string, fn: (file: string) => Promise<T>): Promise<T>;
  remove(sha256: string): Promise<void>;
  /**
   * Removes uploads abandoned half-way (older than `receivingBefore`) and content stored before
   * `unusedBefore` that `inUse` does not claim. Returns how many went.
   */
  cleanup(o: { receivingBefore: Date; unusedBefore: Date; inUse: (sha256s: string[]) => Promise<Set<string>> }): Promise<number>;
}

function meter(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

const asStream = (input: Readable | Buffer) => (Buffer.isBuffer(input) ? Readable.from([input]) : input);

/**
 * Content-addressed files under `<dataDir>/files/ab/cd/<sha256>`. A blob is written to a temp file,
 * flushed to disk, then renamed into place, so a blob either is complete or is not there at all.
 */
export class FolderBlobStore implements BlobStore {
  readonly kind = 'folder' as const;
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, FILES_DIR);
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async receive(input: Readable | Buffer, maxBytes: number): Promise<Received> {
    const tmpDir = path.join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const m = meter(maxBytes);
    try {
      await pipeline(asStream(input), m.stream, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await fsyncPath(tmp);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { ref: tmp, ...m.result() };
  }

  detect(r: Received) {
    return fileTypeFromFile(r.ref).catch(() => undefined);
  }

  async commit(r: Received): Promise<void> {
    const dest = this.pathOf(r.sha256);
    const exists = await stat(dest).then(
      () => true,
      () => false,
    );
    if (exists) {
      // found again: the clean-up counts its age from now
      const now = new Date();
      await utimes(dest, now, now).catch(() => undefined);
      return this.discard(r);
    }
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(r.ref, dest);
    await fsyncPath(path.dirname(dest));
  }

  async discard(r: Pick<Received, 'ref'>): Promise<void> {
    await rm(r.ref, { force: true });
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  withLocalFile<T>(sha256: string, fn: (file: string) => Promise<T>): Promise<T> {
    return fn(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async cleanup(o: Parameters<BlobStore['cleanup']>[0]): Promise<number> {
    let removed = 0;
    const tmpDir = path.join(this.root, TMP_DIR);
    for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
      const p = path.join(tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (s && s.mtime < o.receivingBefore) {
        await rm(p, { force: true });
        removed++;
      }
    }
    // the folder's blobs, oldest first by nothing: a walk, asked about in batches
    const entries = (await readdir(this.root, { recursive: true }).catch(() => [] as string[])) as string[];
    const candidates: string[] = [];
    for (const rel of entries) {
      const name = path.basename(rel);
      if (!/^[0-9a-f]{64}$/.test(name) || rel.startsWith(TMP_DIR)) continue;
      const s = await stat(this.pathOf(name)).catch(() => null);
      if (s?.isFile() && s.mtime < o.unusedBefore) candidates.push(name);
    }
    for (let at = 0; at < candidates.length; at += 500) {
      const batch = candidates.slice(at, at + 500);
      const used = await o.inUse(batch);
      for (const sha of batch.filter((s) => !used.has(s))) {
        await this.remove(sha);
        removed++;
      }
    }
    return removed;
  }
}

type BlobTables = {
  file_blobs: { id: string; sha256: string | null; size: number; chunks: number; status: string; touched_at: string };
  file_chunks: { blob_id: string; seq: number; data: Buffer };
};

/** chunks fetched per query when reading: 1 MiB in memory at most */
const READ_AHEAD = 4;

/**
 * Content in the database (PostgreSQL): a `file_blobs` row per content and its bytes in
 * `file_chunks` rows of 256 KiB. An upload streams in under a row marked `receiving` (no hash
 * yet); committing sets its hash, or drops it when the same content is already there. Content
 * stored in the data folder before (older deployments) is still read from there.
 */
export class DatabaseBlobStore implements BlobStore {
  readonly kind = 'database' as const;
  private readonly db;
  private readonly folder: FolderBlobStore;
  private readonly tmpDir: string;

  constructor(db: Db, dataDir: string) {
    this.db = db.withTables<BlobTables>();
    this.folder = new FolderBlobStore(dataDir);
    this.tmpDir = path.join(dataDir, TMP_DIR);
  }

  async receive(input: Readable | Buffer, maxBytes: number): Promise<Received> {
    const id = uuidv7();
    const db = this.db;
    await db.insertInto('file_blobs').values({ id, sha256: null, size: 0, chunks: 0, status: 'receiving', touched_at: nowIso() }).execute();
    const m = meter(maxBytes);
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const data = joined.subarray(0, CHUNK_BYTES);
        const rest = joined.subarray(data.length);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        await db.insertInto('file_chunks').values({ blob_id: id, seq: seq++, data }).execute();
      }
    };
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < CHUNK_BYTES) return done();
        flush(false).then(() => done(), done);
      },
      final(done) {
        flush(true).then(() => done(), done);
      },
    });
    try {
      await pipeline(asStream(input), m.stream, sink);
      const r = m.result();
      await db.updateTable('file_blobs').set({ size: r.size, chunks: seq }).where('id', '=', id).execute();
      return { ref: id, ...r };
    } catch (err) {
      await this.discard({ ref: id });
      throw err;
    }
  }

  detect(r: Received) {
    const stream = this.chunks(r.ref);
    return fileTypeFromStream(stream)
      .catch(() => undefined)
      .finally(() => stream.destroy());
  }

  async commit(r: Received): Promise<void> {
    const now = nowIso();
    const existing = await this.db
      .updateTable('file_blobs')
      .set({ touched_at: now })
      .where('sha256', '=', r.sha256)
      .where('status', '=', 'complete')
      .executeTakeFirst();
    if (Number(existing.numUpdatedRows) > 0) return this.discard(r);
    try {
      await this.db
        .updateTable('file_blobs')
        .set({ sha256: r.sha256, status: 'complete', touched_at: now })
        .where('id', '=', r.ref)
        .execute();
    } catch (err) {
      // the same content committed by another upload a moment ago (unique hash): keep theirs
      if ((err as { code?: string }).code !== '23505') throw err;
      await this.discard(r);
    }
  }

  async discard(r: Pick<Received, 'ref'>): Promise<void> {
    await this.db.deleteFrom('file_chunks').where('blob_id', '=', r.ref).execute();
    await this.db.deleteFrom('file_blobs').where('id', '=', r.ref).execute();
  }

  open(sha256: string): Readable {
    let inner: Readable | null = null;
    const out = new Readable({
      read: () => {
        if (inner) {
          inner.resume();
          return;
        }
        this.db
          .selectFrom('file_blobs')
          .select('id')
          .where('sha256', '=', sha256)
          .where('status', '=', 'complete')
          .executeTakeFirst()
          .then((row) => {
            inner = row ? this.chunks(row.id) : this.folder.open(sha256);
            inner.on('data', (c: Buffer) => {
              if (!out.push(c)) inner?.pause();
            });
            inner.on('end', () => out.push(null));
            inner.on('error', (err) => out.destroy(err));
          })
          .catch((err: Error) => out.destroy(err));
      },
      destroy: (err, done) => {
        inner?.destroy();
        done(err);
      },
    });
    return out;
  }

  /** the chunks of one blob row in order, a few per query */
  private chunks(blobId: string): Readable {
    const db = this.db;
    let next = 0;
    return new Readable({
      async read() {
        try {
          const rows = await db
            .selectFrom('file_chunks')
            .select(['seq', 'data'])
            .where('blob_id', '=', blobId)
            .where('seq', '>=', next)
            .where('seq', '<', next + READ_AHEAD)
            .orderBy('seq')
            .execute();
          next += READ_AHEAD;
          if (rows.length === 0) this.push(null);
          else for (const r of rows) this.push(r.data);
          if (rows.length > 0 && rows.length < READ_AHEAD) this.push(null);
        } catch (err) {
          this.destroy(err as Error);
        }
      },
    });
  }

  async withLocalFile<T>(sha256: string, fn: (file: string) => Promise<T>): Promise<T> {
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.tmpDir, randomUUID());
    try {
      await pipeline(this.open(sha256), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      return await fn(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  /**
   * Moves content this process's data folder holds (stored there before 0013) into the database,
   * so every process reads it. Safe to repeat and to run on several processes at once.
   */
  async adoptFolder(): Promise<number> {
    const entries = (await readdir(this.folder.root, { recursive: true }).catch(() => [] as string[])) as string[];
    let adopted = 0;
    for (const rel of entries) {
      const sha256 = path.basename(rel);
      if (!/^[0-9a-f]{64}$/.test(sha256) || rel.startsWith(TMP_DIR)) continue;
      const there = await this.db
        .selectFrom('file_blobs')
        .select('id')
        .where('sha256', '=', sha256)
        .where('status', '=', 'complete')
        .executeTakeFirst();
      if (there) continue;
      const r = await this.receive(createReadStream(this.folder.pathOf(sha256)), Number.MAX_SAFE_INTEGER);
      if (r.sha256 !== sha256) {
        await this.discard(r); // not what its name says: leave it where it is
        continue;
      }
      await this.commit(r);
      adopted++;
    }
    return adopted;
  }

  /** how much content the database holds */
  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('file_blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'complete')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async remove(sha256: string): Promise<void> {
    const row = await this.db.selectFrom('file_blobs').select('id').where('sha256', '=', sha256).executeTakeFirst();
    if (row) await this.discard({ ref: row.id });
    await this.folder.remove(sha256);
  }

  async cleanup(o: Parameters<BlobStore['cleanup']>[0]): Promise<number> {
    let removed = 0;
    // local copies for a parser left behind by a process that stopped mid-import
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      const p = path.join(this.tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (s && s.mtime < o.receivingBefore) await rm(p, { force: true });
    }
    const abandoned = await this.db
      .selectFrom('file_blobs')
      .select('id')
      .where('status', '=', 'receiving')
      .where('touched_at', '<', o.receivingBefore.toISOString())
      .execute();
    for (const b of abandoned) {
      await this.discard({ ref: b.id });
      removed++;
    }
    // in pages by id, so content still in use is looked at once per clean-up, not again and again
    let after = '';
    for (;;) {
      const old = await this.db
        .selectFrom('file_blobs')
        .select(['id', 'sha256'])
        .where('status', '=', 'complete')
        .where('touched_at', '<', o.unusedBefore.toISOString())
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      if (old.length === 0) break;
      after = old[old.length - 1]?.id ?? after;
      const used = await o.inUse(old.map((b) => b.sha256 as string));
      for (const b of old.filter((x) => !used.has(x.sha256 as string))) {
        await this.discard({ ref: b.id });
        removed++;
      }
    }
    return removed;
  }
}

const nowIso = () => new Date().toISOString();

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
