import type { CallOutcome } from './catalogue';

/** A call task's place in a campaign: waiting, or finished one way or the other. */
export type TaskStatus = 'pending' | 'reached' | 'unreached';

export interface TaskState {
  status: TaskStatus;
  attempts: number;
}

/**
 * What one call does to its task. Unreached people go back into the queue for a later attempt
 * until the campaign's limit; a refusal or a wrong number ends the attempts (a wrong number
 * raises a task to correct the phone instead).
 */
export function afterCall(task: TaskState, outcome: CallOutcome, maxAttempts: number): TaskState & { requeue: boolean; fixPhone: boolean } {
  const attempts = task.attempts + 1;
  if (outcome === 'reached') return { status: 'reached', attempts, requeue: false, fixPhone: false };
  if (outcome === 'wrong_number') return { status: 'unreached', attempts, requeue: false, fixPhone: true };
  if (outcome === 'refused') return { status: 'unreached', attempts, requeue: false, fixPhone: false };
  const requeue = attempts < maxAttempts;
  return { status: requeue ? 'pending' : 'unreached', attempts, requeue, fixPhone: false };
}

export interface Assignable {
  id: string;
  neighborhoodId: string;
}

export interface Caller {
  accountId: string;
  /** neighborhoods the caller works in (empty: any) */
  neighborhoodIds: string[];
}

/**
 * Splits a call list among callers: `evenly` deals them out in turn; `neighborhood` gives each
 * person to a caller of their own neighborhood (evenly among several), falling back to everyone.
 * Deterministic for the same input order.
 */
export function splitCalls(items: Assignable[], callers: Caller[], mode: 'evenly' | 'neighborhood'): Map<string, string> {
  const out = new Map<string, string>();
  if (callers.length === 0) return out;
  const turn = new Map<string, number>();
  const next = (pool: Caller[], key: string) => {
    const i = turn.get(key) ?? 0;
    turn.set(key, i + 1);
    return (pool[i % pool.length] as Caller).accountId;
  };
  for (const item of items) {
    if (mode === 'evenly') {
      out.set(item.id, next(callers, '*'));
      continue;
    }
    const local = callers.filter((c) => c.neighborhoodIds.includes(item.neighborhoodId));
    const pool = local.length > 0 ? local : callers.filter((c) => c.neighborhoodIds.length === 0);
    out.set(item.id, next(pool.length > 0 ? pool : callers, local.length > 0 ? item.neighborhoodId : '*'));
  }
  return out;
}

export interface ProgressRow {
  key: string;
  label: string;
  reached: number;
  /** tried and not reached: finished unreached, or back in the queue for another try (`retry`) */
  unreached: number;
  /** of `unreached`, those back in the queue waiting for another attempt (待重拨) */
  retry: number;
  /** never tried yet (待拨打) */
  pending: number;
  /** calls made, over all attempts */
  attempts: number;
  total: number;
}

/**
 * The progress status of a task: a pending task that was already tried is `retry` — it counts as
 * tried (未接通), not as still to call.
 */
export const progressStatus = (status: string, attempts: number) => (status === 'pending' && attempts > 0 ? 'retry' : status);

/** Campaign progress by a key (neighborhood, caller) from task counts per key and progress status. */
export function rollUp(
  counts: { key: string; status: string; n: number; attempts?: number }[],
  label: (key: string) => string,
): ProgressRow[] {
  const rows = new Map<string, ProgressRow>();
  for (const c of counts) {
    const row = rows.get(c.key) ?? {
      key: c.key,
      label: label(c.key),
      reached: 0,
      unreached: 0,
      retry: 0,
      pending: 0,
      attempts: 0,
      total: 0,
    };
    if (c.status === 'reached' || c.status === 'unreached') row[c.status] += c.n;
    else if (c.status === 'retry') {
      row.unreached += c.n;
      row.retry += c.n;
    } else if (c.status === 'pending') row.pending += c.n;
    row.attempts += c.attempts ?? 0;
    row.total += c.n;
    rows.set(c.key, row);
  }
  return [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export function totals(rows: ProgressRow[]) {
  const sum = (k: 'reached' | 'unreached' | 'pending' | 'retry' | 'attempts' | 'total') => rows.reduce((a, r) => a + r[k], 0);
  return {
    total: sum('total'),
    reached: sum('reached'),
    unreached: sum('unreached'),
    pending: sum('pending'),
    retry: sum('retry'),
    attempts: sum('attempts'),
  };
}
