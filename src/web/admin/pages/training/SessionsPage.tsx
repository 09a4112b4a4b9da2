import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
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
          { title: t('training.ss.titleField'), dataIndex: 'title' },
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
          { title: t('training.ss.checkedIn'), dataIndex: 'checkedIn', width: 90, align: 'right' },
        ]}
      />
      {open && <CreateSession onClose={() => setOpen(false)} />}
    </Card>
  );
}

function CreateSession({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const showError = useShowError();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { title: string; lecturer: string; time: [Dayjs, Dayjs]; mode: string; place: string; audience: string }) =>
      api.post('/api/training/sessions', {
        title: v.title,
        lecturer: v.lecturer,
        startsAt: v.time[0].toISOString(),
        endsAt: v.time[1].toISOString(),
        mode: v.mode,
        place: v.place,
        audience: v.audience,
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
      title={t('training.ss.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ mode: 'online', audience: 'all' }}>
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
