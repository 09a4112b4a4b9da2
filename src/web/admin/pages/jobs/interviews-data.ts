import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RoomBoard, StaffView } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { JOBS_KEY, useFairs } from './data';

/** the fair the fair-day pages work on: `?fair=` in the address, else the latest */
export function useFairChoice() {
  const [params, setParams] = useSearchParams();
  const fairs = useFairs();
  const fairId = params.get('fair') ?? fairs.data?.[0]?.id ?? null;
  return { fairs, fairId, setFair: (id: string) => setParams({ fair: id }) };
}

export type LiveState = 'connecting' | 'live' | 'lost';

/** the room boards, live: snapshot then deltas; EventSource resumes with Last-Event-ID; polling without it */
export function useBoard(fairId: string | null): { view: StaffView | null; live: LiveState } {
  const client = useQueryClient();
  const key = [...JOBS_KEY, 'board', fairId];
  const board = useQuery({
    queryKey: key,
    enabled: !!fairId,
    queryFn: async () => (await api.get<{ view: StaffView }>(`/api/jobs/fairs/${fairId}/board`)).view,
    refetchInterval: typeof EventSource === 'undefined' ? 10_000 : false,
  });
  const [live, setLive] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!fairId || typeof EventSource === 'undefined') return;
    const k = [...JOBS_KEY, 'board', fairId];
    const source = new EventSource(`/api/jobs/fairs/${fairId}/board/stream`);
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as Partial<StaffView>;
    source.addEventListener('snapshot', (e) => {
      client.setQueryData(k, data(e) as StaffView);
      setLive('live');
    });
    source.addEventListener('delta', (e) => client.setQueryData<StaffView>(k, (prev) => (prev ? { ...prev, ...data(e) } : prev)));
    source.addEventListener('end', () => source.close());
    source.onopen = () => setLive('live');
    source.onerror = () => setLive('lost');
    return () => source.close();
  }, [fairId, client]);
  return { view: board.data ?? null, live };
}

export type { RoomBoard };
