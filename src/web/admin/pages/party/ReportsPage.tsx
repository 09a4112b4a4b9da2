import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Input, Modal, Radio, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { ReportOverview } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { PARTY_KEY } from './data';

type Overview = z.infer<typeof ReportOverview>;
type Report = Overview['reports'][number];
type Owed = Overview['due'][number];

/** 思想汇报: who owes a thought report this quarter, who is overdue, and the reports to review. */
export default function ReportsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [reviewing, setReviewing] = useState<Report | null>(null);
  const o = useQuery({ queryKey: [...PARTY_KEY, 'reports'], queryFn: () => api.get<Overview>('/api/party/reports') });
  const owedColumns = [
    { title: t('party.members.name'), dataIndex: 'name', width: 100 },
    { title: t('party.members.branch'), dataIndex: 'branch', width: 120 },
    { title: t('party.r.quarter'), dataIndex: 'quarter', width: 90 },
    { title: t('party.r.dueDate'), dataIndex: 'dueDate', width: 110 },
  ];
  return (
    <div>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('party.r.due')} style={{ marginBottom: 16 }}>
            <Table<Owed>
              rowKey={(r) => `${r.memberId}${r.quarter}`}
              size="small"
              pagination={{ pageSize: 8 }}
              dataSource={o.data?.due}
              columns={owedColumns}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('party.r.overdue')} style={{ marginBottom: 16 }}>
            <Table<Owed>
              rowKey={(r) => `${r.memberId}${r.quarter}`}
              size="small"
              pagination={{ pageSize: 8 }}
              dataSource={o.data?.overdue}
              columns={owedColumns}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('party.r.list')}>
        <Table<Report>
          rowKey="id"
          size="small"
          dataSource={o.data?.reports}
          loading={o.isFetching}
          columns={[
            { title: t('party.members.name'), dataIndex: 'name', width: 100 },
            { title: t('party.members.branch'), dataIndex: 'branch', width: 120 },
            { title: t('party.a.kind'), dataIndex: 'kind', width: 100, render: (k: Report['kind']) => t(`party.report.${k}`) },
            { title: t('party.a.titleField'), dataIndex: 'title' },
            { title: t('party.r.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string) => formatTime(v) },
            {
              title: t('party.members.status'),
              dataIndex: 'status',
              width: 100,
              render: (s: Report['status']) => (
                <Tag color={s === 'reviewed' ? 'green' : s === 'returned' ? 'orange' : 'blue'}>{t(`party.reportStatus.${s}`)}</Tag>
              ),
            },
            {
              title: '',
              key: 'a',
              width: 80,
              render: (_, r) =>
                access['party:manage'] && (
                  <Button size="small" onClick={() => setReviewing(r)}>
                    {t('party.r.review')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Review report={reviewing} onClose={() => setReviewing(null)} />
    </div>
  );
}

function Review({ report, onClose }: { report: Report | null; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const [status, setStatus] = useState<'reviewed' | 'returned'>('reviewed');
  const [comment, setComment] = useState('');
  const save = useMutation({
    mutationFn: () => api.post(`/api/party/reports/${report?.id}/review`, { status, comment: comment || null }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [...PARTY_KEY, 'reports'] });
      setComment('');
      onClose();
    },
    onError: (err) => showError(err),
  });
  return (
    <Modal
      open={!!report}
      title={report?.title}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t('party.common.save')}
      confirmLoading={save.isPending}
      width={640}
    >
      <p style={{ whiteSpace: 'pre-wrap' }}>{report?.body}</p>
      <Radio.Group
        value={status}
        onChange={(e) => setStatus(e.target.value)}
        options={[
          { value: 'reviewed', label: t('party.r.pass') },
          { value: 'returned', label: t('party.r.return') },
        ]}
      />
      <Input.TextArea
        rows={3}
        style={{ marginTop: 12 }}
        placeholder={t('party.r.comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-label={t('party.r.comment')}
      />
    </Modal>
  );
}
