import './messages';
import './jobs.css';
import type { ReactNode } from 'react';
import type { Position } from '../../../../contracts/jobs';
import type { TFunction } from '../../../i18n';

/** 8000～12000 元/月, one end alone, or 薪资面议 */
export function salaryText(t: TFunction, min: number | null, max: number | null): string {
  if (min != null && max != null) return t('m.jobs.salary', { min, max });
  if (min != null) return t('m.jobs.salaryFrom', { min });
  if (max != null) return t('m.jobs.salaryTo', { max });
  return t('m.jobs.negotiable');
}

/** an ISO time as Beijing time, e.g. 2026/12/16 13:00 (no date library on the phone) */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

type PositionLike = Pick<Position, 'title' | 'employerName' | 'district' | 'education' | 'salaryMin' | 'salaryMax' | 'headcount'>;

/** one position as a card: title, employer, where, salary; `children` adds reasons and actions */
export function PositionCard({ p, t, extra, children }: { p: PositionLike; t: TFunction; extra?: ReactNode; children?: ReactNode }) {
  return (
    <li className="position">
      <h3>
        {p.title}
        {extra}
      </h3>
      <p>{p.employerName}</p>
      <p>
        {[p.district, p.education, salaryText(t, p.salaryMin, p.salaryMax), t('m.jobs.headcount', { n: p.headcount })]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {children}
    </li>
  );
}
