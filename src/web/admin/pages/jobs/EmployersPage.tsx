import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { Employer, EmployerWrite } from '../../../../contracts/jobs';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { JOBS_KEY, useEmployers } from './data';

/** 用人单位: staff see and add every employer of the subdistrict; a partner's account sees and edits its own. */
export default function EmployersPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const employers = useEmployers();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [editing, setEditing] = useState<Employer | 'new' | null>(null);
  const [form] = Form.useForm<z.input<typeof EmployerWrite>>();
  const manage = !!access['jobs:manage'];

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: z.input<typeof EmployerWrite>) =>
      editing && editing !== 'new'
        ? api.patch<Employer>(`/api/jobs/employers/${editing.id}`, v)
        : api.post<Employer>('/api/jobs/employers', v),
    onSuccess: async () => {
      message.success(t('jobs.common.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err, form),
  });

  const columns: ColumnsType<Employer> = [
    { title: t('jobs.employer.name'), dataIndex: 'name', minWidth: 220 },
    { title: t('jobs.employer.industry'), dataIndex: 'industry', width: 140 },
    { title: t('jobs.employer.contactName'), dataIndex: 'contactName', width: 110 },
    { title: t('jobs.employer.contactPhone'), dataIndex: 'contactPhone', width: 140 },
    {
      title: t('jobs.employer.positions'),
      dataIndex: 'positions',
      width: 90,
      align: 'right',
      render: (n: number, e) => <Link to={`/jobs/positions?employerId=${e.id}`}>{n}</Link>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, e) =>
        manage && (
          <Button type="link" size="small" onClick={() => setEditing(e)}>
            {t('jobs.common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('jobs.employer.title')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="employer-create">
            {t('jobs.employer.create')}
          </Button>
        )
      }
    >
      <Table<Employer> rowKey="id" columns={columns} dataSource={employers.data} loading={employers.isFetching} scroll={{ x: 900 }} />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('jobs.employer.create') : t('jobs.employer.edit')}
        okText={t('jobs.common.save')}
        cancelText={t('jobs.common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="name"
            label={t('jobs.employer.name')}
            rules={[{ required: true, whitespace: true, message: t('jobs.fair.required', { field: t('jobs.employer.name') }) }]}
          >
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="industry" label={t('jobs.employer.industry')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="contactName" label={t('jobs.employer.contactName')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('jobs.employer.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="description" label={t('jobs.employer.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
