import type { z } from 'zod';
import type { Permission } from '../../../contracts/permissions';
import type { Tx } from '../../db/index';
import type { RequestContext } from '../context';

/** What an import may refer to, computed for the uploader: their subdistrict and the neighborhoods in their scope. */
export interface ImportEnv {
  subdistrictId: string;
  neighborhoods: { id: string; name: string }[];
  /** YYYY-MM-DD in China Standard Time, for dates that may not lie in the future */
  today: string;
}

export interface ImportColumn {
  /** property name in the row object the schema receives */
  key: string;
  /** Chinese header, exactly as in the template */
  header: string;
  required?: boolean;
  /** allowed values: a drop-down in the template; a function when they depend on the uploader */
  options?: readonly string[] | ((env: ImportEnv) => string[]);
  example: string;
  hint?: string;
  width?: number;
  /** masked in previews */
  sensitive?: 'idNumber' | 'phone';
}

export interface ImportRow<Row> {
  /** spreadsheet row number (the header is row 1) */
  row: number;
  data: Row;
}

export interface CommitCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A row that passed the schema but cannot be written (e.g. the person belongs to another neighborhood). */
export interface CommitRowError {
  row: number;
  /** the column's key */
  key: string;
  message: string;
}

export interface ImportCommitContext {
  ctx: RequestContext;
  env: ImportEnv;
  /** 'import:<kind>', for history rows */
  source: string;
  /**
   * A preview: the transaction will be rolled back whatever happens, so a kind may skip
   * work whose only effect is the write (encrypting, inserting) as long as its counts and
   * errors stay exactly what a commit would give.
   */
  dryRun: boolean;
}

/**
 * One kind of import. Core registers `people`; modules register theirs (e.g. care's
 * `beneficiaries`) on the registry the app builds, so core never imports a module.
 */
export interface ImportKind<Row = unknown, Ahead = unknown> {
  kind: string;
  label: string;
  permission: Permission;
  columns: ImportColumn[];
  /**
   * Validates one row given as `{ [column.key]: trimmed string | undefined }`. Messages are
   * Chinese and name the column; an issue's first path element is the column key.
   */
  rowSchema(env: ImportEnv): z.ZodType<Row>;
  /** rows with the same key name the same record (the same ID number): the later one is an error */
  duplicateKey?: { key: string; of(row: Row): string | null; message: (firstRow: number) => string };
  /**
   * Work on a batch of valid rows that needs no database (sealing sensitive fields): started as
   * soon as the batch is checked, while the batch before is still being written. Its result is
   * handed to each `commit` of this batch's rows.
   */
  prepare?(rows: ImportRow<Row>[], cc: ImportCommitContext): Promise<Ahead>;
  /**
   * Writes a batch of valid rows. Called several times per import, always inside the same
   * transaction, which is rolled back if any row anywhere fails — or for a dry run.
   */
  commit(trx: Tx, rows: ImportRow<Row>[], cc: ImportCommitContext, ahead?: Ahead): Promise<CommitCounts & { errors?: CommitRowError[] }>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of every row type
export type AnyImportKind = ImportKind<any, any>;

export class ImportRegistry {
  private readonly kinds = new Map<string, AnyImportKind>();
  private frozen = false;

  register(kind: AnyImportKind): void {
    if (this.frozen) throw new Error(`import kind ${kind.kind} registered after the import routes were built`);
    if (!/^[a-z][a-z0-9-]*$/.test(kind.kind))
      throw new Error(`import kind name ${kind.kind} must be lower-case letters, digits and dashes`);
    if (this.kinds.has(kind.kind)) throw new Error(`import kind ${kind.kind} registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  get(kind: string): AnyImportKind | undefined {
    return this.kinds.get(kind);
  }

  list(): AnyImportKind[] {
    return [...this.kinds.values()];
  }

  /** called when routes are built: a kind registered later would have no routes */
  freeze(): void {
    this.frozen = true;
  }
}
