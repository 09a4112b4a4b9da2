import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { PackageDetail, PackageList } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { PARTY_KEY, useBranchOptions } from './data';

type Item = z.infer<typeof PackageList>['packages'][number];
type Detail = z.infer<typeof PackageDetail>;

/** 学习资料: study packages sent to branches, and who has read what. */
export default function PackagesPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...PARTY_KEY, 'packages'],
    queryFn: async () => (await api.get<z.infer<typeof PackageList>>('/api/party/packages')).packages,
  });
  return (
    <Card
      title={t('party.p.title')}
      extra={
        access['party:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('party.p.create')}
          </Button>
        )
      }
    >
      <Table<Item>
        rowKey="id"
        dataSource={list.data}
        loading={list.isFetching}
        columns={[
          {
            title: t('party.p.titleField'),
            dataIndex: 'title',
            render: (v: string, p) => (
              <Button type="link" size="small" onClick={() => setOpen(p.id)}>
                {v}
              </Button>
            ),
          },
          { title: t('party.a.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          { title: t('party.a.branches'), key: 'b', render: (_, p) => p.branches.map((b) => b.name).join('、') },
          { title: t('party.p.materials'), dataIndex: 'materials', width: 70 },
          { title: t('party.p.readAll'), key: 'r', width: 100, render: (_, p) => `${p.readAll}/${p.members}` },
        ]}
      />
      <CreatePackage open={creating} onClose={() => setCreating(false)} />
      <Readers id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function Readers({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const showError = useShowError();
  const detail = useQuery({
    queryKey: [...PARTY_KEY, 'package', id],
    queryFn: () => api.get<Detail>(`/api/party/packages/${id}`),
    enabled: !!id,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.postForm<Detail>(`/api/party/packages/${id}/files`, form);
    },
    onSuccess: async (d) => {
      client.setQueryData([...PARTY_KEY, 'package', id], d);
      await client.invalidateQueries({ queryKey: [...PARTY_KEY, 'packages'] });
    },
    onError: (err) => showError(err),
  });
  const { message } = App.useApp();
  const remind = useMutation({
    mutationFn: (branchId: string) =>
      api.post<{ reminded: number; alreadyToday: boolean; message: string }>(`/api/party/packages/${id}/remind`, { branchId }),
    onSuccess: (r) => (r.alreadyToday ? message.warning(r.message) : message.success(r.message)),
    onError: (err) => showError(err),
  });
  const d = detail.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={640}
      title={d?.title}
      extra={
        access['party:manage'] && (
          <Upload
            showUploadList={false}
            accept=".pdf,.docx,.pptx,.jpg,.jpeg,.png"
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('party.p.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d?.items}
        columns={[
          {
            title: t('party.p.materialTitle'),
            dataIndex: 'title',
            render: (v: string, i) => (i.fileId ? <a href={`/api/files/${i.fileId}`}>{v}</a> : i.url ? <a href={i.url}>{v}</a> : v),
          },
          { title: t('party.p.readers'), key: 'r', width: 100, render: (_, i) => `${i.reads}/${d?.members ?? 0}` },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>{t('party.p.readers')}</h4>
      {access['party:manage'] && d && (
        <Space wrap style={{ marginBottom: 8 }}>
          {d.branches.map((b) => (
            <Button
              key={b.id}
              size="small"
              loading={remind.isPending && remind.variables === b.id}
              onClick={() => remind.mutate(b.id)}
              data-testid="package-remind"
            >
              {t('party.p.remindUnread', { branch: b.name })}
            </Button>
          ))}
        </Space>
      )}
      <Table
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={d?.readers}
        columns={[
          { title: t('party.members.name'), dataIndex: 'name', width: 100 },
          { title: t('party.members.branch'), dataIndex: 'branch', width: 120 },
          {
            title: t('party.p.unread'),
            key: 'u',
            render: (_, r) => (r.unread.length === 0 ? <Tag color="green">{t('party.p.readAll')}</Tag> : r.unread.join('、')),
          },
        ]}
      />
    </Drawer>
  );
}

type Values = { title: string; branchIds: string[]; materials: { title: string; url?: string; body?: string }[] };

function CreatePackage({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const showError = useShowError();
  const branches = useBranchOptions();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post('/api/party/packages', {
        ...v,
        materials: v.materials.map((m) => ({ title: m.title, url: m.url || null, body: m.body || null })),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: PARTY_KEY });
      form.resetFields();
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open={open}
      width={680}
      title={t('party.p.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('party.common.save')}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ materials: [{ title: '' }] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('party.p.titleField')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="branchIds" label={t('party.a.branches')} rules={[{ required: true }]}>
          <Select mode="multiple" options={branches} />
        </Form.Item>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('party.p.materialTitle')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'url']}>
                    <Input placeholder={t('party.p.url')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'body']}>
                    <Input.TextArea placeholder={t('party.p.body')} rows={1} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                </Space>
              ))}
              <Button onClick={() => add({ title: '' })} icon={<PlusOutlined />}>
                {t('party.p.addMaterial')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
