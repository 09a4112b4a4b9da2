import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EmployerList, FairList } from '../../../../contracts/jobs';
import { api } from '../../../api';
import type { TFunction } from '../../../i18n';

/** Query keys of the job fair pages: everything under `jobs`, so one invalidation refreshes them all. */
export const JOBS_KEY = ['jobs'] as const;

export function useFairs() {
  return useQuery({
    queryKey: [...JOBS_KEY, 'fairs'],
    queryFn: async () => (await api.get<z.infer<typeof FairList>>('/api/jobs/fairs')).fairs,
  });
}

export function useEmployers() {
  return useQuery({
    queryKey: [...JOBS_KEY, 'employers'],
    queryFn: async () => (await api.get<z.infer<typeof EmployerList>>('/api/jobs/employers')).employers,
  });
}

/** 8000～12000 元/月, one end alone, or 面议 */
export function salaryText(t: TFunction, min: number | null, max: number | null): string {
  if (min != null && max != null) return t('jobs.common.yuan', { min, max });
  if (min != null) return t('jobs.common.yuanFrom', { min });
  if (max != null) return t('jobs.common.yuanTo', { max });
  return t('jobs.common.negotiable');
}

/** the public page of a fair, on this server (what the QR code encodes) */
export const fairUrl = (id: string) => `${window.location.origin}/m/jobs/fairs/${id}`;

/** a score in [0,1] as a percentage */
export const percent = (score: number | null) => (score == null ? '—' : `${Math.round(score * 100)}%`);

export const STATUS_COLOR: Record<string, string> = {
  submitted: 'blue',
  viewed: 'cyan',
  interview: 'green',
  unsuitable: 'default',
  withdrawn: 'default',
};
