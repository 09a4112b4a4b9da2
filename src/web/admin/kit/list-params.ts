import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Pure part of the list kit: a list page's filters, page and page size as they stand in the
 * address. Every list uses the same names (`page`, `pageSize`, and each filter under the name the
 * API takes), so a link from a chart or a home card can open any list already filtered.
 */
export interface ListState<K extends string> {
  filters: Record<K, string | undefined>;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;

export function readListParams<K extends string>(params: URLSearchParams, keys: readonly K[]): ListState<K> {
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) || undefined])) as Record<K, string | undefined>;
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const size = Math.floor(Number(params.get('pageSize'))) || DEFAULT_PAGE_SIZE;
  return { filters, page, pageSize: Math.min(Math.max(size, 1), 200) };
}

/** the address after a change: empty values leave it, and any change but paging goes back to page 1 */
export function patchListParams(params: URLSearchParams, patch: Record<string, string | number | null | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  if (!('page' in patch)) next.delete('page');
  return next;
}

/** A list page's state held in the address, with setters that keep back/forward working. */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListParams(params, keys), [params, keys]);
  const set = useCallback(
    (patch: Partial<Record<K | 'page' | 'pageSize', string | number | null | undefined>>) =>
      setParams(patchListParams(params, patch as Record<string, string | number | null | undefined>), { replace: true }),
    [params, setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const filtered = keys.some((k) => state.filters[k] !== undefined);
  return { ...state, set, reset, filtered };
}
