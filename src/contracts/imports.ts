import { z } from 'zod';
import { Id } from './common';

/**
 * Excel/CSV import, the same for every kind (people, beneficiaries, …):
 *   GET  /api/imports                      kinds the caller may import, with their columns
 *   GET  /api/imports/<kind>/template      .xlsx with headers, drop-downs and an example
 *   POST /api/imports/<kind>               multipart upload (field `file`) → ImportPreview
 *   GET  /api/imports/<kind>/:id           the stored preview again (uploader only)
 *   POST /api/imports/<kind>/:id/commit    write every row in one transaction, or none → ImportPreview
 *   DELETE /api/imports/<kind>/:id         discard the upload
 * The report is also what `npm run linli -- import <kind> <file> [--dry-run]` prints.
 */

/** `row` is the spreadsheet row (the header is row 1); row 0 means the file as a whole */
export const RowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

export const ImportReport = z.object({
  /** true when there was no error (and, for a commit, when everything was written) */
  ok: z.boolean(),
  /** data rows read (blank rows are skipped) */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(RowError),
  /** errors beyond the first 1,000 are counted, not listed */
  moreErrors: z.number().int().optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportColumnInfo = z.object({
  header: z.string(),
  required: z.boolean(),
  /** allowed values (drop-down in the template) */
  options: z.array(z.string()).optional(),
  example: z.string(),
  hint: z.string().optional(),
});

export const ImportKindInfo = z.object({
  kind: z.string(),
  label: z.string(),
  columns: z.array(ImportColumnInfo),
  templateUrl: z.string(),
});
export const ImportKindList = z.object({ kinds: z.array(ImportKindInfo) });

export const ImportStatus = z.enum(['previewed', 'committed', 'discarded']);

export const ImportPreview = z.object({
  id: Id,
  kind: z.string(),
  fileName: z.string(),
  status: ImportStatus,
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  /** headers of the columns, in template order */
  columns: z.array(z.string()),
  /** the first rows as read (ID numbers and phones masked) */
  sample: z.array(z.object({ row: z.number().int(), cells: z.array(z.string().nullable()) })),
  report: ImportReport,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportParams = z.object({ id: Id });
