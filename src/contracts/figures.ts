import { z } from 'zod';

/**
 * Figures (统计口径) each module reports for a month and a place — what the overview page and the
 * monthly bulletin are written from. Each says how it is computed and links to the records it counts.
 */
export const FigureQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，如 2026-11'),
  /** the subdistrict or one of its neighborhoods; the actor's subdistrict when left out */
  orgId: z.string().optional(),
  /** only these modules' figures (comma-separated keys) */
  modules: z.string().optional(),
});
export type FigureQuery = z.infer<typeof FigureQuery>;

export const Figure = z.object({
  /** `<module>.<figure>`, e.g. `care.calls_reached` */
  key: z.string(),
  module: z.string(),
  /** the module's name, the bulletin's section */
  section: z.string(),
  label: z.string(),
  /** null when the figure is undefined for the period (a rate with nobody in scope) */
  value: z.number().nullable(),
  /** a word the number cannot say, e.g. the weakest topic's name beside its rate */
  detail: z.string().optional(),
  unit: z.string(),
  /** how it is computed, in words */
  how: z.string(),
  /** it lists the records it counts (GET /api/figures/records) */
  records: z.boolean(),
  /** a count of what is late as of the month's end or today (visits, reports, re-elections) */
  overdue: z.boolean(),
});
export type Figure = z.infer<typeof Figure>;

export const FigureSet = z.object({
  month: z.string(),
  /** the month's bounds as ISO UTC instants, Beijing-time midnights */
  from: z.string(),
  to: z.string(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  figures: z.array(Figure),
});
export type FigureSet = z.infer<typeof FigureSet>;

export const TrendQuery = FigureQuery.extend({
  keys: z.string().min(1, '请指定统计项'),
  months: z.coerce.number().int().min(2).max(36).default(12),
});
export const Trend = z.object({
  months: z.array(z.string()),
  series: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string(), values: z.array(z.number().nullable()) })),
});

export const FigureRecordsQuery = FigureQuery.omit({ modules: true }).extend({ key: z.string().min(1, '请指定统计项') });
export type FigureRecordsQuery = z.infer<typeof FigureRecordsQuery>;

/** One record a figure counts (or, for a rate, one of its numerator), as its drill-down lists it. */
export const FigureRecord = z.object({
  id: z.string(),
  title: z.string(),
  /** what about it was counted, e.g. the outcome or the branch */
  note: z.string().nullable(),
  /** when (ISO instant or a date) */
  at: z.string().nullable(),
  place: z.string().nullable(),
  /** the admin page of the record, when it has one and the reader may open it */
  link: z.string().nullable(),
});
export type FigureRecord = z.infer<typeof FigureRecord>;

export const FigureRecords = z.object({
  figure: Figure,
  rows: z.array(FigureRecord),
  /** more records than the drill-down lists (the first ones are shown) */
  truncated: z.boolean(),
});
export type FigureRecords = z.infer<typeof FigureRecords>;

/**
 * A photo a module offers the bulletin for a month and a place: marked publishable by staff (and,
 * where it shows a resident, with their recorded consent). The caption is the module's plain
 * description of the occasion (an activity's title, 「上门走访」), never a person's name.
 */
export const PublishablePhoto = z.object({
  fileId: z.string(),
  module: z.string(),
  /** the kind of occasion, e.g. 上门走访, 组织生活 */
  source: z.string(),
  caption: z.string(),
  /** YYYY-MM-DD, Beijing time */
  date: z.string(),
  /** the neighborhood (or the subdistrict) it was taken in */
  place: z.string(),
});
export type PublishablePhoto = z.infer<typeof PublishablePhoto>;
