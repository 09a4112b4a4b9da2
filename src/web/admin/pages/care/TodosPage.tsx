import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Segmented, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { Todo, TodoList as TodoListBody } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { CARE_KEY } from './data';

type TodoRow = z.infer<typeof Todo>;

/** 待办: phones to correct (a call found a wrong number) and people to call back. */
export default function TodosPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const list = useQuery({
    queryKey: [...CARE_KEY, 'todos', status],
    queryFn: async () => (await api.get<z.infer<typeof TodoListBody>>('/api/care/todos', { status })).todos,
  });
  return (
    <Card
      title={t('care.todo.title')}
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'done')}
          options={[
            { value: 'open', label: t('care.todo.open') },
            { value: 'done', label: t('care.todo.done') },
          ]}
        />
      }
    >
      <TodoList todos={list.data ?? []} loading={list.isFetching} />
    </Card>
  );
}

export function TodoList({ todos, loading, compact }: { todos: TodoRow[]; loading?: boolean; compact?: boolean }) {
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const done = useMutation({
    mutationFn: (id: string) => api.post(`/api/care/todos/${id}/done`),
    onSuccess: async () => {
      message.success(t('care.todo.closed'));
      await client.invalidateQueries({ queryKey: CARE_KEY });
    },
    onError: (err) => showError(err),
  });
  const columns: ColumnsType<TodoRow> = [
    {
      title: t('care.todo.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: TodoRow['kind']) => <Tag color={k === 'fix_phone' ? 'red' : 'blue'}>{t(`care.todo.kind.${k}`)}</Tag>,
    },
    ...(compact
      ? []
      : [
          {
            title: t('care.b.name'),
            dataIndex: 'name',
            width: 110,
            render: (name: string, r: TodoRow) => <Link to={`/care/beneficiaries/${r.beneficiaryId}`}>{name}</Link>,
          },
          { title: t('care.b.neighborhood'), dataIndex: 'neighborhoodName', width: 90 },
        ]),
    { title: t('care.todo.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    { title: t('care.todo.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        r.status === 'done' ? (
          <Tag color="green">{t('care.todo.doneTag')}</Tag>
        ) : (
          access['care:manage'] && (
            <Button
              size="small"
              icon={<CheckOutlined />}
              loading={done.isPending && done.variables === r.id}
              onClick={() => done.mutate(r.id)}
            >
              {t('care.todo.finish')}
            </Button>
          )
        ),
    },
  ];
  return (
    <Table<TodoRow>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={todos}
      loading={loading}
      pagination={compact ? false : { pageSize: 20 }}
      data-testid="todos-table"
    />
  );
}
