import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { CampaignList } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { PARTY_KEY, pct, useBranchOptions, yuan } from './data';

type Item = z.infer<typeof CampaignList>['campaigns'][number];

/** 捐款: the campaigns with participation and totals (amounts only to the office and the branch's secretary). */
export default function CampaignsPage() {
  const { t } = useI18n();
  const { me, access } = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...PARTY_KEY, 'campaigns'],
    queryFn: async () => (await api.get<z.infer<typeof CampaignList>>('/api/party/campaigns')).campaigns,
  });
  // campaigns are the office's: a grant over the subdistrict, not on a branch
  const office = !!access['party:manage'] && !!me?.roles.some((g) => !g.resource);
  return (
    <Card
      title={t('party.d.title')}
      extra={
        <Space>
          {access['party:manage'] && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/party/donations/import')}>
              {t('party.d.import')}
            </Button>
          )}
          {office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('party.d.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Item>
        rowKey="id"
        dataSource={list.data}
        loading={list.isFetching}
        columns={[
          { title: t('party.d.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/party/campaigns/${c.id}`}>{v}</Link> },
          { title: t('party.d.kind'), dataIndex: 'kind', width: 100, render: (k: Item['kind']) => t(`party.donation.${k}`) },
          { title: t('party.d.period'), key: 'p', width: 200, render: (_, c) => `${c.startsOn} ~ ${c.endsOn ?? ''}` },
          { title: t('party.d.donors'), key: 'd', width: 100, render: (_, c) => `${c.donors}/${c.members}` },
          { title: t('party.d.rate'), dataIndex: 'rate', width: 90, render: pct },
          { title: t('party.d.total'), dataIndex: 'totalFen', width: 120, align: 'right', render: yuan },
        ]}
      />
      <CreateCampaign open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

type Values = { name: string; kind: Item['kind']; period: [Dayjs, Dayjs | null]; branchIds: string[] };

function CreateCampaign({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const showError = useShowError();
  const branches = useBranchOptions();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<{ id: string }>('/api/party/campaigns', {
        name: v.name,
        kind: v.kind,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1]?.format('YYYY-MM-DD') ?? null,
        branchIds: v.branchIds,
      }),
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: PARTY_KEY });
      onClose();
      navigate(`/party/campaigns/${c.id}`);
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open={open}
      title={t('party.d.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('party.common.save')}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'donation', branchIds: branches.map((b) => b.value) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('party.d.name')} rules={[{ required: true }]}>
          <Input maxLength={60} placeholder="抗疫捐款" />
        </Form.Item>
        <Form.Item name="kind" label={t('party.d.kind')}>
          <Radio.Group
            options={[
              { value: 'donation', label: t('party.donation.donation') },
              { value: 'special_dues', label: t('party.donation.special_dues') },
            ]}
          />
        </Form.Item>
        <Form.Item name="period" label={t('party.d.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} />
        </Form.Item>
        <Form.Item name="branchIds" label={t('party.a.branches')} rules={[{ required: true }]}>
          <Select mode="multiple" options={branches} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
