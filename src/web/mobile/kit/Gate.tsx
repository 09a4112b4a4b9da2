import './kit.css';
import type { ReactNode } from 'react';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { Notice } from '../components/Field';
import type { StaffState } from './session';

/** Shows its children only to signed-in staff the gate let through; `forbidden` says why not, in words. */
export function StaffGate({ staff, forbidden, children }: { staff: StaffState; forbidden: string; children: ReactNode }) {
  const { t } = useI18n();
  if (staff.status === 'error') return <Notice kind="error">{errorText(staff.error)}</Notice>;
  if (staff.status === 'forbidden') return <Notice kind="error">{forbidden}</Notice>;
  if (staff.status === 'loading') return <p className="lead">{t('common.loading')}</p>;
  return <>{children}</>;
}

/** Loading, failure or the content of a loaded screen. */
export function Loaded<T>({ load, children }: { load: { data?: T; error?: unknown }; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (load.error) return <Notice kind="error">{errorText(load.error)}</Notice>;
  if (load.data === undefined) return <p className="lead">{t('common.loading')}</p>;
  return <>{children(load.data)}</>;
}
