import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { FileInfo, FileKind } from '../../../contracts/files';
import type { Db, Executor } from '../../db/index';
import type { FilesTable } from '../../db/schema';
import type { RequestContext } from '../context';
import { invalid, notFound } from '../errors';
import { type BlobStore, DatabaseBlobStore, FolderBlobStore, type Received, TooLarge } from './blob-store';
import { cleanName, formatBytes, kindOfMime, refusal } from './files.domain';
import { presentFile } from './files.presenter';
import { blobsInUse, filesOfOwner, findFile, insertFile } from './files.repository';

/** Says whether the actor may see the record `ownerId`; registered by the module that owns such records. */
export type OwnerCheck = (ctx: RequestContext, ownerId: string) => Promise<boolean>;

export interface StoreOptions {
  /** the name the user's file had; shown, offered on download, and named in messages */
  name: string;
  allowed: readonly FileKind[];
  /** defaults to LINLI_UPLOAD_MAX_MB */
  maxBytes?: number;
  /** the record the file belongs to; its registered check decides who may download it */
  owner: { type: string; id: string };
  subdistrictId: string;
  neighborhoodId?: string | null;
  /** write the row in the caller's transaction (the blob itself is on disk already) */
  trx?: Executor;
}

/**
 * Uploads: type checked by content, size limited, stored content-addressed, and served only to
 * actors the owning record's check lets through. Nothing reaches the table unless the blob is
 * complete and of an allowed kind.
 */
export class FilesService {
  readonly blobs: BlobStore;
  private readonly owners = new Map<string, OwnerCheck>();

  /**
   * `store`: where content lives — the data folder (one process: SQLite) or the database (several
   * processes on one PostgreSQL, none of which can read another's folder). See docs/deploy.
   */
  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly defaultMaxBytes: number,
    store: 'folder' | 'database' = 'folder',
  ) {
    this.blobs = store === 'database' ? new DatabaseBlobStore(db, dataDir) : new FolderBlobStore(dataDir);
  }

  registerOwner(type: string, check: OwnerCheck): void {
    if (this.owners.has(type)) throw new Error(`file owner type ${type} registered twice`);
    this.owners.set(type, check);
  }

  hasOwner(type: string): boolean {
    return this.owners.has(type);
  }

  async store(ctx: RequestContext, input: Readable | Buffer, opts: StoreOptions): Promise<FileInfo> {
    const name = cleanName(opts.name);
    const maxBytes = opts.maxBytes ?? this.defaultMaxBytes;
    if (!this.owners.has(opts.owner.type)) throw new Error(`file owner type ${opts.owner.type} is not registered`);
    let received: Received;
    try {
      received = await this.blobs.receive(input, maxBytes);
    } catch (err) {
      if (err instanceof TooLarge) throw invalid(`文件「${name}」超过 ${formatBytes(maxBytes)} 的大小上限，未保存`);
      throw err;
    }
    if (received.size === 0) {
      await this.blobs.discard(received);
      throw invalid(`文件「${name}」是空文件，未保存`);
    }
    const detected = await this.blobs.detect(received);
    const kind = kindOfMime(detected?.mime);
    const why = refusal(name, kind, opts.allowed);
    if (why || !kind || !detected) {
      await this.blobs.discard(received);
      throw invalid(why ?? `文件「${name}」的类型无法识别，未保存`);
    }
    await this.blobs.commit(received);
    const row: FilesTable = {
      id: uuidv7(),
      subdistrict_id: opts.subdistrictId,
      neighborhood_id: opts.neighborhoodId ?? null,
      sha256: received.sha256,
      size: received.size,
      mime: detected.mime,
      kind,
      original_name: name,
      owner_type: opts.owner.type,
      owner_id: opts.owner.id,
      uploaded_by: ctx.actor?.accountId ?? null,
      created_at: new Date().toISOString(),
    };
    await insertFile(opts.trx ?? this.db, row);
    return presentFile(row);
  }

  async listFor(exec: Executor, ownerType: string, ownerId: string): Promise<FileInfo[]> {
    return (await filesOfOwner(exec, ownerType, ownerId)).map(presentFile);
  }

  /** The file and its content, when the actor may see the record it belongs to; else not found. */
  async open(ctx: RequestContext, id: string): Promise<{ file: FilesTable; stream: Readable }> {
    const actor = ctx.actor;
    const file = await findFile(this.db, id);
    const check = file ? this.owners.get(file.owner_type) : undefined;
    const sameTenant = !!file && !!actor && actor.grants.some((g) => g.subdistrictId === file.subdistrict_id);
    if (!file || !check || !sameTenant || !(await check(ctx, file.owner_id))) throw notFound('文件');
    return { file, stream: this.blobs.open(file.sha256) };
  }

  /**
   * A file of the tenant and its content for a caller that has decided access itself (the
   * bulletin's photos: offered because publishable and in the reader's reach); null when missing.
   */
  async openContent(id: string, subdistrictId: string): Promise<{ file: FilesTable; stream: Readable } | null> {
    const file = await findFile(this.db, id);
    if (!file || file.subdistrict_id !== subdistrictId) return null;
    return { file, stream: this.blobs.open(file.sha256) };
  }

  /** On the database store: moves what this data folder holds into the database (see `adoptFolder`). */
  async adoptLocalFiles(): Promise<number> {
    return this.blobs instanceof DatabaseBlobStore ? this.blobs.adoptFolder() : 0;
  }

  /** Removes content nothing refers to any more (a committed or discarded import); kept while anything does. */
  async release(sha256: string): Promise<void> {
    if (!(await blobsInUse(this.db, [sha256])).has(sha256)) await this.blobs.remove(sha256);
  }

  /**
   * Abandoned uploads go: content half-received an hour ago, and content stored a day ago that
   * no file and no pending import refers to. Scheduled under a lease, so one process at a time.
   */
  async cleanup(now = new Date()): Promise<number> {
    return this.blobs.cleanup({
      receivingBefore: new Date(now.getTime() - 3600_000),
      unusedBefore: new Date(now.getTime() - 24 * 3600_000),
      inUse: (shas) => blobsInUse(this.db, shas),
    });
  }
}
