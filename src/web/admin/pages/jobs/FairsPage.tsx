import { CopyOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Fair, FairWrite, PublishBody, PublishResult } from '../../../../contracts/jobs';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { fairUrl, JOBS_KEY, useFairs } from './data';

type Values = Omit<FairWrite, 'startsAt' | 'registrationDeadline'> & { startsAt: Dayjs; registrationDeadline?: Dayjs | null };
type Robot = z.input<typeof PublishBody>['robots'] extends (infer R)[] | undefined ? R : never;

const STATUS_COLOR = { draft: 'default', published: 'green', closed: 'orange' } as const;

/** 招聘会: the office's fairs — create, edit, publish (announced through notify), the public link and its QR code. */
export default function FairsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const fairs = useFairs();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [editing, setEditing] = useState<Fair | 'new' | null>(null);
  const [publishing, setPublishing] = useState<Fair | null>(null);
  const [qr, setQr] = useState<Fair | null>(null);
  const [form] = Form.useForm<Values>();
  const [robotsForm] = Form.useForm<{ robots: Robot[] }>();
  const manage = !!access['jobs:manage'];

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    if (editing !== 'new') {
      form.setFieldsValue({
        ...editing,
        startsAt: dayjs(editing.startsAt),
        registrationDeadline: editing.registrationDeadline ? dayjs(editing.registrationDeadline) : null,
      } as never);
    }
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        ...v,
        startsAt: v.startsAt.toISOString(),
        registrationDeadline: v.registrationDeadline ? v.registrationDeadline.toISOString() : null,
      };
      return editing && editing !== 'new'
        ? api.patch<Fair>(`/api/jobs/fairs/${editing.id}`, body)
        : api.post<Fair>('/api/jobs/fairs', body);
    },
    onSuccess: async () => {
      message.success(t('jobs.common.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err, form),
  });

  const publish = useMutation({
    mutationFn: (v: { robots: Robot[] }) =>
      api.post<z.infer<typeof PublishResult>>(`/api/jobs/fairs/${publishing?.id}/publish`, { robots: v.robots ?? [] }),
    onSuccess: async (r) => {
      message.success(t('jobs.fair.published', r.announced));
      setPublishing(null);
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err, robotsForm),
  });

  const close = useMutation({
    mutationFn: (id: string) => api.post<Fair>(`/api/jobs/fairs/${id}/close`),
    onSuccess: async () => {
      message.success(t('jobs.fair.closed'));
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err),
  });

  const columns: ColumnsType<Fair> = [
    { title: t('jobs.fair.name'), dataIndex: 'title', minWidth: 220 },
    { title: t('jobs.fair.startsAt'), dataIndex: 'startsAt', width: 170, render: (v: string) => formatTime(v) },
    { title: t('jobs.fair.organiser'), dataIndex: 'organiser', width: 200, ellipsis: true },
    {
      title: t('jobs.fair.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: Fair['status']) => <Tag color={STATUS_COLOR[s]}>{t(`jobs.fair.status.${s}`)}</Tag>,
    },
    { title: t('jobs.fair.positions'), dataIndex: 'positions', width: 80, align: 'right' },
    { title: t('jobs.fair.seekers'), dataIndex: 'seekers', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, f) => (
        <Space size={0} wrap>
          {manage && f.status !== 'closed' && (
            <Button type="link" size="small" onClick={() => setEditing(f)}>
              {t('jobs.common.edit')}
            </Button>
          )}
          {manage && f.status === 'draft' && (
            <Button
              type="link"
              size="small"
              data-testid={`fair-publish-${f.id}`}
              onClick={() => {
                robotsForm.resetFields();
                setPublishing(f);
              }}
            >
              {t('jobs.fair.publish')}
            </Button>
          )}
          {f.status !== 'draft' && (
            <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setQr(f)}>
              {t('jobs.fair.link')}
            </Button>
          )}
          {manage && f.status === 'published' && (
            <Popconfirm title={t('jobs.fair.closeConfirm')} onConfirm={() => close.mutate(f.id)}>
              <Button type="link" size="small" danger>
                {t('jobs.fair.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const required = (field: string) => [{ required: true, whitespace: true, message: t('jobs.fair.required', { field }) }];

  return (
    <Card
      title={t('jobs.fair.title')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="fair-create">
            {t('jobs.fair.create')}
          </Button>
        )
      }
    >
      <Table<Fair>
        rowKey="id"
        columns={columns}
        dataSource={fairs.data}
        loading={fairs.isFetching}
        scroll={{ x: 1100 }}
        data-testid="fairs-table"
      />

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('jobs.fair.create') : t('jobs.fair.edit')}
        okText={t('jobs.common.save')}
        cancelText={t('jobs.common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="fair-form">
          <Form.Item name="title" label={t('jobs.fair.name')} rules={required(t('jobs.fair.name'))}>
            <Input maxLength={60} showCount />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item
              name="startsAt"
              label={t('jobs.fair.startsAt')}
              rules={[{ required: true, message: t('jobs.fair.required', { field: t('jobs.fair.startsAt') }) }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="registrationDeadline" label={t('jobs.fair.deadline')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          </Space>
          <Form.Item name="organiser" label={t('jobs.fair.organiser')} rules={required(t('jobs.fair.organiser'))}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="partners" label={t('jobs.fair.partners')} extra={t('jobs.fair.partnersHint')}>
            <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="contactPhone" label={t('jobs.fair.contactPhone')}>
              <Input maxLength={30} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="contactEmail" label={t('jobs.fair.contactEmail')}>
              <Input maxLength={100} style={{ width: 280 }} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('jobs.fair.description')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={publishing !== null}
        title={publishing ? t('jobs.fair.publishTitle', { title: publishing.title }) : ''}
        okText={t('jobs.fair.publish')}
        cancelText={t('jobs.common.cancel')}
        confirmLoading={publish.isPending}
        onOk={() => robotsForm.submit()}
        onCancel={() => setPublishing(null)}
        width={680}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('jobs.fair.publishIntro')}</Typography.Paragraph>
        <Form form={robotsForm} layout="vertical" onFinish={(v) => publish.mutate(v)} initialValues={{ robots: [] }}>
          <Form.List name="robots">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text strong>{t('jobs.fair.robots')}</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'channel']} initialValue="wecom" noStyle>
                      <Select
                        style={{ width: 120 }}
                        aria-label={t('jobs.fair.robotChannel')}
                        options={[
                          { value: 'wecom', label: '企业微信' },
                          { value: 'dingtalk', label: '钉钉' },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'webhook']}
                      rules={[{ required: true, message: t('jobs.fair.robotWebhook') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input placeholder={t('jobs.fair.robotWebhook')} style={{ width: 400 }} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      ×
                    </Button>
                  </Space>
                ))}
                <div style={{ marginTop: 8 }}>
                  <Button onClick={() => add()} icon={<PlusOutlined />}>
                    {t('jobs.fair.robotAdd')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>

      <QrModal fair={qr} onClose={() => setQr(null)} />
    </Card>
  );
}

/** The fair's public address as a link and a QR code to post on WeChat or print. */
function QrModal({ fair, onClose }: { fair: Fair | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [src, setSrc] = useState<string | null>(null);
  const url = fair ? fairUrl(fair.id) : '';
  useEffect(() => {
    setSrc(null);
    if (url) QRCode.toDataURL(url, { margin: 1, width: 240 }).then(setSrc, () => setSrc(null));
  }, [url]);
  return (
    <Modal
      open={fair !== null}
      title={fair ? t('jobs.fair.qrTitle', { title: fair.title }) : ''}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space direction="vertical" align="center" style={{ width: '100%' }}>
        {src && <img src={src} width={240} height={240} alt={t('jobs.fair.qr')} data-testid="fair-qr" />}
        <Typography.Text type="secondary">{t('jobs.fair.qrHint')}</Typography.Text>
        <Space>
          <Typography.Link href={url} target="_blank" data-testid="fair-link">
            {url}
          </Typography.Link>
          <Button
            size="small"
            icon={<CopyOutlined />}
            onClick={() =>
              navigator.clipboard?.writeText(url).then(
                () => message.success(t('jobs.fair.copied')),
                () => undefined,
              )
            }
          >
            {t('jobs.fair.copy')}
          </Button>
        </Space>
      </Space>
    </Modal>
  );
}
