import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class TooLarge extends Error {}

export interface Received {
  tmp: string;
  sha256: string;
  size: number;
}

export const FILES_DIR = 'files';
const TMP_DIR = 'tmp';

/**
 * Content-addressed files under `<dataDir>/files/ab/cd/<sha256>`. A blob is written to a temp file,
 * flushed to disk, then renamed into place, so a blob either is complete or is not there at all.
 */
export class BlobStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, FILES_DIR);
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Writes the upload to a temp file while hashing it; stops with `TooLarge` past `maxBytes`. */
  async receive(input: Readable | Buffer, maxBytes: number): Promise<Received> {
    const tmpDir = path.join(this.root, TMP_DIR);
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const source = Buffer.isBuffer(input) ? Readable.from([input]) : input;
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      await fsyncPath(tmp);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { tmp, sha256: hash.digest('hex'), size };
  }

  /** Moves a received temp file to its address; the same content stored twice is kept once. */
  async commit(r: Received): Promise<void> {
    const dest = this.pathOf(r.sha256);
    const exists = await stat(dest).then(
      () => true,
      () => false,
    );
    if (exists) return this.discard(r);
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(r.tmp, dest);
    await fsyncPath(path.dirname(dest));
  }

  async discard(r: Pick<Received, 'tmp'>): Promise<void> {
    await rm(r.tmp, { force: true });
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
