import { EditOutlined, FileExcelOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CampaignDetail } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { CARE_KEY } from './data';

/** Edit, close (figures frozen), export the call list, print it. */
export function CampaignActions({ c, canManage }: { c: CampaignDetail; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ title: string; period: [Dayjs, Dayjs]; talkingPoints: string }>();
  const refresh = (next: CampaignDetail) => {
    client.setQueryData([...CARE_KEY, 'campaign', c.id], next);
    void client.invalidateQueries({ queryKey: [...CARE_KEY, 'campaign', c.id, 'tasks'] });
  };
  const close = useMutation({
    mutationFn: () => api.post<CampaignDetail>(`/api/care/campaigns/${c.id}/close`, {}),
    onSuccess: (next) => {
      refresh(next);
      message.success(t('care.c.closedOk'));
    },
    onError: (err) => showError(err),
  });
  const edit = useMutation({
    mutationFn: (v: { title: string; period: [Dayjs, Dayjs]; talkingPoints: string }) =>
      api.patch<CampaignDetail>(`/api/care/campaigns/${c.id}`, {
        title: v.title,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        talkingPoints: v.talkingPoints,
      }),
    onSuccess: (next) => {
      refresh(next);
      setEditing(false);
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Space wrap>
      {canManage && c.status === 'active' && (
        <>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('care.c.closeConfirm')} okText={t('care.c.close')} onConfirm={() => close.mutate()}>
            <Button danger icon={<StopOutlined />} loading={close.isPending} data-testid="campaign-close">
              {t('care.c.close')}
            </Button>
          </Popconfirm>
        </>
      )}
      <Button icon={<FileExcelOutlined />} href={`/api/care/campaigns/${c.id}/export`} data-testid="campaign-export">
        {t('care.c.exportCalls')}
      </Button>
      <Button icon={<PrinterOutlined />} href={`/care/campaigns/${c.id}/print`} target="_blank" data-testid="campaign-print">
        {t('care.c.print')}
      </Button>
      <Modal
        open={editing}
        title={t('care.c.editTitle')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        confirmLoading={edit.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ title: c.title, period: [dayjs(c.startsOn), dayjs(c.endsOn)], talkingPoints: c.talkingPoints }}
          onFinish={(v) => edit.mutate(v)}
        >
          <Form.Item name="title" label={t('care.c.titleField')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="period" label={t('care.c.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="talkingPoints" label={t('care.c.points')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
