import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { Seeker, SeekerRegister } from '../../../../contracts/jobs';
import { CONSENT_WORDING, SEEKER_STATUS_LABEL, SEEKER_STATUSES, type SeekerStatus } from '../../../../contracts/jobs.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { ExportButton } from '../../kit/ExportButton';
import { useMe } from '../../session';
import { JOBS_KEY, salaryText } from './data';
import { ListSearch, useJobsList } from './list';
import { SeekerFields } from './SeekerForm';

type RegisterValues = z.input<typeof SeekerRegister>;
/** the list's filters, in the address under the API's names */
const SEEKER_FILTERS = ['q', 'status', 'consented'] as const;

/** 求职者: everyone registered (self or by staff), with consent; staff register someone who phoned in. */
export default function SeekersPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const { filters, set, table } = useJobsList<Seeker, (typeof SEEKER_FILTERS)[number]>('seekers', '/api/jobs/seekers', SEEKER_FILTERS);
  const [registering, setRegistering] = useState(false);
  const [form] = Form.useForm<RegisterValues>();

  const register = useMutation({
    mutationFn: (v: RegisterValues) => api.post<Seeker>('/api/jobs/seekers', v),
    onSuccess: async (s) => {
      message.success(t('jobs.seeker.created', { name: s.name }));
      setRegistering(false);
      await client.invalidateQueries({ queryKey: JOBS_KEY });
      navigate(`/jobs/seekers/${s.id}`);
    },
    onError: (err) => showError(err, form),
  });

  const columns: ColumnsType<Seeker> = [
    {
      title: t('jobs.seeker.name'),
      dataIndex: 'name',
      width: 110,
      render: (v: string, s) => <Link to={`/jobs/seekers/${s.id}`}>{v}</Link>,
    },
    { title: t('jobs.seeker.phone'), dataIndex: 'phoneMasked', width: 130 },
    { title: t('jobs.seeker.status'), dataIndex: 'status', width: 110, render: (s: SeekerStatus) => SEEKER_STATUS_LABEL[s] },
    { title: t('jobs.seeker.education'), dataIndex: 'education', width: 90 },
    { title: t('jobs.seeker.major'), dataIndex: 'major', width: 150, ellipsis: true },
    { title: t('jobs.seeker.categories'), dataIndex: 'categories', width: 180, render: (c: string[]) => c.join('、') },
    { title: t('jobs.seeker.salary'), key: 'salary', width: 170, render: (_, s) => salaryText(t, s.salaryMin, s.salaryMax) },
    {
      title: t('jobs.seeker.consentCol'),
      dataIndex: 'consented',
      width: 90,
      render: (c: boolean) => <Tag color={c ? 'green' : 'default'}>{c ? t('jobs.seeker.consented') : t('jobs.seeker.notConsented')}</Tag>,
    },
    {
      title: t('jobs.seeker.registeredBy'),
      dataIndex: 'registeredBy',
      width: 120,
      render: (v: string) => t(`jobs.seeker.registeredBy.${v}`),
    },
    { title: t('jobs.app.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatTime(v) },
  ];

  return (
    <Card
      title={t('jobs.seeker.title')}
      extra={
        <Space>
          <ExportButton
            path="/api/jobs/seekers/export"
            query={filters}
            fileName="求职者.xlsx"
            label={t('jobs.seeker.export')}
            testId="seekers-export"
          />
          {access['jobs:manage'] && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setRegistering(true);
              }}
              data-testid="seeker-register"
            >
              {t('jobs.seeker.register')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <ListSearch value={filters.q} placeholder={t('jobs.seeker.search')} width={240} onSearch={(v) => set({ q: v })} />
        <Select
          allowClear
          placeholder={t('jobs.seeker.status')}
          style={{ width: 160 }}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          options={SEEKER_STATUSES.map((s) => ({ value: s, label: SEEKER_STATUS_LABEL[s] }))}
        />
        <Segmented
          value={filters.consented ?? 'all'}
          onChange={(v) => set({ consented: v === 'all' ? null : v })}
          options={[
            { value: 'all', label: t('jobs.seeker.all') },
            { value: 'true', label: t('jobs.seeker.consented') },
            { value: 'false', label: t('jobs.seeker.notConsented') },
          ]}
        />
      </Space>
      <Table<Seeker> {...table} columns={columns} scroll={{ x: 1300 }} data-testid="seekers-table" />
      <Modal
        open={registering}
        title={t('jobs.seeker.registerTitle')}
        okText={t('jobs.common.save')}
        cancelText={t('jobs.common.cancel')}
        confirmLoading={register.isPending}
        onOk={() => form.submit()}
        onCancel={() => setRegistering(false)}
        width={820}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => register.mutate(v)}
          initialValues={{
            status: 'graduate',
            education: '本科',
            categories: [],
            industries: [],
            districts: [],
            smsOptIn: false,
            consent: false,
          }}
          data-testid="seeker-form"
        >
          <Space size="large" wrap>
            <Form.Item
              name="phone"
              label={t('jobs.seeker.phone')}
              rules={[{ required: true, message: t('jobs.fair.required', { field: t('jobs.seeker.phone') }) }]}
            >
              <Input maxLength={11} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('jobs.seeker.idNumber')}
              rules={[{ required: true, message: t('jobs.fair.required', { field: t('jobs.seeker.idNumber') }) }]}
            >
              <Input maxLength={18} style={{ width: 220 }} />
            </Form.Item>
          </Space>
          <SeekerFields />
          <Alert type="info" showIcon message={t('jobs.seeker.consentHint')} description={CONSENT_WORDING} style={{ marginBottom: 12 }} />
          <Form.Item name="consent" valuePropName="checked">
            <Checkbox>{t('jobs.seeker.consent')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
