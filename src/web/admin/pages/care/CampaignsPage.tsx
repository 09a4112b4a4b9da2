import { PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { CampaignList } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useMe } from '../../session';
import { CARE_KEY } from './data';
import { CountsLine, ProgressBar } from './progress';

type Item = z.infer<typeof CampaignList>['campaigns'][number];

/** 集中电话慰问: the campaigns the user may see, newest first, with their progress. */
export default function CampaignsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: [...CARE_KEY, 'campaigns'],
    queryFn: async () => (await api.get<z.infer<typeof CampaignList>>('/api/care/campaigns')).campaigns,
  });
  const columns: ColumnsType<Item> = [
    {
      title: t('care.c.titleField'),
      dataIndex: 'title',
      minWidth: 220,
      render: (v: string, c) => <Link to={`/care/campaigns/${c.id}`}>{v}</Link>,
    },
    { title: t('care.c.period'), key: 'period', width: 200, render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
    {
      title: t('care.c.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: Item['status']) => <Tag color={s === 'active' ? 'processing' : 'default'}>{t(`care.c.status.${s}`)}</Tag>,
    },
    { title: t('care.c.total'), dataIndex: 'total', width: 70, align: 'right' },
    { title: t('care.c.counts'), key: 'counts', width: 250, render: (_, c) => <CountsLine c={c} /> },
    { title: t('care.c.progress'), key: 'bar', width: 170, render: (_, c) => <ProgressBar c={c} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/care/campaigns/${c.id}`)}>
            {t('care.c.view')}
          </Button>
          {c.status === 'active' && (
            <Button type="link" size="small" icon={<PhoneOutlined />} href={`/m/care/campaigns/${c.id}`}>
              {t('care.c.startCalling')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('care.c.title')}
      extra={
        access['care:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/care/campaigns/new')} data-testid="campaign-create">
            {t('care.c.create')}
          </Button>
        )
      }
    >
      <Table<Item>
        rowKey="id"
        columns={columns}
        dataSource={list.data}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        data-testid="campaigns-table"
      />
    </Card>
  );
}
