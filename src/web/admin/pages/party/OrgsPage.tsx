import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { MemberPage } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { type Org, PARTY_KEY, useOrgs } from './data';

type Member = z.infer<typeof MemberPage>['items'][number];

/** 组织与党员: the tree (党工委 → 党总支 → 党支部) beside the members of what is selected. */
export default function OrgsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const orgs = useOrgs();
  const [branchId, setBranchId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const members = useQuery({
    queryKey: [...PARTY_KEY, 'members', branchId, q, page],
    queryFn: () => api.get<z.infer<typeof MemberPage>>('/api/party/members', { branchId, q, page, pageSize: 20 }),
  });
  const tree = useMemo(() => buildTree(orgs.data ?? []), [orgs.data]);
  return (
    <Row gutter={16}>
      <Col xs={24} md={7}>
        <Card
          title={t('party.orgs.tree')}
          extra={
            access['party:manage'] && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('party.orgs.addBranch')}
              </Button>
            )
          }
        >
          {tree.length > 0 && (
            <Tree
              defaultExpandAll
              treeData={tree}
              onSelect={(keys) => {
                const id = keys[0] as string | undefined;
                const org = orgs.data?.find((o) => o.id === id);
                setPage(1);
                setBranchId(org?.level === 'branch' ? org.id : undefined);
              }}
              data-testid="party-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={17}>
        <Card
          title={t('party.members.title')}
          extra={
            <Space>
              {branchId && <Link to={`/party/branches/${branchId}`}>{t('menu.party.branch')}</Link>}
              {access['party:manage'] && (
                <Button icon={<UploadOutlined />} onClick={() => navigate('/party/members/import')}>
                  {t('party.members.import')}
                </Button>
              )}
              <Button
                icon={<DownloadOutlined />}
                onClick={() => downloadFile('/api/party/members/export', { branchId, q }, '党员名册.xlsx')}
              >
                {t('party.members.export')}
              </Button>
            </Space>
          }
        >
          <Input.Search
            placeholder={t('party.members.search')}
            allowClear
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            style={{ maxWidth: 280, marginBottom: 12 }}
          />
          <MembersTable
            data={members.data?.items}
            loading={members.isFetching}
            total={members.data?.total ?? 0}
            page={page}
            onPage={setPage}
          />
        </Card>
      </Col>
      <AddBranch open={adding} onClose={() => setAdding(false)} orgs={orgs.data ?? []} />
    </Row>
  );
}

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

function buildTree(orgs: Org[]): TreeNode[] {
  const node = (o: Org): TreeNode => ({
    key: o.id,
    title: `${o.level === 'general_branch' ? `${o.name}党总支` : o.name}（${o.members}）`,
    children: orgs.filter((c) => c.parentId === o.id).map(node),
  });
  const ids = new Set(orgs.map((o) => o.id));
  return orgs.filter((o) => !o.parentId || !ids.has(o.parentId)).map(node);
}

export function MembersTable({
  data,
  loading,
  total,
  page,
  onPage,
}: {
  data?: Member[];
  loading: boolean;
  total: number;
  page: number;
  onPage: (p: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Table<Member>
      rowKey="id"
      size="middle"
      dataSource={data}
      loading={loading}
      pagination={{ current: page, total, pageSize: 20, onChange: onPage, showTotal: (n) => t('party.members.count', { n }) }}
      columns={[
        { title: t('party.members.name'), dataIndex: 'name', width: 110 },
        { title: t('party.members.branch'), key: 'branch', width: 130, render: (_, m) => `${m.generalBranch}${m.branch}` },
        {
          title: t('party.members.status'),
          dataIndex: 'status',
          width: 120,
          render: (s: Member['status']) => (
            <Tag color={s === 'full' ? 'red' : s === 'probationary' ? 'orange' : 'default'}>{t(`party.status.${s}`)}</Tag>
          ),
        },
        {
          title: t('party.members.role'),
          dataIndex: 'branchRole',
          width: 100,
          render: (r: Member['branchRole']) => (r ? t(`party.role.${r}`) : ''),
        },
        { title: t('party.members.phone'), dataIndex: 'phoneMasked', width: 130 },
        { title: t('party.members.joinedOn'), dataIndex: 'joinedOn', width: 110 },
        { title: t('party.members.note'), dataIndex: 'note' },
      ]}
      data-testid="members-table"
    />
  );
}

function AddBranch({ open, onClose, orgs }: { open: boolean; onClose: () => void; orgs: Org[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ generalBranchId: string; name: string }>();
  const client = useQueryClient();
  const showError = useShowError();
  const save = useMutation({
    mutationFn: (v: { generalBranchId: string; name: string }) => api.post('/api/party/orgs', v),
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
      title={t('party.orgs.addBranch')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('party.common.save')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="generalBranchId" label={t('party.orgs.generalBranch')} rules={[{ required: true }]}>
          <Select options={orgs.filter((o) => o.level === 'general_branch').map((o) => ({ value: o.id, label: `${o.name}党总支` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('party.orgs.branchName')} rules={[{ required: true }]}>
          <Input placeholder="三支部" maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
