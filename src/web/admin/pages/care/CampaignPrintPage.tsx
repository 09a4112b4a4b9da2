import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useParams } from 'react-router-dom';
import type { CampaignDetail } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { formatTime } from '../../format';
import { taskStatusKey, useCampaignTasks } from './CampaignTasksCard';
import css from './campaign-print.module.css';
import { CARE_KEY } from './data';

/** A campaign's call list for paper: its figures (frozen once closed) and one line per person. */
export default function CampaignPrintPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: [...CARE_KEY, 'campaign', id], queryFn: () => api.get<CampaignDetail>(`/api/care/campaigns/${id}`) });
  const tasks = useCampaignTasks(id);
  if (detail.isPending || tasks.isPending) return <PageLoading />;
  if (!detail.data || !tasks.data) return null;
  const c = detail.data;
  return (
    <div className={css.sheet} data-testid="campaign-print-sheet">
      <Button className={css.noPrint} icon={<PrinterOutlined />} onClick={() => window.print()} style={{ marginBottom: 16 }}>
        {t('care.c.print')}
      </Button>
      <h2>{t('care.c.printTitle', { title: c.title })}</h2>
      <p>
        {c.startsOn} ~ {c.endsOn}　
        {c.status === 'closed' ? t('care.c.closedAt', { at: formatTime(c.closedAt ?? '') }) : t('care.c.status.active')}
      </p>
      <p data-testid="print-figures">
        {t('care.c.printFigures', {
          reached: c.reached,
          unreached: c.unreached,
          retry: c.retry,
          pending: c.pending,
          total: c.total,
          attempts: c.attempts,
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('care.b.name')}</th>
            <th>{t('care.b.neighborhood')}</th>
            <th>{t('care.b.address')}</th>
            <th>{t('care.b.phone')}</th>
            <th>{t('care.c.caller')}</th>
            <th>{t('care.c.callStatus')}</th>
            <th>{t('care.c.attempts')}</th>
            <th>{t('care.c.lastOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.data.tasks.map((r, i) => (
            <tr key={r.taskId}>
              <td>{i + 1}</td>
              <td>{r.name}</td>
              <td>{r.neighborhoodName}</td>
              <td>{r.address}</td>
              <td className={css.phone}>{r.phoneMasked ?? '—'}</td>
              <td>{r.callerName ?? t('care.c.unassigned')}</td>
              <td>{t(`care.c.${taskStatusKey(r)}`)}</td>
              <td>{r.attempts}</td>
              <td>{r.lastOutcome ? t(`care.outcome.${r.lastOutcome}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
