import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { CommitteeItem } from '../../../../contracts/training';
import { MEMBER_ROLES } from '../../../../contracts/training.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useOrgUnits } from '../../org';
import { useMe } from '../../session';
import { roleKey, stat, TRAINING_KEY } from './data';

export function TermTag({ c }: { c: CommitteeItem }) {
  const { t } = useI18n();
  if (c.term.expired) return <Tag color="error">{t('training.term.expired', { days: -c.term.daysLeft })}</Tag>;
  if (c.term.onReElectionList) return <Tag color="warning">{t('training.term.due', { days: c.term.daysLeft })}</Tag>;
  return <Tag>{t('training.term.ok')}</Tag>;
}

/** 业委会台账 (and, at /training/re-elections, the 换届改选 list: terms ending within six months). */
export default function CommitteesPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const reElection = useLocation().pathname.endsWith('/re-elections');
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: [...TRAINING_KEY, 'committees', reElection],
    queryFn: async () =>
      (await api.get<{ committees: CommitteeItem[] }>('/api/training/committees', { reElection: reElection ? '1' : undefined })).committees,
  });
  const columns: ColumnsType<CommitteeItem> = [
    { title: t('training.c.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/training/committees/${c.id}`}>{v}</Link> },
    { title: t('training.c.neighborhood'), dataIndex: 'neighborhoodName', width: 100 },
    {
      title: t('training.c.director'),
      key: 'director',
      width: 170,
      render: (_, c) => (c.director ? `${c.director.name} ${c.director.phoneMasked ?? ''}` : '—'),
    },
    { title: t('training.c.term'), key: 'term', width: 210, render: (_, c) => `${c.termStart} ~ ${c.termEnd}` },
    { title: t('training.c.termStatus'), key: 'status', width: 150, render: (_, c) => <TermTag c={c} /> },
    reElection
      ? {
          title: t('training.c.steps'),
          key: 'steps',
          width: 140,
          render: (_, c) => t('training.c.stepsDone', { done: c.reElectionDone, all: c.reElectionSteps }),
        }
      : { title: t('training.c.score'), dataIndex: 'score', width: 110, align: 'right', render: (v: number | null) => stat(v) },
  ];
  return (
    <Card
      title={t(reElection ? 'training.c.reTitle' : 'training.c.title')}
      extra={
        !reElection &&
        access['training:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('training.c.create')}
          </Button>
        )
      }
    >
      {reElection && <p>{t('training.c.reHint')}</p>}
      <Table<CommitteeItem>
        rowKey="id"
        columns={columns}
        dataSource={list.data}
        loading={list.isFetching}
        pagination={false}
        data-testid="committees-table"
      />
      {open && <CreateCommittee onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface FormValues {
  estateId: string;
  name: string;
  term: [Dayjs, Dayjs];
  members: { name: string; idNumber: string; phone?: string; role: string }[];
}

function CreateCommittee({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const showError = useShowError();
  const client = useQueryClient();
  const units = useOrgUnits();
  const estates = useMemo(() => {
    const all = units.data ?? [];
    return all
      .filter((u) => u.kind === 'estate')
      .map((u) => ({ value: u.id, label: `${all.find((n) => n.id === u.parentId)?.name ?? ''} · ${u.name}` }));
  }, [units.data]);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api.post('/api/training/committees', {
        estateId: v.estateId,
        name: v.name,
        termStart: v.term[0].format('YYYY-MM-DD'),
        termEnd: v.term[1].format('YYYY-MM-DD'),
        members: (v.members ?? []).map((m) => ({ ...m, phone: m.phone || null })),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open
      title={t('training.c.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={760}
      okText={t('common.save')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ members: [{ role: 'director' }] }}>
        <Form.Item name="estateId" label={t('training.c.estate')} rules={[{ required: true, message: t('training.c.estateRequired') }]}>
          <Select options={estates} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="name" label={t('training.c.name')} rules={[{ required: true, message: t('training.c.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="term" label={t('training.c.term')} rules={[{ required: true, message: t('training.c.termRequired') }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('training.c.memberName') }]}>
                    <Input placeholder={t('training.c.memberName')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'idNumber']} rules={[{ required: true, message: t('training.c.memberId') }]}>
                    <Input placeholder={t('training.c.memberId')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']}>
                    <Input placeholder={t('training.c.memberPhone')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']}>
                    <Select style={{ width: 110 }} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ role: 'member' })}>{t('training.c.addMember')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
