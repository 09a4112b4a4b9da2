import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import type { CampaignTaskList, CampaignTaskRow } from '../../../../contracts/care-campaign-admin';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { CARE_KEY, useCallers } from './data';

export const taskStatusKey = (r: CampaignTaskRow) => (r.retry ? 'retry' : r.status);
const COLOR: Record<string, string> = { reached: 'green', unreached: 'red', retry: 'orange', pending: 'default' };

export function useCampaignTasks(id: string) {
  return useQuery({
    queryKey: [...CARE_KEY, 'campaign', id, 'tasks'],
    queryFn: () => api.get<CampaignTaskList>(`/api/care/campaigns/${id}/tasks`),
  });
}

/** Everyone on a campaign's list with call status, attempts and last outcome; calls still to make can be reassigned. */
export function CampaignTasksCard({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const tasks = useCampaignTasks(id);
  const callers = useCallers(canManage);
  const [selected, setSelected] = useState<string[]>([]);
  const [callerId, setCallerId] = useState<string | undefined>();
  const active = tasks.data?.status === 'active';
  const reassign = useMutation({
    mutationFn: () => api.post<{ moved: number }>(`/api/care/campaigns/${id}/reassign`, { taskIds: selected, callerId }),
    onSuccess: (r) => {
      message.success(t('care.c.reassigned', { n: r.moved }));
      setSelected([]);
      void client.invalidateQueries({ queryKey: [...CARE_KEY, 'campaign', id] });
    },
    onError: (err) => showError(err),
  });
  const columns: ColumnsType<CampaignTaskRow> = [
    { title: t('care.b.name'), dataIndex: 'name', width: 100 },
    { title: t('care.b.neighborhood'), dataIndex: 'neighborhoodName', width: 90 },
    { title: t('care.b.address'), dataIndex: 'address', ellipsis: true },
    {
      title: t('care.b.phone'),
      dataIndex: 'phoneMasked',
      width: 130,
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
    },
    { title: t('care.c.caller'), dataIndex: 'callerName', width: 130, render: (v: string | null) => v ?? t('care.c.unassigned') },
    {
      title: t('care.c.callStatus'),
      key: 'status',
      width: 90,
      render: (_, r) => <Tag color={COLOR[taskStatusKey(r)]}>{t(`care.c.${taskStatusKey(r)}`)}</Tag>,
    },
    { title: t('care.c.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('care.c.lastOutcome'),
      key: 'last',
      width: 240,
      render: (_, r) => (r.lastOutcome ? `${t(`care.outcome.${r.lastOutcome}`)}（${formatTime(r.lastAttemptAt ?? '')}）` : '—'),
    },
  ];
  return (
    <Card
      title={t('care.c.people')}
      size="small"
      extra={
        canManage &&
        active && (
          <Space>
            <Select
              size="small"
              style={{ minWidth: 180 }}
              placeholder={t('care.c.reassignTo')}
              aria-label={t('care.c.reassignTo')}
              value={callerId}
              onChange={setCallerId}
              options={(callers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="reassign-caller"
            />
            <Button
              size="small"
              disabled={selected.length === 0 || !callerId}
              loading={reassign.isPending}
              onClick={() => reassign.mutate()}
              data-testid="reassign"
            >
              {t('care.c.reassign', { n: selected.length })}
            </Button>
          </Space>
        )
      }
    >
      <Table<CampaignTaskRow>
        rowKey="taskId"
        size="small"
        loading={tasks.isPending}
        columns={columns}
        dataSource={tasks.data?.tasks ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        rowSelection={
          canManage && active
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }),
              }
            : undefined
        }
        data-testid="campaign-tasks"
        onRow={(r) => ({ 'data-row': r.name, 'data-status': taskStatusKey(r) }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
