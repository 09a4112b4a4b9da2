import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import type { ImportPreview, ImportReport } from '../../../contracts/imports';
import type { Executor } from '../../db/index';
import type { ImportJobsTable } from '../../db/schema';
import { scopeFor } from '../access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../context';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { todayIso } from '../people/id-number';
import { neighborhoodsInScope } from '../people/people.repository';
import type { AnyImportKind, ImportEnv, ImportRegistry } from './import-kind';
import * as repo from './imports.repository';
import { type Progress, type RunResult, runImport } from './pipeline';
import { buildTemplate, optionsOf } from './template';

const DAY = 24 * 3600_000;

/** The HTTP and command-line face of the import pipeline: upload → preview → commit, templates. */
export class ImportService {
  constructor(
    private readonly core: Core,
    readonly registry: ImportRegistry,
  ) {}

  /** where uploads were kept before they went to the shared blob store (0013); still read */
  private dir() {
    return path.join(this.core.config.dataDir, 'imports');
  }

  /** the job's upload as a local file for the parser: from the blob store, which every process reads */
  private withUpload<T>(job: Pick<ImportJobsTable, 'id' | 'file_sha256'>, fn: (file: string) => Promise<T>): Promise<T> {
    if (job.file_sha256) return this.core.files.blobs.withLocalFile(job.file_sha256, fn);
    return fn(path.join(this.dir(), job.id));
  }

  /** the upload goes once nothing needs it (a file stored with the same content keeps it) */
  private async dropUpload(job: Pick<ImportJobsTable, 'id' | 'file_sha256'>): Promise<void> {
    if (job.file_sha256) await this.core.files.release(job.file_sha256);
    else await rm(path.join(this.dir(), job.id), { force: true });
  }

  kind(ctx: RequestContext, name: string): AnyImportKind {
    const kind = this.registry.get(name);
    if (!kind) throw notFound('导入类型');
    if (!requireActor(ctx).permissions.has(kind.permission)) throw forbidden();
    return kind;
  }

  async env(exec: Executor, ctx: RequestContext, kind: AnyImportKind): Promise<ImportEnv> {
    const actor = requireActor(ctx);
    return {
      subdistrictId: actor.subdistrictId,
      neighborhoods: await neighborhoodsInScope(exec, scopeFor(actor, kind.permission)),
      today: todayIso(),
    };
  }

  async kinds(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const out = [];
    for (const kind of this.registry.list()) {
      if (!actor.permissions.has(kind.permission)) continue;
      const env = await this.env(this.core.db, ctx, kind);
      out.push({
        kind: kind.kind,
        label: kind.label,
        templateUrl: `/api/imports/${kind.kind}/template`,
        columns: kind.columns.map((c) => ({
          header: c.header,
          required: !!c.required,
          options: optionsOf(c, env),
          example: c.example,
          hint: c.hint,
        })),
      });
    }
    return { kinds: out };
  }

  async template(ctx: RequestContext, name: string): Promise<{ body: Buffer; fileName: string }> {
    const kind = this.kind(ctx, name);
    return { body: await buildTemplate(kind, await this.env(this.core.db, ctx, kind)), fileName: `${kind.label}导入模板.xlsx` };
  }

  /** Runs a file through the pipeline: the CLI and the benchmark use this directly. */
  async runFile(
    ctx: RequestContext,
    name: string,
    file: string,
    opts: { dryRun: boolean; fileName?: string; onProgress?: (p: Progress) => void; batchSize?: number },
  ): Promise<RunResult> {
    const kind = this.kind(ctx, name);
    const fileName = opts.fileName ?? path.basename(file);
    return runImport({
      db: this.core.db,
      kind,
      env: await this.env(this.core.db, ctx, kind),
      ctx,
      file,
      fileName,
      dryRun: opts.dryRun,
      onProgress: opts.onProgress,
      batchSize: opts.batchSize,
      limits: this.core.config.imports,
      writeRows: this.core.dialect.importWriteRows,
      giveWay: () => this.core.foreground.giveWay(),
      finalize: (trx, report) => this.audit(trx, ctx, kind, fileName, report),
    });
  }

  private audit(exec: Executor, ctx: RequestContext, kind: AnyImportKind, fileName: string, report: ImportReport, jobId?: string) {
    return this.core.audit.record(exec, auditActor(ctx), {
      action: 'import.commit',
      targetType: 'import',
      targetId: jobId,
      detail: {
        kind: kind.kind,
        fileName,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      },
    });
  }

