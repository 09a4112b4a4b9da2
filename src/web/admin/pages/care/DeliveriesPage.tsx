import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Image,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import type { z } from 'zod';
import type {
  CreatedRuns,
  CreateRunsBody,
  DeliveryPlan,
  DeliveryPlanBody,
  DeliveryTask,
  DeliveryTaskPage,
  DeliveryVolunteerList,
  PlannedRun,
} from '../../../../contracts/care-deliveries';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { CARE_KEY, useNeighborhoods } from './data';
import { UrgencyTag } from './tags';

const ITEMS = ['masks', 'thermometer', 'disinfectant', 'staples', 'vegetables', 'medicine', 'escort', 'counselling', 'other'] as const;
const URGENCIES = ['critical', 'urgent', 'normal'] as const;
const STATUSES = ['open', 'taken', 'on_way', 'delivered', 'failed', 'confirmed'] as const;
const STATUS_COLOR: Record<DeliveryTask['status'], string> = {
  open: 'gold',
  taken: 'blue',
  on_way: 'processing',
  delivered: 'green',
  failed: 'red',
  confirmed: 'default',
};

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

type PlanValues = {
  items?: string[];
  neighborhoodIds?: string[];
  urgencies?: string[];
  volunteerIds?: string[];
  capacity?: Record<string, number | null>;
  maxPerRun: number;
  mode: 'contactless' | 'handover';
  dueAt?: Dayjs;
};

/** 配送任务: verified needs → proposed runs → volunteers → tasks; then the list of tasks and the confirming call. */
export default function DeliveriesPage() {
  const { t } = useI18n();
  const me = useMe();
  const canManage = !!me.me?.permissions.includes('care:manage');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('menu.care.deliveries')}
      </Typography.Title>
      {canManage && <Planner />}
      <TaskList canManage={canManage} />
    </Space>
  );
}

function useVolunteers() {
  return useQuery({
    queryKey: [...CARE_KEY, 'deliveries', 'volunteers'],
    queryFn: async () => (await api.get<z.infer<typeof DeliveryVolunteerList>>('/api/care/deliveries/volunteers')).volunteers,
  });
}

