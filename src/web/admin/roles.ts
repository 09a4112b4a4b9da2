import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RoleInfo, RoleList } from '../../contracts/accounts';
import { api } from '../api';

export type Role = z.infer<typeof RoleInfo>;

/** The role vocabulary from the server: which roles exist, which may be granted, over which kinds of unit. */
export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => (await api.get<z.infer<typeof RoleList>>('/api/roles')).roles,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