  /** Stores the upload in the blob store (shared by every process) and previews it (a dry run). */
  async upload(
    ctx: RequestContext,
    name: string,
    upload: { filename: string; file: Readable & { truncated?: boolean } },
  ): Promise<ImportPreview> {
    const actor = requireActor(ctx);
    const kind = this.kind(ctx, name);
    await this.sweep();
    const id = uuidv7();
    const blobs = this.core.files.blobs;
    let received: Awaited<ReturnType<typeof blobs.receive>>;
    try {
      received = await blobs.receive(upload.file, Number.MAX_SAFE_INTEGER);
    } catch {
      // the body ended before the file did (connection dropped, cut-off request): the store keeps nothing of it
      throw uploadBroken();
    }
    if (upload.file.truncated) {
      await blobs.discard(received);
      throw new AppError(413, 'TOO_LARGE', '文件超过 50 MB，请拆分后再导入');
    }
    await blobs.commit(received);
    const fileName = path.basename(upload.filename || 'upload.xlsx').slice(0, 200);
    const size = received.size;
    const env = await this.env(this.core.db, ctx, kind);
    const run = await this.withUpload({ id, file_sha256: received.sha256 }, (file) =>
      runImport({
        db: this.core.db,
        kind,
        env,
        ctx,
        file,
        fileName,
        dryRun: true,
        limits: this.core.config.imports,
        writeRows: this.core.dialect.importWriteRows,
        giveWay: () => this.core.foreground.giveWay(),
      }),
    );
    const row: ImportJobsTable = {
      id,
      subdistrict_id: actor.subdistrictId,
      account_id: actor.accountId,
      kind: kind.kind,
      file_name: fileName,
      format: path.extname(fileName).slice(1).toLowerCase() || 'xlsx',
      size,
      status: 'previewed',
      report: JSON.stringify(run.report),
      preview: JSON.stringify({ columns: run.columns, sample: run.sample }),
      created_at: nowIso(),
      committed_at: null,
      file_sha256: received.sha256,
    };
    // who looked at which file, and how much of it: a preview shows (masked) rows, so it is audited like a read
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, row);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'import.preview',
        targetType: 'import',
        targetId: id,
        detail: {
          kind: kind.kind,
          fileName,
          size,
          rows: run.report.rows,
          ok: run.report.ok,
          errors: run.report.errors.length + (run.report.moreErrors ?? 0),
        },
      });
    });
    return present(row);
  }

  private async job(ctx: RequestContext, name: string, id: string) {
    const kind = this.kind(ctx, name);
    const job = await repo.jobOf(this.core.db, requireActor(ctx).accountId, kind.kind, id);
    if (!job) throw notFound('导入记录');
    return { kind, job };
  }

  async preview(ctx: RequestContext, name: string, id: string): Promise<ImportPreview> {
    return present((await this.job(ctx, name, id)).job);
  }

  /** Writes every row in one transaction, or none; the same file twice changes nothing the second time. */
  async commit(ctx: RequestContext, name: string, id: string): Promise<ImportPreview> {
    const { kind, job } = await this.job(ctx, name, id);
    if (job.status === 'committed') throw conflict('该文件已经导入，不能重复确认');
    if (job.status !== 'previewed') throw conflict('该导入已取消，请重新上传');
    const env = await this.env(this.core.db, ctx, kind);
    let run: RunResult;
    try {
      run = await this.withUpload(job, (file) =>
        runImport({
          db: this.core.db,
          kind,
          env,
          ctx,
          file,
          fileName: job.file_name,
          dryRun: false,
          limits: this.core.config.imports,
          writeRows: this.core.dialect.importWriteRows,
          giveWay: () => this.core.foreground.giveWay(),
          begin: async (trx) => {
            if ((await repo.claimJob(trx, job.id)) !== 1) throw conflict('该文件正在导入或已经导入');
          },
          finalize: async (trx, report) => {
            await repo.updateJob(trx, job.id, { status: 'committed', committed_at: nowIso(), report: JSON.stringify(report) });
            await this.audit(trx, ctx, kind, job.file_name, report, job.id);
          },
        }),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw conflict('上传的文件已过期，请重新上传');
      throw err;
    }
    if (run.report.ok) await this.dropUpload(job);
    else await repo.updateJob(this.core.db, job.id, { report: JSON.stringify(run.report) });
    return present((await repo.jobOf(this.core.db, job.account_id, job.kind, job.id)) as ImportJobsTable);
  }

  async discard(ctx: RequestContext, name: string, id: string): Promise<void> {
    const { job } = await this.job(ctx, name, id);
    if (job.status === 'committed') throw conflict('该文件已经导入，不能取消');
    await repo.updateJob(this.core.db, job.id, { status: 'discarded' });
    await this.dropUpload(job);
  }

  /** uploads nobody confirmed within a day are discarded with their files */
  private async sweep(): Promise<void> {
    for (const job of await repo.staleJobs(this.core.db, new Date(Date.now() - DAY).toISOString())) {
      await repo.updateJob(this.core.db, job.id, { status: 'discarded' });
      await this.dropUpload(job);
    }
  }
}

/** an upload that did not arrive whole */
export const uploadBroken = () =>
  new AppError(400, 'UPLOAD_INCOMPLETE', '文件上传中断，未能完整接收，请检查网络后重新上传', [
    { path: 'file', message: '文件上传中断，请重新上传' },
  ]);

function present(job: ImportJobsTable): ImportPreview {
  const preview = JSON.parse(job.preview) as Pick<ImportPreview, 'columns' | 'sample'>;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    status: job.status === 'committing' ? 'previewed' : (job.status as ImportPreview['status']),
    createdAt: job.created_at,
    committedAt: job.committed_at,
    columns: preview.columns,
    sample: preview.sample,
    report: JSON.parse(job.report) as ImportReport,
  };
}
