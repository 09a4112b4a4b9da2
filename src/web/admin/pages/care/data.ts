import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CallerList, CategoryList } from '../../../../contracts/care';
import { api, type Query } from '../../../api';
import { useOrgUnits } from '../../org';

/** Query keys of the care pages: everything under `care`, so one invalidation refreshes them all. */
export const CARE_KEY = ['care'] as const;

export function useCategories() {
  return useQuery({
    queryKey: [...CARE_KEY, 'categories'],
    queryFn: async () => (await api.get<z.infer<typeof CategoryList>>('/api/care/categories')).categories,
    staleTime: 5 * 60_000,
  });
}

export function useCallers(enabled = true) {
  return useQuery({
    queryKey: [...CARE_KEY, 'callers'],
    queryFn: async () => (await api.get<z.infer<typeof CallerList>>('/api/care/callers')).callers,
    enabled,
  });
}

/** The neighborhoods the user can see, in org order. */
export function useNeighborhoods() {
  const units = useOrgUnits();
  const list = (units.data ?? []).filter((u) => u.kind === 'neighborhood').sort((a, b) => a.sort - b.sort);
  return { ...units, data: list, options: list.map((u) => ({ value: u.id, label: u.name })) };
}

/** Flags staff filter by: the derived ones and the reasons the import suggests. */
export const FLAG_OPTIONS = ['独居', '空巢', '80岁以上', '慢性病', '行动不便', '失能', '近期住院', '残疾'];

export const LIVING_SITUATIONS = ['独居', '空巢', '与子女同住', '养老机构', '其他'] as const;

/** `/api/...?a=1&b=2` with empty values left out: the export links carry the list's filters. */
export function urlWith(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
