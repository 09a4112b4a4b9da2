import { type ProgressRow, rollUp } from './queue';

/** task counts of one campaign by neighborhood, caller and status: the shared state of its live progress */
export interface ProgressCount {
  neighborhoodId: string;
  neighborhoodName: string;
  callerId: string | null;
  callerName: string | null;
  /** the progress status (queue.ts `progressStatus`): pending, retry, reached, unreached */
  status: string;
  n: number;
  /** calls made on these tasks */
  attempts: number;
}

/**
 * What of a campaign's progress one person may see: everything (care:read over its
 * subdistrict), the neighborhoods where it reads care, and always the tasks it calls itself.
 */
export interface ProgressViewer {
  all: boolean;
  neighborhoodIds: string[];
  callerId: string;
}

export const viewerKey = (v: ProgressViewer) => (v.all ? '*' : `${[...v.neighborhoodIds].sort().join(',')}|${v.callerId}`);

export function visibleCounts(counts: ProgressCount[], v: ProgressViewer): ProgressCount[] {
  if (v.all) return counts;
  return counts.filter((c) => v.neighborhoodIds.includes(c.neighborhoodId) || c.callerId === v.callerId);
}

/** the viewer's progress by neighborhood and by caller; another neighborhood's counts never enter it */
export function progressOf(counts: ProgressCount[], v: ProgressViewer): { byNeighborhood: ProgressRow[]; byCaller: ProgressRow[] } {
  const mine = visibleCounts(counts, v);
  const nbNames = new Map(mine.map((c) => [c.neighborhoodId, c.neighborhoodName]));
  const callerNames = new Map(mine.map((c) => [c.callerId ?? '', c.callerName ?? '未分配']));
  return {
    byNeighborhood: rollUp(
      mine.map((c) => ({ key: c.neighborhoodId, status: c.status, n: c.n, attempts: c.attempts })),
      (k) => nbNames.get(k) ?? k,
    ),
    byCaller: rollUp(
      mine.map((c) => ({ key: c.callerId ?? '', status: c.status, n: c.n, attempts: c.attempts })),
      (k) => callerNames.get(k) ?? '未分配',
    ),
  };
}
