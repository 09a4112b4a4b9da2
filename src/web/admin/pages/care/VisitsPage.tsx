import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type {
  VisitDueItem,
  VisitDueList,
  VisitItem,
  VisitList,
  VisitRobotList,
  VisitRuleItem,
  VisitRuleList,
} from '../../../../contracts/care-visits';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { CARE_KEY, FLAG_OPTIONS, LIVING_SITUATIONS, useCallers, useCategories, useNeighborhoods } from './data';

const TABS = ['overdue', 'due', 'all', 'records', 'rules'] as const;
type TabKey = (typeof TABS)[number];
const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(/-/g, '').slice(0, 32);
const today = () => dayjs().format('YYYY-MM-DD');

/** 上门走访: who is overdue or due (by the rules), schedule and assign, record a visit, the records and the rules. */
export default function VisitsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as TabKey) : 'overdue';
  const neighborhoodId = params.get('neighborhoodId') ?? undefined;
  const beneficiaryId = params.get('beneficiaryId') ?? undefined;
  const neighborhoods = useNeighborhoods();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  return (
    <Card
      title={t('care.v.title')}
      extra={
        tab !== 'rules' && (
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('care.v.allNeighborhoods')}
            aria-label={t('care.v.neighborhood')}
            value={neighborhoodId}
            onChange={(v) => set({ neighborhoodId: v })}
            options={neighborhoods.options}
            data-testid="visits-neighborhood"
          />
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ state: k === 'overdue' ? undefined : k })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`visits-tab-${k}`}>{t(`care.v.tab.${k}`)}</span>,
          children:
            k === 'rules' ? (
              <RulesPane />
            ) : k === 'records' ? (
              <RecordsPane neighborhoodId={neighborhoodId} beneficiaryId={beneficiaryId} clear={() => set({ beneficiaryId: undefined })} />
            ) : (
              <DuePane state={k} neighborhoodId={neighborhoodId} />
            ),
        }))}
      />
    </Card>
  );
}

function StateTag({ item }: { item: VisitDueItem }) {
  const { t } = useI18n();
  if (item.state === 'overdue')
    return (
      <Tag color="red">{item.lastVisitOn ? t('care.v.state.overdue', { days: item.daysOverdue }) : t('care.v.state.neverOverdue')}</Tag>
    );
  if (item.state === 'due') {
    const days = dayjs(item.dueOn).diff(dayjs().startOf('day'), 'day');
    return <Tag color="orange">{days <= 0 ? t('care.v.state.dueToday') : t('care.v.state.due', { days })}</Tag>;
  }
  return <Tag color="green">{t('care.v.state.ok')}</Tag>;
}

