import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Space, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import type { OrgKind, OrgUnit } from '../../../../contracts/org';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import { buildForest, CHILD_KIND, ORG_KEY, type OrgNode, pathLabel, useOrgUnits } from '../../org';
import { useMe } from '../../session';

const KIND_COLOR: Record<OrgKind, string> = { district: 'purple', subdistrict: 'blue', neighborhood: 'green', estate: 'gold' };

type UnitValues = { name: string; code?: string; sort?: number };
type Editing = { mode: 'create'; parent: OrgUnit } | { mode: 'edit'; unit: OrgUnit };

export default function OrgPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const { data: units, isPending } = useOrgUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const canManage = access['org:manage'];

  const treeData = useMemo(() => {
    const toNode = (n: OrgNode): DataNode => ({
      key: n.id,
      title: (
        <Space size={6}>
          <span>{n.name}</span>
          <Tag color={KIND_COLOR[n.kind]} variant="filled" style={{ marginInlineEnd: 0 }}>
            {t(`org.kind.${n.kind}`)}
          </Tag>
        </Space>
      ),
      children: n.children.map(toNode),
    });
    return buildForest(units ?? []).map(toNode);
  }, [units, t]);

  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/api/org/units/${id}`),
    onSuccess: async () => {
      message.success(t('org.deleted'));
      setSelectedId(null);
      await client.invalidateQueries({ queryKey: ORG_KEY });
    },
    onError: (err) => showError(err),
  });

  if (isPending) return <PageLoading />;
  const selected = units?.find((u) => u.id === selectedId) ?? null;
  const childKind = selected ? CHILD_KIND[selected.kind] : null;

  return (
    <Row gutter={24}>
      <Col xs={24} md={10} xl={8}>
        <Card title={t('org.title')}>
          {treeData.length === 0 ? (
            <Empty description={t('org.empty')} />
          ) : (
            <Tree
              data-testid="org-tree"
              treeData={treeData}
              defaultExpandAll
              blockNode
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? null)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} xl={16}>
        <Card
          title={selected ? selected.name : t('common.detail')}
          extra={
            selected &&
            canManage && (
              <Space>
                {childKind && (
                  <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parent: selected })}>
                    {t('org.addChild')}
                  </Button>
                )}
                <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', unit: selected })}>
                  {t('org.rename')}
                </Button>
                {(selected.kind === 'neighborhood' || selected.kind === 'estate') && (
                  <Popconfirm
                    title={t('org.delete.confirm', { name: selected.name })}
                    onConfirm={() => remove.mutate(selected.id)}
                    okButtonProps={{ danger: true }}
                  >
                    <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            )
          }
        >
          {selected && units ? (
            <Descriptions
              column={1}
              bordered
              styles={{ label: { width: 160 } }}
              items={[
                { key: 'kind', label: t('org.kind'), children: t(`org.kind.${selected.kind}`) },
                { key: 'path', label: t('org.parent'), children: selected.parentId ? pathLabel(units, selected.parentId) || '—' : '—' },
                { key: 'code', label: t('org.code'), children: selected.code ?? '—' },
                { key: 'sort', label: t('org.sort'), children: selected.sort },
              ]}
            />
          ) : (
            <Empty description={t('org.select')} />
          )}
        </Card>
      </Col>
      {editing && <UnitModal editing={editing} onClose={() => setEditing(null)} onSaved={(u) => setSelectedId(u.id)} />}
    </Row>
  );
}

function UnitModal({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (u: OrgUnit) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<UnitValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = useMutation({
    mutationFn: (v: UnitValues) =>
      editing.mode === 'create'
        ? api.post<OrgUnit>('/api/org/units', { ...v, parentId: editing.parent.id })
        : api.patch<OrgUnit>(`/api/org/units/${editing.unit.id}`, { ...v, code: v.code || null }),
    onSuccess: async (unit) => {
      message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: ORG_KEY });
      onSaved(unit);
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  const kind = editing.mode === 'create' ? CHILD_KIND[editing.parent.kind] : editing.unit.kind;
  const initial: UnitValues =
    editing.mode === 'edit'
      ? { name: editing.unit.name, code: editing.unit.code ?? undefined, sort: editing.unit.sort }
      : { sort: 0, name: '' };
  return (
    <Modal
      open
      title={editing.mode === 'create' ? `${t('org.addChild')} · ${editing.parent.name}` : `${t('org.rename')} · ${editing.unit.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {kind && (
        <p>
          <Tag>{t('org.childKind', { kind: t(`org.kind.${kind}`) })}</Tag>
        </p>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
          <Input maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="sort" label={t('org.sort')}>
          <InputNumber min={0} max={9999} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
