import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Bulletin, BulletinList, BulletinSummary } from '../../../../contracts/bulletin';
import { BULLETIN_STATUS_LABELS } from '../../../../contracts/bulletin.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useOrgUnits } from '../../org';
import { useMe } from '../../session';
import { BULLETIN_KEY, thisMonth } from './data';

const STATUS_COLOR = { draft: 'default', approved: 'blue', published: 'green' } as const;

/** 工作简报: the list, and a draft for a month and an audience written from the figures. */
export default function BulletinsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ month: Dayjs; orgId: string }>();
  const units = useOrgUnits();
  const places = (units.data ?? []).filter((u) => u.kind === 'subdistrict' || u.kind === 'neighborhood');
  const list = useQuery({
    queryKey: [...BULLETIN_KEY, 'list'],
    queryFn: async () => (await api.get<z.infer<typeof BulletinList>>('/api/bulletin/bulletins')).bulletins,
  });
  const draft = useMutation({
    mutationFn: (v: { month: Dayjs; orgId?: string }) =>
      api.post<Bulletin>('/api/bulletin/bulletins', { month: v.month.format('YYYY-MM'), orgId: v.orgId }),
    onSuccess: async (b) => {
      message.success(t('bl.drafted'));
      await client.invalidateQueries({ queryKey: BULLETIN_KEY });
      navigate(`/bulletin/${b.id}`);
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Card title={t('bl.title')}>
      {access['bulletin:manage'] ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16 }}
          initialValues={{ month: dayjs(`${params.get('month') ?? thisMonth()}-01`) }}
          onFinish={(v) => !draft.isPending && draft.mutate(v)}
        >
          <Form.Item name="month" label={t('bl.month')} rules={[{ required: true, message: '请选择月份' }]}>
            <DatePicker picker="month" allowClear={false} />
          </Form.Item>
          <Form.Item name="orgId" label={t('bl.audience')}>
            <Select
              style={{ width: 180 }}
              placeholder={places.find((p) => p.kind === 'subdistrict')?.name}
              allowClear
              options={places.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={draft.isPending}>
            {t('bl.draft')}
          </Button>
        </Form>
      ) : null}
      <Table<BulletinSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('bl.empty') }}
        pagination={false}
        columns={[
          { title: t('bl.month'), dataIndex: 'month', width: 100 },
          { title: t('bl.audience'), render: (_, b) => b.org.name, width: 140 },
          { title: t('bl.title'), render: (_, b) => <Link to={`/bulletin/${b.id}`}>{`${b.title}（${b.issueNo}）`}</Link> },
          {
            title: t('bl.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: BulletinSummary['status']) => <Tag color={STATUS_COLOR[s]}>{BULLETIN_STATUS_LABELS[s]}</Tag>,
          },
          {
            title: t('bl.createdBy'),
            dataIndex: 'createdBy',
            width: 200,
            render: (v: string, b) => (
              <Space size={4}>
                {v}
                <span style={{ color: '#999' }}>{formatTime(b.createdAt)}</span>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
