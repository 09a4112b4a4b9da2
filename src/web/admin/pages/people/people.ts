import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Gender, PersonDetail, PersonPage } from '../../../../contracts/people';
import { api } from '../../../api';
import { useOrgUnits } from '../../org';
import { useMe } from '../../session';

export type PersonPageData = z.infer<typeof PersonPage>;
export const PEOPLE_KEY = ['people'] as const;

export interface PeopleFilters {
  q?: string;
  neighborhoodId?: string;
  gender?: Gender;
}

export function usePerson(id: string) {
  return useQuery({ queryKey: [...PEOPLE_KEY, 'detail', id], queryFn: () => api.get<PersonDetail>(`/api/people/${id}`) });
}

/** The neighborhoods the user may pick (their org tree needs org:read, which every people role has). */
export function useNeighborhoods() {
  const { access } = useMe();
  const units = useOrgUnits();
  const list = access['org:read'] ? (units.data ?? []).filter((u) => u.kind === 'neighborhood') : [];
  return list.sort((a, b) => a.sort - b.sort).map((u) => ({ value: u.id, label: u.name }));
}
