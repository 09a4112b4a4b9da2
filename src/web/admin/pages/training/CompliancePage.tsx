import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, InputNumber, Row, Table } from 'antd';
import { lazy, Suspense } from 'react';
import type { ComplianceReport } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { stat, TRAINING_KEY } from './data';

const MiniBar = lazy(() => import('../../components/MiniBar'));

/** 规范化 scores per neighborhood, and the checklist the scores come from. */
export default function CompliancePage() {
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<{ label: string; weight: number }>();
  const report = useQuery({
    queryKey: [...TRAINING_KEY, 'compliance'],
    queryFn: () => api.get<ComplianceReport>('/api/training/compliance'),
  });
  const add = useMutation({
    mutationFn: (v: { label: string; weight: number }) => api.post('/api/training/checklist-items', v),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: TRAINING_KEY });
    },
    onError: (e) => showError(e, form),
  });
  const rows = report.data?.neighborhoods ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('training.s.title')}>
          {rows.length > 0 && (
            <Suspense fallback={null}>
              <MiniBar labels={rows.map((r) => r.neighborhoodName)} values={rows.map((r) => r.score ?? 0)} label={t('training.s.title')} />
            </Suspense>
          )}
          <Table
            rowKey="neighborhoodId"
            loading={report.isFetching}
            pagination={false}
            dataSource={rows}
            data-testid="compliance-table"
            columns={[
              { title: t('training.c.neighborhood'), dataIndex: 'neighborhoodName' },
              { title: t('training.s.committees'), dataIndex: 'committees', align: 'right' },
              { title: t('training.c.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => stat(v) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('training.s.items')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={report.data?.items}
            columns={[
              { title: t('training.s.item'), dataIndex: 'label' },
              { title: t('training.s.weight'), dataIndex: 'weight', width: 70, align: 'right' },
            ]}
          />
          {access['training:manage'] && (
            <Form form={form} layout="inline" style={{ marginTop: 16 }} onFinish={(v) => add.mutate(v)} initialValues={{ weight: 1 }}>
              <Form.Item name="label" rules={[{ required: true, message: t('training.s.itemRequired') }]}>
                <Input placeholder={t('training.s.item')} maxLength={60} />
              </Form.Item>
              <Form.Item name="weight">
                <InputNumber min={1} max={10} aria-label={t('training.s.weight')} />
              </Form.Item>
              <Button htmlType="submit" loading={add.isPending}>
                {t('training.s.add')}
              </Button>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
