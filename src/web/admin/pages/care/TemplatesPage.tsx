import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import type { z } from 'zod';
import type { TalkingTemplate, TalkingTemplateList } from '../../../../contracts/care-templates';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { CARE_KEY } from './data';

type Values = { name: string; talkingPoints: string; active: boolean };

export function useTemplates() {
  return useQuery({
    queryKey: [...CARE_KEY, 'templates'],
    queryFn: async () => (await api.get<z.infer<typeof TalkingTemplateList>>('/api/care/templates')).templates,
  });
}

/** the care office's WeCom group robot, told at once of urgent needs (the address is shown masked) */
function RobotCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const [value, setValue] = useState('');
  const key = [...CARE_KEY, 'robot'];
  const current = useQuery({ queryKey: key, queryFn: () => api.get<{ webhook: string | null }>('/api/care/settings/robot') });
  const save = useMutation({
    mutationFn: (webhook: string | null) => api.put<{ webhook: string | null }>('/api/care/settings/robot', { webhook }),
    onSuccess: (r) => {
      client.setQueryData(key, r);
      setValue('');
      message.success(t('care.robot.saved'));
    },
    onError: (err) => showError(err),
  });
  return (
    <Card title={t('care.robot.title')} size="small" data-testid="robot-card">
      <Typography.Paragraph type="secondary">{t('care.robot.hint')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('care.robot.current')}
        <Typography.Text code>{current.data?.webhook ?? t('care.robot.none')}</Typography.Text>
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
          aria-label={t('care.robot.title')}
        />
        <Button type="primary" disabled={!value.trim()} loading={save.isPending} onClick={() => save.mutate(value.trim())}>
          {t('common.save')}
        </Button>
        {current.data?.webhook && (
          <Button danger onClick={() => save.mutate(null)}>
            {t('care.robot.clear')}
          </Button>
        )}
      </Space.Compact>
    </Card>
  );
}

/** 慰问话术模板: the office's own wording for campaigns (防疫, 节日慰问, 高温关怀 to start with). */
export default function TemplatesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const templates = useTemplates();
  const [editing, setEditing] = useState<TalkingTemplate | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      editing && editing !== 'new'
        ? api.patch<TalkingTemplate>(`/api/care/templates/${editing.id}`, v)
        : api.post<TalkingTemplate>('/api/care/templates', v),
    onSuccess: async () => {
      message.success(t('care.tpl.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: [...CARE_KEY, 'templates'] });
    },
    onError: (err) => showError(err, form),
  });
  const columns: ColumnsType<TalkingTemplate> = [
    { title: t('care.tpl.name'), dataIndex: 'name', width: 140 },
    {
      title: t('care.tpl.points'),
      dataIndex: 'talkingPoints',
      render: (v: string) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v}</Typography.Paragraph>,
    },
    {
      title: t('care.tpl.active'),
      dataIndex: 'active',
      width: 80,
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('common.yes') : t('common.no')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'edit',
      width: 90,
      render: (_, r) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={`${t('care.tpl.edit')} ${r.name}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  const initial: Values =
    editing && editing !== 'new'
      ? { name: editing.name, talkingPoints: editing.talkingPoints, active: editing.active }
      : { name: '', talkingPoints: '', active: true };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('care.tpl.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-add">
            {t('care.tpl.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('care.tpl.hint')}</Typography.Paragraph>
        <Table<TalkingTemplate>
          rowKey="id"
          size="middle"
          loading={templates.isPending}
          columns={columns}
          dataSource={templates.data ?? []}
          pagination={false}
          data-testid="templates-table"
          onRow={(r) => ({ 'data-row': r.name }) as HTMLAttributes<HTMLElement>}
        />
        <Modal
          open={editing !== null}
          title={editing === 'new' ? t('care.tpl.add') : t('care.tpl.edit')}
          onCancel={() => setEditing(null)}
          onOk={() => form.submit()}
          confirmLoading={save.isPending}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} preserve={false}>
            <Form.Item name="name" label={t('care.tpl.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="talkingPoints" label={t('care.tpl.points')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={7} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="active" label={t('care.tpl.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Form>
        </Modal>
      </Card>
      <RobotCard />
    </Space>
  );
}