function DuePane({ state, neighborhoodId }: { state: 'overdue' | 'due' | 'all'; neighborhoodId?: string }) {
  const { t } = useI18n();
  const { access } = useMe();
  const [scheduling, setScheduling] = useState<VisitDueItem | null>(null);
  const [recording, setRecording] = useState<VisitDueItem | null>(null);
  const list = useQuery({
    queryKey: [...CARE_KEY, 'visits', 'due', state, neighborhoodId],
    queryFn: () => api.get<VisitDueList>('/api/care/visits/due', { state: state === 'all' ? undefined : state, neighborhoodId }),
  });
  const columns: ColumnsType<VisitDueItem> = [
    {
      title: t('care.v.name'),
      dataIndex: 'name',
      width: 100,
      render: (v: string, r) => <Link to={`/care/beneficiaries/${r.beneficiaryId}`}>{v}</Link>,
    },
    { title: t('care.v.state'), key: 'state', width: 150, render: (_, r) => <StateTag item={r} /> },
    { title: t('care.v.neighborhood'), dataIndex: 'neighborhoodName', width: 90 },
    { title: t('care.v.address'), dataIndex: 'address', width: 200, ellipsis: true },
    {
      title: t('care.v.flags'),
      dataIndex: 'flags',
      width: 190,
      render: (flags: string[]) => (
        <Space size={[0, 4]} wrap>
          {flags.map((f) => (
            <Tag key={f}>{f}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('care.v.rule'), dataIndex: 'ruleName', width: 170, ellipsis: true },
    {
      title: t('care.v.lastVisit'),
      dataIndex: 'lastVisitOn',
      width: 110,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('care.v.never')}</Typography.Text>,
    },
    {
      title: t('care.v.scheduled'),
      key: 'scheduled',
      width: 170,
      render: (_, r) =>
        r.scheduled ? (
          <span>
            {r.scheduled.scheduledOn} {r.scheduled.visitorNames.join('、')}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('care.v.notScheduled')}</Typography.Text>
        ),
    },
    ...(access['care:manage']
      ? [
          {
            title: t('care.v.actions'),
            key: 'actions',
            width: 190,
            fixed: 'right' as const,
            render: (_: unknown, r: VisitDueItem) => (
              <Space size={4}>
                <Button size="small" onClick={() => setScheduling(r)} data-testid={`visit-schedule-${r.name}`}>
                  {r.scheduled ? t('care.v.reschedule') : t('care.v.schedule')}
                </Button>
                <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid={`visit-record-${r.name}`}>
                  {t('care.v.record')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  const counts = list.data?.counts;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {counts && <Typography.Text data-testid="visits-counts">{t('care.v.counts', counts)}</Typography.Text>}
      <Table
        rowKey="beneficiaryId"
        size="middle"
        scroll={{ x: 1300 }}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={state === 'overdue' ? t('care.v.emptyOverdue') : t('care.v.empty')} /> }}
        data-testid="visits-due"
      />
      {scheduling && <ScheduleModal item={scheduling} onClose={() => setScheduling(null)} />}
      {recording && <RecordModal item={recording} onClose={() => setRecording(null)} />}
    </Space>
  );
}

function ScheduleModal({ item, onClose }: { item: VisitDueItem; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const callers = useCallers();
  const [form] = Form.useForm<{ scheduledOn: string; visitorAccountIds: string[] }>();
  const [clientKey] = useState(newKey);
  const save = useMutation({
    mutationFn: (v: { scheduledOn: string; visitorAccountIds: string[] }) =>
      item.scheduled
        ? api.patch<VisitItem>(`/api/care/visits/${item.scheduled.id}`, v)
        : api.post<VisitItem>('/api/care/visits', { ...v, clientKey, beneficiaryId: item.beneficiaryId }),
    onSuccess: async () => {
      message.success(t('care.v.scheduledOk'));
      await client.invalidateQueries({ queryKey: CARE_KEY });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open
      title={t('care.v.scheduleTitle', { name: item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ scheduledOn: item.scheduled?.scheduledOn ?? today(), visitorAccountIds: [] }}
        onFinish={(v) => save.mutate(v)}
        data-testid="visit-schedule-form"
      >
        <Form.Item
          name="scheduledOn"
          label={t('care.v.scheduledOn')}
          rules={[{ required: true, message: t('care.v.required', { field: t('care.v.scheduledOn') }) }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="visitorAccountIds" label={t('care.v.visitorsAssigned')} extra={t('care.v.visitorsAssignedHint')}>
          <Select
            mode="multiple"
            maxCount={5}
            options={(callers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            optionFilterProp="label"
            data-testid="visit-visitors"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordValues {
  doneOn: string;
  visitors: string;
  conditionSeen: string;
  supplies?: string;
  concerns?: string;
  nextVisitOn?: string;
}

function RecordModal({ item, onClose }: { item: VisitDueItem; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const [form] = Form.useForm<RecordValues>();
  const [clientKey] = useState(newKey);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const save = useMutation({
    mutationFn: async (v: RecordValues) => {
      const body = { ...v, clientKey, nextVisitOn: v.nextVisitOn || null, supplies: v.supplies || null, concerns: v.concerns || null };
      const visit = item.scheduled
        ? await api.post<VisitItem>(`/api/care/visits/${item.scheduled.id}/record`, body)
        : await api.post<VisitItem>('/api/care/visits/record', { ...body, beneficiaryId: item.beneficiaryId });
      // photos after the record exists; a refused photo is named, the visit stays recorded
      for (const f of files) {
        const form = new FormData();
        form.append('file', f.originFileObj as File, f.name);
        try {
          await api.postForm(`/api/care/visits/${visit.id}/photos`, form);
        } catch (err) {
          message.error(t('care.v.photoFailed', { name: f.name, reason: errorText(err) }));
        }
      }
      return visit;
    },
    onSuccess: async () => {
      message.success(t('care.v.recorded'));
      await client.invalidateQueries({ queryKey: CARE_KEY });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  const required = (field: string) => [{ required: true, whitespace: true, message: t('care.v.required', { field: t(field) }) }];
  return (
    <Modal
      open
      width={560}
      title={t('care.v.recordTitle', { name: item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'visit-record-save' } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ doneOn: today(), visitors: me?.account.displayName ?? '' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="visit-record-form"
      >
        <Space size={12} style={{ display: 'flex' }}>
          <Form.Item name="doneOn" label={t('care.v.doneOn')} rules={required('care.v.doneOn')}>
            <Input type="date" max={today()} />
          </Form.Item>
          <Form.Item name="nextVisitOn" label={t('care.v.nextVisitOn')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="visitors" label={t('care.v.visitors')} rules={required('care.v.visitors')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="conditionSeen"
          label={t('care.v.conditionSeen')}
          extra={t('care.v.conditionSeenHint')}
          rules={required('care.v.conditionSeen')}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="supplies" label={t('care.v.supplies')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="concerns" label={t('care.v.concerns')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('care.v.photos')} extra={t('care.v.photosHint')}>
          <Upload
            accept="image/jpeg,image/png"
            multiple
            maxCount={9}
            listType="picture"
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList)}
          >
            <Button icon={<UploadOutlined />}>{t('care.v.pickPhotos')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A visit's photos; staff with care:manage mark one 可公开 (for the bulletin) only after ticking
 * 受访者同意公开 — the server records who and when — and take the mark back with ×.
 */
function VisitPhotos({ v }: { v: VisitItem }) {
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const showError = useShowError();
  const [asking, setAsking] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const manage = !!access['care:manage'];
  const mark = useMutation({
    mutationFn: (m: { fileId: string; publishable: boolean }) =>
      api.put<VisitItem>(`/api/care/visits/${v.id}/photos/${m.fileId}/publishable`, {
        publishable: m.publishable,
        consent: m.publishable && agreed,
      }),
    onSuccess: () => {
      setAsking(null);
      client.invalidateQueries({ queryKey: [...CARE_KEY, 'visits', 'list'] });
    },
    onError: (err) => showError(err),
  });
  return (
    <Space size={4} wrap data-testid={`visit-photos-${v.id}`}>
      {v.photos.map((p) => {
        const c = v.photoConsents.find((x) => x.fileId === p.id);
        return (
          <Space key={p.id} orientation="vertical" size={2} align="center">
            <a href={p.url} target="_blank" rel="noreferrer">
              <img src={p.url} alt={p.name} style={{ width: 36, height: 36, objectFit: 'cover', borderRadius: 3 }} />
            </a>
            {c ? (
              <Tooltip title={t('care.v.consentBy', { by: c.recordedBy, at: dayjs(c.recordedAt).format('YYYY-MM-DD HH:mm') })}>
                <Tag
                  color="green"
                  style={{ marginInlineEnd: 0 }}
                  closable={manage}
                  onClose={(e) => {
                    e.preventDefault();
                    if (!mark.isPending) mark.mutate({ fileId: p.id, publishable: false });
                  }}
                >
                  {t('care.v.publishable')}
                </Tag>
              </Tooltip>
            ) : manage ? (
              <Button
                size="small"
                type="link"
                style={{ padding: 0, height: 'auto', fontSize: 12 }}
                onClick={() => {
                  setAgreed(false);
                  setAsking(p.id);
                }}
              >
                {t('care.v.makePublishable')}
              </Button>
            ) : null}
          </Space>
        );
      })}
      <Modal
        open={asking !== null}
        title={t('care.v.consentTitle')}
        okText={t('care.v.consentOk')}
        okButtonProps={{ disabled: !agreed, loading: mark.isPending }}
        onOk={() => asking && !mark.isPending && mark.mutate({ fileId: asking, publishable: true })}
        onCancel={() => setAsking(null)}
      >
        <Typography.Paragraph>{t('care.v.consentText')}</Typography.Paragraph>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
          {t('care.v.consent')}
        </Checkbox>
      </Modal>
    </Space>
  );
}

function RecordsPane({ neighborhoodId, beneficiaryId, clear }: { neighborhoodId?: string; beneficiaryId?: string; clear: () => void }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: [...CARE_KEY, 'visits', 'list', beneficiaryId],
    queryFn: async () => (await api.get<z.infer<typeof VisitList>>('/api/care/visits', { beneficiaryId })).visits,
  });
  const nbName = useNeighborhoods().data.find((n) => n.id === neighborhoodId)?.name;
  const rows = (list.data ?? []).filter((v) => !nbName || v.neighborhoodName === nbName);
  const columns: ColumnsType<VisitItem> = [
    { title: t('care.v.doneOn'), key: 'day', width: 110, render: (_, v) => v.doneOn ?? v.scheduledOn },
    {
      title: t('care.v.name'),
      dataIndex: 'name',
      width: 90,
      render: (n: string, v) => <Link to={`/care/beneficiaries/${v.beneficiaryId}`}>{n}</Link>,
    },
    { title: t('care.v.neighborhood'), dataIndex: 'neighborhoodName', width: 80 },
    {
      title: t('care.v.state'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => <Tag color={s === 'done' ? 'green' : 'blue'}>{t(`care.v.status.${s}`)}</Tag>,
    },
    { title: t('care.v.visitors'), key: 'who', width: 120, render: (_, v) => v.visitors ?? v.visitorNames.join('、') },
    { title: t('care.v.conditionSeen'), dataIndex: 'conditionSeen' },
    { title: t('care.v.supplies'), dataIndex: 'supplies', width: 150 },
    { title: t('care.v.concerns'), dataIndex: 'concerns', width: 170 },
    { title: t('care.v.nextVisitOn'), dataIndex: 'nextVisitOn', width: 110 },
    { title: t('care.v.photos'), key: 'photos', width: 130, render: (_, v) => <VisitPhotos v={v} /> },
    { title: t('care.v.recordedBy'), dataIndex: 'recordedBy', width: 120 },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {beneficiaryId && (
        <Alert
          type="info"
          title={t('care.v.beneficiaryFilter')}
          action={
            <Button size="small" onClick={clear}>
              {t('care.v.clearFilter')}
            </Button>
          }
        />
      )}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('care.v.noRecords')} /> }}
        data-testid="visits-records"
      />
    </Space>
  );
}

type RuleValues = {
  name: string;
  anyFlag: boolean;
  flag?: string | null;
  categoryId?: string | null;
  minAge?: number | null;
  livingSituation?: string | null;
  intervalDays: number;
  active: boolean;
};

function RulesPane() {
  const { t } = useI18n();
  const { access, me } = useMe();
  const [editing, setEditing] = useState<VisitRuleItem | 'new' | null>(null);
  const rules = useQuery({
    queryKey: [...CARE_KEY, 'visit-rules'],
    queryFn: async () => (await api.get<z.infer<typeof VisitRuleList>>('/api/care/visit-rules')).rules,
  });
  // rules are the subdistrict's: editable by who manages care over the whole subdistrict
  const canEdit = !!access['care:manage'] && !!me && me.roles.some((r) => r.orgId === me.subdistrict.id);
  const columns: ColumnsType<VisitRuleItem> = [
    { title: t('care.r.name'), dataIndex: 'name' },
    { title: t('care.r.condition'), dataIndex: 'description' },
    { title: t('care.r.interval'), dataIndex: 'intervalDays', width: 110, render: (d: number) => t('care.r.intervalDays', { days: d }) },
    {
      title: t('care.r.active'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('care.r.active') : t('care.r.inactive')}</Tag>,
    },
    ...(canEdit
      ? [
          {
            title: t('care.v.actions'),
            key: 'edit',
            width: 80,
            render: (_: unknown, r: VisitRuleItem) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {t('care.r.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          {t('care.r.hint')} {canEdit ? '' : t('care.r.readonly')}
        </Typography.Text>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('care.r.add')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isFetching}
        pagination={false}
        data-testid="visit-rules"
      />
      {editing && <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {access['care:manage'] && <RobotCard />}
    </Space>
  );
}

function RuleModal({ rule, onClose }: { rule: VisitRuleItem | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const categories = useCategories();
  const [form] = Form.useForm<RuleValues>();
  const save = useMutation({
    mutationFn: (v: RuleValues) => {
      const body = {
        ...v,
        flag: v.flag || null,
        categoryId: v.categoryId || null,
        livingSituation: v.livingSituation || null,
        minAge: v.minAge ?? null,
      };
      return rule ? api.put(`/api/care/visit-rules/${rule.id}`, body) : api.post('/api/care/visit-rules', body);
    },
    onSuccess: async () => {
      message.success(t('care.r.saved'));
      await client.invalidateQueries({ queryKey: [...CARE_KEY] });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  const any = [{ value: '', label: t('care.r.any') }];
  return (
    <Modal
      open
      title={rule ? t('care.r.editTitle') : t('care.r.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? { ...rule, flag: rule.flag ?? '', categoryId: rule.categoryId ?? '', livingSituation: rule.livingSituation ?? '' }
            : { anyFlag: false, flag: '', categoryId: '', livingSituation: '', intervalDays: 30, active: true }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('care.r.name')}
          rules={[{ required: true, whitespace: true, message: t('care.v.required', { field: t('care.r.name') }) }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="anyFlag" valuePropName="checked">
          <Checkbox>{t('care.r.anyFlag')}</Checkbox>
        </Form.Item>
        <Form.Item name="flag" label={t('care.r.flag')}>
          <Select options={[...any, ...FLAG_OPTIONS.map((f) => ({ value: f, label: f }))]} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('care.r.category')}>
          <Select options={[...any, ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
        </Form.Item>
        <Form.Item name="minAge" label={t('care.r.minAge')}>
          <InputNumber min={0} max={120} />
        </Form.Item>
        <Form.Item name="livingSituation" label={t('care.r.livingSituation')}>
          <Select options={[...any, ...LIVING_SITUATIONS.map((l) => ({ value: l, label: l }))]} />
        </Form.Item>
        <Form.Item
          name="intervalDays"
          label={t('care.r.intervalDaysLabel')}
          rules={[{ required: true, message: t('care.v.required', { field: t('care.r.intervalDaysLabel') }) }]}
        >
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('care.r.active')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RobotCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const { me } = useMe();
  const neighborhoods = useNeighborhoods();
  const robots = useQuery({
    queryKey: [...CARE_KEY, 'visit-robots'],
    queryFn: async () => (await api.get<z.infer<typeof VisitRobotList>>('/api/care/visit-robots')).robots,
  });
  const wide = !!me && me.roles.some((r) => r.orgId === me.subdistrict.id);
  const orgs = [...(wide && me ? [{ value: me.subdistrict.id, label: me.subdistrict.name }] : []), ...neighborhoods.options];
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [webhook, setWebhook] = useState('');
  const save = useMutation({
    mutationFn: () => api.put('/api/care/visit-robots', { orgId, webhook }),
    onSuccess: async () => {
      message.success(t('care.visitRobot.saved'));
      setWebhook('');
      await client.invalidateQueries({ queryKey: [...CARE_KEY, 'visit-robots'] });
    },
    onError: (err) => showError(err),
  });
  return (
    <Card size="small" title={t('care.visitRobot.title')}>
      <Typography.Paragraph type="secondary">{t('care.visitRobot.hint')}</Typography.Paragraph>
      <Space wrap>
        <Select
          style={{ width: 160 }}
          placeholder={t('care.visitRobot.org')}
          aria-label={t('care.visitRobot.org')}
          value={orgId}
          onChange={setOrgId}
          options={orgs}
        />
        <Input
          style={{ width: 420 }}
          placeholder={t('care.visitRobot.webhook')}
          aria-label={t('care.visitRobot.webhook')}
          value={webhook}
          onChange={(e) => setWebhook(e.target.value)}
        />
        <Button type="primary" disabled={!orgId} loading={save.isPending} onClick={() => save.mutate()}>
          {t('care.visitRobot.save')}
        </Button>
      </Space>
      <ul>
        {orgs.map((o) => (
          <li key={o.value}>
            {o.label}：{robots.data?.find((r) => r.orgId === o.value)?.webhookMasked ?? t('care.visitRobot.none')}
          </li>
        ))}
      </ul>
    </Card>
  );
}
