/**
 * 生活动态: everything that happened around one beneficiary, newest first. Each part of care
 * (calls, needs, deliveries, visits, changes to the record) is a source that lists its own
 * entries; the timeline merges them, so no part has to write into a shared table.
 */
export const TIMELINE_KINDS = ['call', 'need', 'delivery', 'visit', 'change', 'note'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** unique within the beneficiary's timeline, e.g. `call:<id>` */
  key: string;
  kind: TimelineKind;
  /** ISO time it happened */
  at: string;
  /** one line in Chinese, e.g. 「电话慰问：已接通，身体良好」 */
  title: string;
  /** further lines worth showing under the title */
  details: string[];
  /** display name of the staff member or volunteer, when known */
  by: string | null;
}

/** Merges the sources' entries newest first; on equal times the order is stable by key. */
export function mergeTimeline(parts: readonly (readonly TimelineEntry[])[], limit = 200): TimelineEntry[] {
  return parts
    .flat()
    .sort((a, b) => (a.at === b.at ? a.key.localeCompare(b.key) : a.at < b.at ? 1 : -1))
    .slice(0, limit);
}
