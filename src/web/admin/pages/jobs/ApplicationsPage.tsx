import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Dropdown, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Application, ApplicationList, PositionPage } from '../../../../contracts/jobs';
import { EMPLOYER_STATUSES } from '../../../../contracts/jobs.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { JOBS_KEY, percent, STATUS_COLOR, salaryText } from './data';

/**
 * 投递: the applications the user may see — a partner its own employers' — best match first, each
 * with the matcher's reasons; the employer marks them viewed, invited or not suitable.
 */
export default function ApplicationsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [params, setParams] = useSearchParams();
  const positionId = params.get('positionId') ?? undefined;
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();

  const positions = useQuery({
    queryKey: [...JOBS_KEY, 'positions', 'all'],
    queryFn: async () => (await api.get<z.infer<typeof PositionPage>>('/api/jobs/positions', { pageSize: 200 })).items,
  });
  const list = useQuery({
    queryKey: [...JOBS_KEY, 'applications', positionId],
    queryFn: async () => (await api.get<z.infer<typeof ApplicationList>>('/api/jobs/applications', { positionId })).applications,
  });
  const move = useMutation({
    mutationFn: ({ id, status }: { id: string; status: string }) =>
      api.post<Application>(`/api/jobs/applications/${id}/status`, { status }),
    onSuccess: async (a) => {
      message.success(t('jobs.app.moved', { status: a.statusLabel }));
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err),
  });

  const columns: ColumnsType<Application> = [
    { title: '#', key: 'rank', width: 50, render: (_, __, i) => i + 1 },
    { title: t('jobs.common.score'), dataIndex: 'score', width: 80, render: (s: number | null) => <Tag color="blue">{percent(s)}</Tag> },
    {
      title: t('jobs.app.seeker'),
      key: 'seeker',
      width: 220,
      render: (_, a) => (
        <div data-testid="applicant">
          <Typography.Text strong>{a.seekerName}</Typography.Text>
          {a.seeker && (
            <div>
              <Typography.Text type="secondary">
                {[a.seeker.education, a.seeker.school, a.seeker.major].filter(Boolean).join(' · ')}
                <br />
                {salaryText(t, a.seeker.salaryMin, a.seeker.salaryMax)}
                {a.seeker.phoneMasked ? ` · ${a.seeker.phoneMasked}` : ''}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('jobs.common.reasons'),
      dataIndex: 'reasons',
      minWidth: 240,
      render: (reasons: string[]) => (
        <Space size={[4, 4]} wrap>
          {reasons.map((r) => (
            <Tag key={r}>{r}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('jobs.app.position'),
      key: 'position',
      width: 180,
      render: (_, a) => (
        <>
          {a.positionTitle}
          <div>
            <Typography.Text type="secondary">{a.employerName}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('jobs.app.status'),
      key: 'status',
      width: 110,
      render: (_, a) => <Tag color={STATUS_COLOR[a.status] ?? 'default'}>{a.statusLabel}</Tag>,
    },
    {
      title: t('jobs.app.createdAt'),
      key: 'at',
      width: 170,
      render: (_, a) => (
        <>
          {formatTime(a.createdAt)}
          <div>
            <Typography.Text type="secondary">{t(`jobs.app.createdBy.${a.createdBy}`)}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, a) =>
        access['jobs:manage'] &&
        a.status !== 'withdrawn' &&
        a.status !== 'unsuitable' && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: EMPLOYER_STATUSES.filter((s) => s !== a.status).map((s) => ({ key: s, label: t(`jobs.app.status.${s}`) })),
              onClick: ({ key }) => move.mutate({ id: a.id, status: key }),
            }}
          >
            <Typography.Link>{t('jobs.app.move')}</Typography.Link>
          </Dropdown>
        ),
    },
  ];

  return (
    <Card title={t('jobs.app.title')}>
      <Alert type="info" showIcon message={t('jobs.app.hint')} style={{ marginBottom: 16 }} />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('jobs.app.allPositions')}
        style={{ width: 360, marginBottom: 16 }}
        value={positionId}
        onChange={(v) => setParams(v ? { positionId: v } : {}, { replace: true })}
        options={(positions.data ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.employerName}）` }))}
        data-testid="applications-position"
      />
      <Table<Application>
        rowKey="id"
        columns={columns}
        dataSource={list.data}
        loading={list.isFetching}
        scroll={{ x: 1240 }}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { total: n }) }}
        data-testid="applications-table"
      />
    </Card>
  );
}
