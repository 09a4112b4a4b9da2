import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { ActivityDetail, ActivityList } from '../../../../contracts/party';
import { ACTIVITY_KINDS } from '../../../../contracts/party.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { PARTY_KEY, pct, useBranchOptions } from './data';

type Item = z.infer<typeof ActivityList>['activities'][number];

/** 活动: themed days, meetings, lectures and volunteer service, newest first, with attendance. */
export default function ActivitiesPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...PARTY_KEY, 'activities'],
    queryFn: async () => (await api.get<z.infer<typeof ActivityList>>('/api/party/activities')).activities,
  });
  return (
    <Card
      title={t('party.a.title')}
      extra={
        access['party:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-create">
            {t('party.a.create')}
          </Button>
        )
      }
    >
      <Table<Item>
        rowKey="id"
        dataSource={list.data}
        loading={list.isFetching}
        columns={[
          {
            title: t('party.a.kind'),
            dataIndex: 'kind',
            width: 110,
            render: (k: Item['kind']) => <Tag color="red">{t(`party.kind.${k}`)}</Tag>,
          },
          {
            title: t('party.a.titleField'),
            dataIndex: 'title',
            render: (v: string, a) => <Link to={`/party/activities/${a.id}`}>{v}</Link>,
          },
          { title: t('party.a.time'), dataIndex: 'startsAt', width: 150, render: (v: string) => formatTime(v) },
          { title: t('party.a.mode'), dataIndex: 'mode', width: 70, render: (m: Item['mode']) => t(`party.mode.${m}`) },
          { title: t('party.a.branches'), key: 'b', width: 200, render: (_, a) => a.branches.map((b) => b.name).join('、') },
          { title: t('party.a.attendance'), key: 'att', width: 80, render: (_, a) => `${a.attended}/${a.members}` },
          { title: t('party.a.rate'), dataIndex: 'rate', width: 80, render: pct },
        ]}
        data-testid="activities-table"
      />
      <CreateActivity open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

type Values = {
  kind: Item['kind'];
  title: string;
  theme?: string;
  startsAt: Dayjs;
  mode: Item['mode'];
  location?: string;
  agenda?: string;
  materials?: string;
  branchIds: string[];
};

function CreateActivity({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const showError = useShowError();
  const branches = useBranchOptions();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<z.infer<typeof ActivityDetail>>('/api/party/activities', { ...v, startsAt: v.startsAt.toISOString() }),
    onSuccess: async (a) => {
      await client.invalidateQueries({ queryKey: PARTY_KEY });
      onClose();
      navigate(`/party/activities/${a.id}`);
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open={open}
      width={640}
      title={t('party.a.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('party.common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'activity-save' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'themed_day', mode: 'online' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('party.a.kind')} rules={[{ required: true }]}>
          <Radio.Group options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`party.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('party.a.titleField')} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid="activity-title" />
        </Form.Item>
        <Form.Item name="theme" label={t('party.a.theme')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="startsAt" label={t('party.a.time')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="activity-time" />
        </Form.Item>
        <Form.Item name="mode" label={t('party.a.mode')}>
          <Radio.Group
            options={[
              { value: 'online', label: t('party.mode.online') },
              { value: 'onsite', label: t('party.mode.onsite') },
            ]}
          />
        </Form.Item>
        <Form.Item name="location" label={t('party.a.location')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="agenda" label={t('party.a.agenda')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="branchIds" label={t('party.a.branches')} rules={[{ required: true }]}>
          <Select mode="multiple" options={branches} data-testid="activity-branches" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
