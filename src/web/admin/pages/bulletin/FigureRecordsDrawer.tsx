import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { FigureRecord, FigureRecords } from '../../../../contracts/figures';
import { type ApiError, api } from '../../../api';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import { BULLETIN_KEY, showValue } from './data';

export interface RecordsTarget {
  figureKey: string;
  orgId: string;
  placeName: string;
}

/** 统计明细: the records one figure counts for a month and a place, each opening its own page. */
export function FigureRecordsDrawer({ month, target, onClose }: { month: string; target: RecordsTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: [...BULLETIN_KEY, 'records', month, target?.figureKey, target?.orgId],
    enabled: target !== null,
    queryFn: () => api.get<FigureRecords>('/api/figures/records', { key: target?.figureKey, month, orgId: target?.orgId }),
  });
  const f = q.data?.figure;
  const when = (at: string | null) => (at === null ? '—' : at.length > 10 ? formatTime(at) : at);
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={760}
      title={f ? `${t('ov.records')}：${target?.placeName} · ${f.section} · ${f.label} ${showValue(f.value, f.unit)}` : t('ov.records')}
      data-testid="figure-records"
    >
      {q.error ? <Alert type="error" showIcon message={(q.error as ApiError).message} /> : null}
      {f ? (
        <Typography.Paragraph type="secondary">
          {t('ov.how')}：{f.how}
        </Typography.Paragraph>
      ) : null}
      {q.data?.truncated ? (
        <Alert type="info" showIcon message={t('ov.truncated', { n: q.data.rows.length })} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<FigureRecord>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => t('ov.recordsCount', { n }) }}
        columns={[
          {
            title: t('ov.rec.title'),
            dataIndex: 'title',
            render: (v: string, r) => (r.link ? <Link to={r.link}>{v}</Link> : v),
          },
          { title: t('ov.rec.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('ov.rec.place'), dataIndex: 'place', width: 140, render: (v: string | null) => v ?? '—' },
          { title: t('ov.rec.at'), dataIndex: 'at', width: 150, render: when },
        ]}
      />
    </Drawer>
  );
}
