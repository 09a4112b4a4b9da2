import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Me, PendingStep } from '../../contracts/auth';
import { fetchMe } from '../api';
import { accessOf } from './access';

export const ME_KEY = ['me'] as const;

/** The signed-in user (null when nobody is); every page reads it from the same query. */
export function useMe() {
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
  return { ...query, me: query.data ?? null, access: accessOf(query.data) };
}

const STEP_PATH: Record<PendingStep, string> = {
  mfa: '/login/mfa',
  password_change: '/login/password',
  mfa_setup: '/login/mfa-setup',
};

/** Where a user goes next: the sign-in step still open, else the page they asked for. */
export function nextPath(me: Me | null, wanted = '/'): string {
  if (!me) return '/login';
  if (me.pending) return STEP_PATH[me.pending];
  return wanted.startsWith('/login') ? '/' : wanted;
}

/** Reloads the user after a sign-in step and says where to go. */
export async function refreshMe(client: QueryClient, wanted?: string): Promise<string> {
  // a fetch still in flight was sent with the previous session's cookie: do not reuse its answer
  await client.cancelQueries({ queryKey: ME_KEY });
  const me = await fetchMe();
  client.setQueryData(ME_KEY, me);
  return nextPath(me, wanted);
}