function Planner() {
  const { t } = useI18n();
  const [form] = Form.useForm<PlanValues>();
  const neighborhoods = useNeighborhoods();
  const volunteers = useVolunteers();
  const showError = useShowError();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<DeliveryPlan | null>(null);
  const [runs, setRuns] = useState<PlannedRun[]>([]);
  const clientKey = useRef(newKey());
  const chosen = Form.useWatch('volunteerIds', form) ?? [];

  const propose = useMutation({
    mutationFn: (v: PlanValues) => {
      const body: DeliveryPlanBody = {
        items: v.items?.length ? (v.items as DeliveryPlanBody['items']) : undefined,
        neighborhoodIds: v.neighborhoodIds?.length ? v.neighborhoodIds : undefined,
        urgencies: v.urgencies?.length ? (v.urgencies as DeliveryPlanBody['urgencies']) : undefined,
        volunteers: (v.volunteerIds ?? []).map((id) => ({ accountId: id, capacity: v.capacity?.[id] ?? null })),
        maxPerRun: v.maxPerRun,
      };
      return api.post<DeliveryPlan>('/api/care/deliveries/plan', body);
    },
    onSuccess: (p) => {
      setPlan(p);
      setRuns(p.runs);
      clientKey.current = newKey();
    },
    onError: (err) => showError(err, form),
  });

  const create = useMutation({
    mutationFn: () => {
      const v = form.getFieldsValue(true) as PlanValues;
      const body: CreateRunsBody = {
        clientKey: clientKey.current,
        mode: v.mode,
        dueAt: (v.dueAt as Dayjs).toISOString(),
        runs: runs.map((r) => ({
          title: r.title,
          volunteerId: r.volunteerId,
          households: r.households.map((h) => ({ beneficiaryId: h.beneficiaryId, needIds: h.needIds })),
        })),
      };
      return api.post<z.infer<typeof CreatedRuns>>('/api/care/deliveries/runs', body);
    },
    onSuccess: async (r) => {
      message.success(r.duplicate ? t('care.d.duplicate') : t('care.d.created', { tasks: r.tasks }));
      setPlan(null);
      setRuns([]);
      clientKey.current = newKey();
      await client.invalidateQueries({ queryKey: CARE_KEY });
    },
    onError: (err) => showError(err),
  });

  const volunteerName = new Map((volunteers.data ?? []).map((v) => [v.id, v.name]));
  return (
    <Card title={t('care.d.planTitle')}>
      <Typography.Paragraph type="secondary">{t('care.d.planHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ maxPerRun: 8, mode: 'contactless', dueAt: dayjs().add(1, 'day').hour(12).minute(0).second(0) }}
        onFinish={(v) => propose.mutate(v)}
      >
        <Space wrap size={16} align="start">
          <Form.Item name="items" label={t('care.d.items')} style={{ minWidth: 220 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('care.d.all')}
              options={ITEMS.map((i) => ({ value: i, label: t(`care.item.${i}`) }))}
            />
          </Form.Item>
          <Form.Item name="neighborhoodIds" label={t('care.d.neighborhoods')} style={{ minWidth: 200 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('care.d.all')}
              options={neighborhoods.options}
              data-testid="delivery-neighborhoods"
            />
          </Form.Item>
          <Form.Item name="urgencies" label={t('care.d.urgencies')} style={{ minWidth: 180 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('care.d.all')}
              options={URGENCIES.map((u) => ({ value: u, label: t(`care.urgency.${u}`) }))}
            />
          </Form.Item>
          <Form.Item name="maxPerRun" label={t('care.d.maxPerRun')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        </Space>
        <Form.Item name="volunteerIds" label={t('care.d.volunteers')}>
          <Select
            mode="multiple"
            allowClear
            data-testid="delivery-volunteers"
            loading={volunteers.isLoading}
            options={(volunteers.data ?? []).map((v) => ({
              value: v.id,
              label: v.neighborhoodNames.length ? `${v.name}（${v.neighborhoodNames.join('、')}）` : v.name,
            }))}
          />
        </Form.Item>
        {chosen.length > 0 && (
          <Space wrap size={16}>
            {chosen.map((id) => (
              <Form.Item key={id} name={['capacity', id]} label={`${volunteerName.get(id) ?? ''} · ${t('care.d.capacity')}`}>
                <InputNumber min={1} max={100} placeholder={t('care.d.noLimit')} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Space wrap size={16} align="start">
          <Form.Item name="mode" label={t('care.d.mode')}>
            <Radio.Group
              options={[
                { value: 'contactless', label: t('care.d.mode.contactless') },
                { value: 'handover', label: t('care.d.mode.handover') },
              ]}
            />
          </Form.Item>
          <Form.Item name="dueAt" label={t('care.d.dueAt')} rules={[{ required: true, message: t('care.d.needDueAt') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={propose.isPending} data-testid="delivery-propose">
            {t('care.d.propose')}
          </Button>
        </div>
      </Form>

      {plan && (
        <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 16 }}>
          {plan.runs.length === 0 ? (
            <Alert type="info" title={t('care.d.noNeeds')} />
          ) : (
            <>
              <Alert
                type="success"
                title={t('care.d.proposal', { needs: plan.needs, households: plan.households, runs: plan.runs.length })}
              />
              {runs.map((r, i) => (
                <Card
                  key={r.households[0]?.beneficiaryId ?? r.title}
                  size="small"
                  title={`${i + 1}. ${r.title}（${r.households.length} ${t('care.d.household')}）`}
                  extra={
                    <Select
                      aria-label={`${r.title} ${t('care.d.volunteer')}`}
                      style={{ width: 220 }}
                      value={r.volunteerId ?? ''}
                      onChange={(v) => setRuns((all) => all.map((x, j) => (j === i ? { ...x, volunteerId: v || null } : x)))}
                      options={[
                        { value: '', label: t('care.d.unassigned') },
                        ...(volunteers.data ?? []).map((v) => ({ value: v.id, label: v.name })),
                      ]}
                    />
                  }
                >
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="beneficiaryId"
                    dataSource={r.households}
                    columns={[
                      { title: t('care.d.seq'), render: (_v, _h, k) => k + 1, width: 60 },
                      { title: t('care.d.name'), dataIndex: 'name', width: 120 },
                      { title: t('care.d.address'), dataIndex: 'address' },
                      { title: t('care.d.items'), render: (_v, h) => h.items.map((x) => `${x.label} ${x.quantity}${x.unit}`).join('、') },
                      { title: t('care.d.urgencies'), render: (_v, h) => <UrgencyTag urgency={h.urgency} />, width: 90 },
                    ]}
                  />
                </Card>
              ))}
              <Button
                type="primary"
                onClick={() => create.mutate()}
                loading={create.isPending}
                disabled={create.isPending}
                data-testid="delivery-create"
              >
                {t('care.d.create')}
              </Button>
            </>
          )}
        </Space>
      )}
    </Card>
  );
}

function TaskList({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const [neighborhoodId, setNeighborhoodId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const neighborhoods = useNeighborhoods();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: [...CARE_KEY, 'deliveries', 'tasks', status, neighborhoodId, page],
    queryFn: () => api.get<z.infer<typeof DeliveryTaskPage>>('/api/care/deliveries/tasks', { status, neighborhoodId, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const volunteers = useVolunteers();
  const assign = useMutation({
    mutationFn: (v: { runId: string; volunteerId: string }) =>
      api.post(`/api/care/deliveries/runs/${v.runId}/volunteer`, { volunteerId: v.volunteerId }),
    onSuccess: async () => {
      message.success(t('care.d.assigned'));
      await client.invalidateQueries({ queryKey: CARE_KEY });
    },
    onError: (err) => showError(err),
  });
  const confirm = useMutation({
    mutationFn: (id: string) => api.post<DeliveryTask>(`/api/care/deliveries/tasks/${id}/confirm`, {}),
    onSuccess: async () => {
      message.success(t('care.d.confirmed'));
      await client.invalidateQueries({ queryKey: CARE_KEY });
    },
    onError: (err) => showError(err),
  });
  const columns: ColumnsType<DeliveryTask> = [
    { title: t('care.d.run'), render: (_v, r) => `${r.runTitle} · ${r.seq}`, width: 200 },
    { title: t('care.d.name'), dataIndex: 'name', width: 100 },
    { title: t('care.d.address'), render: (_v, r) => `${r.neighborhoodName} ${r.address}` },
    { title: t('care.d.items'), render: (_v, r) => r.items.map((x) => `${x.label} ${x.quantity}${x.unit}`).join('、') },
    {
      title: t('care.d.volunteer'),
      width: 160,
      render: (_v, r) =>
        canManage && r.status === 'open' ? (
          <Select
            size="small"
            style={{ width: 150 }}
            aria-label={`${r.name} ${t('care.d.volunteer')}`}
            placeholder={t('care.d.unassigned')}
            value={r.volunteerId ?? undefined}
            onChange={(v: string) => assign.mutate({ runId: r.runId, volunteerId: v })}
            options={(volunteers.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          />
        ) : (
          (r.volunteerName ?? t('care.d.unassigned'))
        ),
    },
    {
      title: t('care.d.status'),
      render: (_v, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`care.d.status.${r.status}`)}</Tag>,
      width: 110,
    },
    { title: t('care.d.deliveredAt'), render: (_v, r) => formatTime(r.deliveredAt), width: 150 },
    {
      title: t('care.d.photo'),
      width: 80,
      render: (_v, r) =>
        r.photoUrl ? (
          <Image src={r.photoUrl} width={48} height={48} style={{ objectFit: 'cover' }} alt={`${r.name} ${t('care.d.photo')}`} />
        ) : null,
    },
    { title: t('care.d.note'), render: (_v, r) => [r.failReason, r.note, r.confirmNote].filter(Boolean).join('；') },
    {
      title: t('care.d.actions'),
      width: 110,
      render: (_v, r) =>
        canManage && r.status === 'delivered' ? (
          <Popconfirm title={t('care.d.confirmAsk')} onConfirm={() => confirm.mutate(r.id)}>
            <Button size="small" type="link">
              {t('care.d.confirm')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('care.d.listTitle')}
      extra={
        <Space>
          <Select
            aria-label={t('care.d.neighborhoods')}
            allowClear
            placeholder={t('care.d.neighborhoods')}
            style={{ width: 140 }}
            value={neighborhoodId}
            onChange={(v) => {
              setNeighborhoodId(v);
              setPage(1);
            }}
            options={neighborhoods.options}
          />
          <Select
            aria-label={t('care.d.status')}
            allowClear
            placeholder={t('care.d.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`care.d.status.${s}`) }))}
          />
        </Space>
      }
    >
      <Table
        data-testid="delivery-tasks"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: <Empty description={t('care.d.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
