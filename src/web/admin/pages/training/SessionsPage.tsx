import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Radio, Space, Table, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SessionItem } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { TRAINING_KEY } from './data';

/** 培训场次: lectures online or on site, each with the 6-digit code directors check in with on their phones. */
export default function SessionsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [editing, setEditing] = useState<SessionItem | null>(null);
  const list = useQuery({
    queryKey: [...TRAINING_KEY, 'sessions'],
    queryFn: async () => (await api.get<{ sessions: SessionItem[] }>('/api/training/sessions')).sessions,
  });
  return (
    <Card
      title={t('training.ss.title')}
      extra={
        access['training:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('training.ss.create')}
          </Button>
        )
      }
    >
      <Table<SessionItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data}
        data-testid="sessions-table"
        columns={[
          {
            title: t('training.ss.titleField'),
            dataIndex: 'title',
            render: (v: string, x) => (
              <Button type="link" size="small" onClick={() => setShown(x.id)}>
                {v}
              </Button>
            ),
          },
          { title: t('training.ss.lecturer'), dataIndex: 'lecturer', width: 110 },
          { title: t('training.ss.time'), key: 'time', width: 190, render: (_, s) => formatTime(s.startsAt) },
          {
            title: t('training.ss.place'),
            key: 'place',
            render: (_, s) => (
              <>
                <Tag>{t(`training.ss.mode.${s.mode}`)}</Tag>
                {s.place}
              </>
            ),
          },
          { title: t('training.ss.code'), dataIndex: 'checkinCode', width: 100 },
          {
            title: t('training.ss.material'),
            key: 'material',
            width: 100,
            render: (_, s) =>
              s.materialFileId ? (
                <a href={`/api/files/${s.materialFileId}`} target="_blank" rel="noreferrer">
                  {t('training.ss.download')}
                </a>
              ) : (
                '—'
              ),
          },
          { title: t('training.ss.checkedIn'), dataIndex: 'checkedIn', width: 90, align: 'right' },
          ...(access['training:manage']
            ? [
                {
                  title: t('common.actions'),
                  key: 'invite',
                  width: 260,
                  render: (_: unknown, s: SessionItem) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(s)} data-testid={`edit-session-${s.id}`}>
                        {t('common.edit')}
                      </Button>
                      <InviteButton id={s.id} />
                      <MaterialButton id={s.id} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open && <CreateSession onClose={() => setOpen(false)} />}
      {editing && <CreateSession session={editing} onClose={() => setEditing(null)} />}
      {shown && <Checkins id={shown} onClose={() => setShown(null)} />}
    </Card>
  );
}

type Detail = SessionItem & {
  checkins: {
    name: string;
    phoneMasked: string;
    checkedInAt: string | null;
    registeredAt: string;
    status: 'checked_in' | 'registered' | 'not_come' | 'walk_in';
    rating: number | null;
    feedback: string | null;
  }[];
};

const STATUS_COLOR: Record<string, string> = { checked_in: 'success', walk_in: 'processing', registered: 'default', not_come: 'error' };

/** who registered, who checked in (and when), who did not come, and what they said afterwards */
function Checkins({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const d = useQuery({ queryKey: [...TRAINING_KEY, 'session', id], queryFn: () => api.get<Detail>(`/api/training/sessions/${id}`) });
  return (
    <Drawer open width={720} title={d.data?.title ?? ''} onClose={onClose}>
      <Table
        rowKey={(r) => `${r.name}-${r.phoneMasked}`}
        size="small"
        loading={d.isFetching}
        dataSource={d.data?.checkins}
        columns={[
          { title: t('training.live.name'), dataIndex: 'name' },
          { title: t('training.c.memberPhone'), dataIndex: 'phoneMasked' },
          {
            title: t('training.ss.status'),
            dataIndex: 'status',
            width: 100,
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`training.ss.status.${v}`)}</Tag>,
          },
          { title: t('training.ss.checkedInAt'), dataIndex: 'checkedInAt', render: (v: string | null) => formatTime(v) },
          { title: t('training.ss.rating'), dataIndex: 'rating', width: 80 },
          { title: t('training.ss.feedback'), dataIndex: 'feedback' },
        ]}
      />
    </Drawer>
  );
}

function MaterialButton({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  return (
    <Upload
      accept="application/pdf"
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        const form = new FormData();
        form.append('file', file as Blob);
        api.postForm(`/api/training/sessions/${id}/material`, form).then(
          (r) => {
            onSuccess?.(r);
            message.success(t('training.ss.uploaded'));
            void client.invalidateQueries({ queryKey: TRAINING_KEY });
          },
          (e) => {
            onError?.(e as Error);
            showError(e);
          },
        );
      }}
    >
      <Button type="link" size="small">
        {t('training.ss.upload')}
      </Button>
    </Upload>
  );
}

function InviteButton({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const send = useMutation({
    mutationFn: () => api.post<{ invited: number; alreadyInvited: number }>(`/api/training/sessions/${id}/invite`),
    onSuccess: (r) => message.success(t('training.ss.invited', { n: r.invited, already: r.alreadyInvited })),
    onError: (e) => showError(e),
  });
  return (
    <Button type="link" size="small" loading={send.isPending} onClick={() => send.mutate()}>
      {t('training.ss.invite')}
    </Button>
  );
}

/** a new session, or (given one) its edit: title, lecturer, time, online/on-site, audience */
function CreateSession({ onClose, session }: { onClose: () => void; session?: SessionItem }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const showError = useShowError();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { title: string; lecturer: string; time: [Dayjs, Dayjs]; mode: string; place: string; audience: string }) =>
      (session ? api.put : api.post)(session ? `/api/training/sessions/${session.id}` : '/api/training/sessions', {
        title: v.title,
        lecturer: v.lecturer,
        startsAt: v.time[0].toISOString(),
        endsAt: v.time[1].toISOString(),
        mode: v.mode,
        place: v.place,
        audience: v.audience,
        audienceDetail: session?.audienceDetail ?? [],
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open
      title={t(session ? 'training.ss.edit' : 'training.ss.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          session ? { ...session, time: [dayjs(session.startsAt), dayjs(session.endsAt)] } : { mode: 'online', audience: 'all' }
        }
      >
        <Form.Item name="title" label={t('training.ss.titleField')} rules={[{ required: true, message: t('training.ss.titleRequired') }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="lecturer"
          label={t('training.ss.lecturer')}
          rules={[{ required: true, message: t('training.ss.lecturerRequired') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="time" label={t('training.ss.time')} rules={[{ required: true, message: t('training.ss.timeRequired') }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="mode" label={t('training.ss.modeField')}>
          <Radio.Group options={['online', 'onsite'].map((m) => ({ value: m, label: t(`training.ss.mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="place" label={t('training.ss.place')} rules={[{ required: true, message: t('training.ss.placeRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="audience" label={t('training.ss.audience')}>
          <Radio.Group options={['all', 'neighborhoods', 'requested'].map((m) => ({ value: m, label: t(`training.ss.audience.${m}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
