import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OrgList } from '../../../../contracts/party';
import { api } from '../../../api';

export const PARTY_KEY = ['party'] as const;

export type Org = z.infer<typeof OrgList>['orgs'][number];

/** the party organisations the user reaches (the tree) */
export function useOrgs() {
  return useQuery({
    queryKey: [...PARTY_KEY, 'orgs'],
    queryFn: async () => (await api.get<z.infer<typeof OrgList>>('/api/party/orgs')).orgs,
  });
}

/** branches as select options: 白渡一支部 */
export function useBranchOptions() {
  const orgs = useOrgs();
  return (orgs.data ?? []).filter((o) => o.level === 'branch').map((o) => ({ value: o.id, label: o.fullName }));
}

/** 0.3 → 30%; null → — */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** 12345 fen → 123.45 */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

export function newClientKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
