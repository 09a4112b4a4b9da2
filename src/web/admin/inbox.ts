import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxPage, InboxQuery, UnreadCount } from '../../contracts/notify';
import { api } from '../api';

/** The signed-in user's in-app inbox: one cache shared by the header bell and the inbox page. */
export const INBOX_KEY = ['inbox'] as const;
const UNREAD_KEY = [...INBOX_KEY, 'unread'] as const;
/** how often the bell asks for news (also on every return to the tab) */
export const UNREAD_POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await api.get<UnreadCount>('/api/notify/inbox/unread-count')).unread,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
    staleTime: 10_000,
  });
}

export function useInbox(q: Partial<InboxQuery>, enabled = true) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', q],
    queryFn: async () => {
      const page = await api.get<InboxPage>('/api/notify/inbox', q);
      // the list brings the unread count along: the bell need not ask again
      client.setQueryData(UNREAD_KEY, page.unread);
      return page;
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') => api.post(id === 'all' ? '/api/notify/inbox/read-all' : `/api/notify/inbox/${id}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
