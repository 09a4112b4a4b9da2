import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { Position, PositionWrite, SeekerMatches } from '../../../../contracts/jobs';
import { EDUCATIONS, JOB_DISTRICTS } from '../../../../contracts/jobs.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { JOBS_KEY, percent, salaryText, useEmployers, useFairs } from './data';
import { ListSearch, useJobsList } from './list';

type Values = z.input<typeof PositionWrite> & { open?: boolean };
/** the list's filters, in the address under the API's names */
const POSITION_FILTERS = ['q', 'fairId', 'employerId'] as const;

/** 岗位: the positions the user may see, filtered by fair and employer; add, edit, stop; suggested seekers per position. */
export default function PositionsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const { filters, set, table } = useJobsList<Position, (typeof POSITION_FILTERS)[number]>(
    'positions',
    '/api/jobs/positions',
    POSITION_FILTERS,
  );
  const { q, employerId, fairId } = filters;
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const employers = useEmployers();
  const fairs = useFairs();
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const [matchesOf, setMatchesOf] = useState<Position | null>(null);
  const [form] = Form.useForm<Values>();
  const manage = !!access['jobs:manage'];

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing as never);
    else form.setFieldsValue({ employerId, fairId: fairId ?? null, headcount: 1, majors: [] } as never);
  }, [editing, form, employerId, fairId]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      editing && editing !== 'new'
        ? api.patch<Position>(`/api/jobs/positions/${editing.id}`, v)
        : api.post<Position>('/api/jobs/positions', v),
    onSuccess: async () => {
      message.success(t('jobs.common.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err, form),
  });

  const columns: ColumnsType<Position> = [
    { title: t('jobs.position.name'), dataIndex: 'title', minWidth: 180 },
    { title: t('jobs.position.employer'), dataIndex: 'employerName', width: 200, ellipsis: true },
    { title: t('jobs.position.category'), dataIndex: 'category', width: 110 },
    { title: t('jobs.position.district'), dataIndex: 'district', width: 100 },
    { title: t('jobs.position.salary'), key: 'salary', width: 170, render: (_, p) => salaryText(t, p.salaryMin, p.salaryMax) },
    { title: t('jobs.position.education'), dataIndex: 'education', width: 90 },
    { title: t('jobs.position.headcount'), dataIndex: 'headcount', width: 80, align: 'right' },
    {
      title: t('jobs.position.applicants'),
      dataIndex: 'applicants',
      width: 70,
      align: 'right',
      render: (n: number, p) => <Link to={`/jobs/applications?positionId=${p.id}`}>{n}</Link>,
    },
    {
      title: t('jobs.fair.status'),
      dataIndex: 'open',
      width: 80,
      render: (open: boolean) => (
        <Tag color={open ? 'green' : 'default'}>{open ? t('jobs.position.open') : t('jobs.position.stopped')}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, p) => (
        <Space size={0}>
          {manage && (
            <Button type="link" size="small" onClick={() => setEditing(p)}>
              {t('jobs.common.edit')}
            </Button>
          )}
          {p.open && (
            <Button type="link" size="small" onClick={() => setMatchesOf(p)}>
              {t('jobs.position.matches')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('jobs.position.title')}
      extra={
        manage && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/jobs/import')}>
              {t('jobs.position.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="position-create">
              {t('jobs.position.create')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <ListSearch value={q} placeholder={t('jobs.position.search')} width={260} onSearch={(v) => set({ q: v })} />
        <Select
          allowClear
          placeholder={t('jobs.position.fair')}
          style={{ width: 260 }}
          value={fairId}
          onChange={(v) => set({ fairId: v })}
          options={(fairs.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('jobs.position.employer')}
          style={{ width: 260 }}
          value={employerId}
          onChange={(v) => set({ employerId: v })}
          options={(employers.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
        />
      </Space>
      <Table<Position> {...table} columns={columns} scroll={{ x: 1400 }} data-testid="positions-table" />

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('jobs.position.create') : t('jobs.position.edit')}
        okText={t('jobs.common.save')}
        cancelText={t('jobs.common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={760}
        destroyOnHidden
      >
        <PositionForm form={form} onFinish={(v) => save.mutate(v)} editing={editing !== 'new'} />
      </Modal>

      <MatchesDrawer position={matchesOf} onClose={() => setMatchesOf(null)} />
    </Card>
  );
}

function PositionForm({
  form,
  onFinish,
  editing,
}: {
  form: ReturnType<typeof Form.useForm<Values>>[0];
  onFinish: (v: Values) => void;
  editing: boolean;
}) {
  const { t } = useI18n();
  const employers = useEmployers();
  const fairs = useFairs();
  const req = (field: string) => [{ required: true, message: t('jobs.fair.required', { field }) }];
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid="position-form">
      <Space size="large" wrap>
        <Form.Item name="employerId" label={t('jobs.position.employer')} rules={req(t('jobs.position.employer'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 320 }}
            options={(employers.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
        <Form.Item name="fairId" label={t('jobs.position.fair')}>
          <Select
            allowClear
            style={{ width: 320 }}
            placeholder={t('jobs.position.noFair')}
            options={(fairs.data ?? []).filter((f) => f.status !== 'closed').map((f) => ({ value: f.id, label: f.title }))}
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="title"
        label={t('jobs.position.name')}
        rules={[{ required: true, whitespace: true, message: t('jobs.fair.required', { field: t('jobs.position.name') }) }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="category" label={t('jobs.position.category')}>
          <Input maxLength={40} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="industry" label={t('jobs.position.industry')}>
          <Input maxLength={40} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="district" label={t('jobs.position.district')}>
          <Select allowClear style={{ width: 160 }} options={JOB_DISTRICTS.map((d) => ({ value: d, label: d }))} />
        </Form.Item>
      </Space>
      <Space size="large" wrap>
        <Form.Item name="salaryMin" label={t('jobs.position.salaryMin')}>
          <InputNumber min={0} step={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="salaryMax" label={t('jobs.position.salaryMax')}>
          <InputNumber min={0} step={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="education" label={t('jobs.position.education')}>
          <Select allowClear style={{ width: 140 }} options={['不限', ...EDUCATIONS].map((d) => ({ value: d, label: d }))} />
        </Form.Item>
        <Form.Item name="experienceYears" label={t('jobs.position.experience')}>
          <InputNumber min={0} max={50} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="headcount" label={t('jobs.position.headcount')}>
          <InputNumber min={1} max={10000} style={{ width: 100 }} />
        </Form.Item>
      </Space>
      <Form.Item name="majors" label={t('jobs.position.majors')} extra={t('jobs.position.majorsHint')}>
        <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} />
      </Form.Item>
      <Form.Item name="skills" label={t('jobs.position.skills')}>
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="description" label={t('jobs.position.description')}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      {editing && (
        <Form.Item name="open" label={t('jobs.position.open')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </Form>
  );
}

/** 人岗对接 from the position's side: the best consenting seekers, with reasons. */
function MatchesDrawer({ position, onClose }: { position: Position | null; onClose: () => void }) {
  const { t } = useI18n();
  const matches = useQuery({
    queryKey: [...JOBS_KEY, 'position-matches', position?.id],
    queryFn: async () => (await api.get<z.infer<typeof SeekerMatches>>(`/api/jobs/positions/${position?.id}/seekers`, { top: 20 })).matches,
    enabled: !!position,
  });
  return (
    <Drawer
      open={!!position}
      onClose={onClose}
      width={560}
      title={position ? t('jobs.position.matchesTitle', { title: position.title }) : ''}
    >
      <Typography.Paragraph type="secondary">{t('jobs.position.matchesHint')}</Typography.Paragraph>
      <List
        loading={matches.isFetching}
        dataSource={matches.data ?? []}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/jobs/seekers/${m.seeker.id}`}>{m.seeker.name}</Link>
                  <Tag color="blue">
                    {t('jobs.common.score')} {percent(m.score)}
                  </Tag>
                </Space>
              }
              description={
                <>
                  <div>
                    {[m.seeker.education, m.seeker.school, m.seeker.major].filter(Boolean).join(' · ')}
                    {' · '}
                    {salaryText(t, m.seeker.salaryMin, m.seeker.salaryMax)}
                  </div>
                  <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                    {m.reasons.map((r) => (
                      <Tag key={r}>{r}</Tag>
                    ))}
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
