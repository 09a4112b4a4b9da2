import { Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { ProgressRow } from '../../../../contracts/care';
import { useI18n } from '../../../i18n';

type Counts = { reached: number; unreached: number; retry: number; pending: number; attempts: number; total: number };

/**
 * reached / unreached / pending as one bar: green reached, red tried and not reached (those back in
 * the queue for another try included), the rest never tried.
 */
export function ProgressBar({ c, width }: { c: Counts; width?: number }) {
  const { t } = useI18n();
  const done = c.total ? Math.round(((c.reached + c.unreached) / c.total) * 100) : 0;
  const reached = c.total ? Math.round((c.reached / c.total) * 100) : 0;
  return (
    <Progress
      percent={done}
      success={{ percent: reached }}
      strokeColor="#ff7875"
      size={width ? { width } : undefined}
      format={() => `${done}%`}
      aria-label={t('care.c.progressLabel', c)}
    />
  );
}

export function ProgressTable({ rows, labelTitle, testId }: { rows: ProgressRow[]; labelTitle: string; testId: string }) {
  const { t } = useI18n();
  const columns: ColumnsType<ProgressRow> = [
    { title: labelTitle, dataIndex: 'label', minWidth: 140 },
    { title: t('care.c.reached'), dataIndex: 'reached', width: 100, align: 'right' },
    { title: t('care.c.unreached'), dataIndex: 'unreached', width: 100, align: 'right' },
    { title: t('care.c.retry'), dataIndex: 'retry', width: 100, align: 'right' },
    { title: t('care.c.pending'), dataIndex: 'pending', width: 100, align: 'right' },
    { title: t('care.c.attempts'), dataIndex: 'attempts', width: 100, align: 'right' },
    { title: t('care.c.total'), dataIndex: 'total', width: 100, align: 'right' },
    { title: t('care.c.progress'), key: 'bar', width: 320, render: (_, r) => <ProgressBar c={r} /> },
  ];
  return (
    <Table<ProgressRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      onRow={(r) => ({ 'data-row': r.label }) as HTMLAttributes<HTMLElement>}
    />
  );
}

export function CountsLine({ c }: { c: Counts }) {
  const { t } = useI18n();
  return (
    <Space size="middle" wrap>
      <Typography.Text>
        {t('care.c.reached')} <Typography.Text strong>{c.reached}</Typography.Text>
      </Typography.Text>
      <Typography.Text>
        {t('care.c.unreached')} <Typography.Text strong>{c.unreached}</Typography.Text>
      </Typography.Text>
      <Typography.Text>
        {t('care.c.pending')} <Typography.Text strong>{c.pending}</Typography.Text>
      </Typography.Text>
      <Typography.Text type="secondary">{t('care.c.attemptsLine', { n: c.attempts, retry: c.retry })}</Typography.Text>
    </Space>
  );
}
