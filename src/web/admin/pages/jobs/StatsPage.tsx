import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { JobsStats } from '../../../../contracts/jobs';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { JOBS_KEY } from './data';

const GapChart = lazy(() => import('./GapChart'));

type Count = JobsStats['byStatus'][number];

/** 统计 (§7): registrations by status, education and intention; positions by category; the salary gap per category. */
export default function StatsPage() {
  const { t } = useI18n();
  const stats = useQuery({ queryKey: [...JOBS_KEY, 'stats'], queryFn: () => api.get<JobsStats>('/api/jobs/stats') });
  const s = stats.data;
  const gap = useMemo(() => (s?.salaryGap ?? []).slice(0, 12), [s]);
  const chart = useMemo(
    () => ({ categories: gap.map((g) => g.category), expected: gap.map((g) => g.expected), offered: gap.map((g) => g.offered) }),
    [gap],
  );
  const names = useMemo(() => ({ expected: t('jobs.stats.expected'), offered: t('jobs.stats.offered') }), [t]);
  const counts = (title: string, rows: Count[] | undefined) => (
    <Card size="small" title={title}>
      <Table<Count>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={(rows ?? []).slice(0, 12)}
        columns={[
          { title: t('jobs.stats.category'), dataIndex: 'label' },
          { title: t('jobs.stats.count'), dataIndex: 'count', align: 'right', width: 90 },
        ]}
      />
    </Card>
  );
  return (
    <Card title={t('jobs.stats.title')} loading={stats.isPending}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('jobs.stats.seekers')} value={s?.seekers ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('jobs.stats.consenting')} value={s?.consenting ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('jobs.stats.positions')} value={s?.positions ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('jobs.stats.applications')} value={s?.applications ?? 0} />
        </Col>
      </Row>
      <Card size="small" title={t('jobs.stats.gap')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('jobs.stats.gapHint')}</Typography.Paragraph>
        <Suspense fallback={null}>{gap.length > 0 && <GapChart {...chart} names={names} label={t('jobs.stats.gap')} />}</Suspense>
        <Table
          size="small"
          rowKey="category"
          pagination={false}
          dataSource={gap}
          columns={[
            { title: t('jobs.stats.category'), dataIndex: 'category' },
            { title: t('jobs.stats.expected'), dataIndex: 'expected', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('jobs.stats.offered'), dataIndex: 'offered', align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: t('jobs.stats.gapCol'),
              dataIndex: 'gap',
              align: 'right',
              render: (v: number | null) =>
                v == null ? '—' : <Typography.Text type={v > 0 ? 'danger' : 'success'}>{v > 0 ? `+${v}` : v}</Typography.Text>,
            },
            { title: t('jobs.stats.seekers'), dataIndex: 'seekers', align: 'right' },
            { title: t('jobs.stats.positions'), dataIndex: 'positions', align: 'right' },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} md={12} xl={6}>
          {counts(t('jobs.stats.byStatus'), s?.byStatus)}
        </Col>
        <Col xs={24} md={12} xl={6}>
          {counts(t('jobs.stats.byEducation'), s?.byEducation)}
        </Col>
        <Col xs={24} md={12} xl={6}>
          {counts(t('jobs.stats.byIntention'), s?.byIntention)}
        </Col>
        <Col xs={24} md={12} xl={6}>
          {counts(t('jobs.stats.positionsByCategory'), s?.positionsByCategory)}
        </Col>
      </Row>
    </Card>
  );
}
