import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { StudyOverview } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { PARTY_KEY, pct } from './data';

type Overview = z.infer<typeof StudyOverview>;

/** 学习打卡: per branch, members active this week and month; per member, streaks; a gentle reminder. */
export default function StudyPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const [days, setDays] = useState(3);
  const o = useQuery({
    queryKey: [...PARTY_KEY, 'study', days],
    queryFn: () => api.get<Overview>('/api/party/study', { remindAfterDays: days }),
  });
  const remind = useMutation({
    mutationFn: () => api.post<{ reminded: number }>('/api/party/study/remind', { remindAfterDays: days }),
    onSuccess: (r) => message.success(t('party.s.reminded', { n: r.reminded })),
    onError: (err) => showError(err),
  });
  return (
    <div>
      <Card title={t('party.s.title')} style={{ marginBottom: 16 }}>
        <Table
          rowKey={(b) => `${b.generalBranch}${b.branch}`}
          size="small"
          pagination={false}
          dataSource={o.data?.branches}
          columns={[
            { title: t('party.members.branch'), key: 'b', render: (_, b) => `${b.generalBranch}${b.branch}` },
            { title: t('party.d.members'), dataIndex: 'members', width: 90 },
            { title: t('party.s.week'), key: 'w', width: 140, render: (_, b) => `${b.activeWeek}（${pct(b.weekRate)}）` },
            { title: t('party.s.month'), key: 'm', width: 140, render: (_, b) => `${b.activeMonth}（${pct(b.monthRate)}）` },
          ]}
        />
      </Card>
      <Card
        title={t('party.members.title')}
        extra={
          <Space>
            {t('party.s.remindAfter')}
            <InputNumber min={1} max={60} value={days} onChange={(v) => setDays(v ?? 3)} aria-label={t('party.s.remindAfter')} />
            {access['party:manage'] && (
              <Button onClick={() => remind.mutate()} loading={remind.isPending}>
                {t('party.s.remind')}
              </Button>
            )}
          </Space>
        }
      >
        <Table
          rowKey="memberId"
          size="small"
          dataSource={o.data?.members}
          columns={[
            { title: t('party.members.name'), dataIndex: 'name', width: 110 },
            { title: t('party.members.branch'), dataIndex: 'branch', width: 130 },
            { title: t('party.s.streak'), dataIndex: 'currentStreak', width: 100, render: (n: number) => t('party.s.days', { n }) },
            { title: t('party.s.longest'), dataIndex: 'longestStreak', width: 100, render: (n: number) => t('party.s.days', { n }) },
            { title: t('party.s.last'), dataIndex: 'lastDate', width: 120 },
            { title: '', dataIndex: 'remind', width: 90, render: (r: boolean) => r && <Tag color="orange">{t('party.s.toRemind')}</Tag> },
          ]}
        />
      </Card>
    </div>
  );
}
