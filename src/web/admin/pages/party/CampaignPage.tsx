import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { CampaignDetail, MemberPage } from '../../../../contracts/party';
import { PAY_METHODS } from '../../../../contracts/party.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';
import { newClientKey, PARTY_KEY, pct, yuan } from './data';

type Detail = z.infer<typeof CampaignDetail>;

/** One campaign: participation per branch and general branch, the gifts, and a form to record one. */
export default function CampaignPage() {
  const { t } = useI18n();
  const { id } = useParams() as { id: string };
  const { access } = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const [form] = Form.useForm<{ memberId: string; amount: string; givenOn: Dayjs; method?: string; receiptNo?: string; note?: string }>();
  const key = [...PARTY_KEY, 'campaign', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<Detail>(`/api/party/campaigns/${id}`) });
  const members = useQuery({
    queryKey: [...PARTY_KEY, 'members', 'all'],
    queryFn: () => api.get<z.infer<typeof MemberPage>>('/api/party/members', { pageSize: 200 }),
    enabled: !!access['party:manage'],
  });
  const record = useMutation({
    mutationFn: (v: { memberId: string; amount: string; givenOn: Dayjs; method?: string; receiptNo?: string; note?: string }) =>
      api.post<Detail>(`/api/party/campaigns/${id}/donations`, {
        clientKey: newClientKey(),
        memberId: v.memberId,
        amount: v.amount,
        givenOn: v.givenOn.format('YYYY-MM-DD'),
        method: v.method ?? null,
        receiptNo: v.receiptNo || null,
        note: v.note || null,
      }),
    onSuccess: async (d) => {
      client.setQueryData(key, d);
      await client.invalidateQueries({ queryKey: [...PARTY_KEY, 'branch'] });
      message.success(t('party.d.recorded'));
      form.resetFields(['memberId', 'amount', 'receiptNo', 'note']);
    },
    onError: (err) => showError(err, form),
  });
  const d = detail.data;
  const inScope = new Set(d?.branches.map((b) => b.id));
  return (
    <div>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={d ? `${d.name}（${t(`party.donation.${d.kind}`)}）` : ''} loading={detail.isLoading} style={{ marginBottom: 16 }}>
            <h4>{t('party.d.byBranch')}</h4>
            <Table
              rowKey={(r) => `${r.generalBranch}${r.branch}`}
              size="small"
              pagination={false}
              dataSource={d?.rates.branches}
              columns={[
                { title: t('party.members.branch'), key: 'b', render: (_, r) => `${r.generalBranch}${r.branch}` },
                { title: t('party.d.donors'), key: 'd', width: 100, render: (_, r) => `${r.donors}/${r.members}` },
                { title: t('party.d.rate'), dataIndex: 'rate', width: 90, render: pct },
                { title: t('party.d.total'), dataIndex: 'totalFen', width: 110, align: 'right', render: yuan },
              ]}
              data-testid="campaign-branches"
            />
            <h4 style={{ marginTop: 16 }}>{t('party.d.byGeneral')}</h4>
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={d?.rates.generalBranches}
              columns={[
                { title: t('party.m.generalBranch'), dataIndex: 'name' },
                { title: t('party.d.donors'), key: 'd', width: 100, render: (_, r) => `${r.donors}/${r.members}` },
                { title: t('party.d.rate'), dataIndex: 'rate', width: 90, render: pct },
                { title: t('party.d.total'), dataIndex: 'totalFen', width: 110, align: 'right', render: yuan },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {access['party:manage'] && (
            <Card title={t('party.d.record')} style={{ marginBottom: 16 }}>
              <Form form={form} layout="vertical" initialValues={{ givenOn: dayjs(), method: '现金' }} onFinish={(v) => record.mutate(v)}>
                <Form.Item name="memberId" label={t('party.d.member')} rules={[{ required: true }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={(members.data?.items ?? [])
                      .filter((m) => inScope.has(m.branchId))
                      .map((m) => ({ value: m.id, label: `${m.name}（${m.generalBranch}${m.branch}）` }))}
                    data-testid="gift-member"
                  />
                </Form.Item>
                <Form.Item name="amount" label={t('party.d.amount')} rules={[{ required: true }]}>
                  <Input inputMode="decimal" data-testid="gift-amount" />
                </Form.Item>
                <Form.Item name="givenOn" label={t('party.d.givenOn')} rules={[{ required: true }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="method" label={t('party.d.method')}>
                  <Select options={PAY_METHODS.map((m) => ({ value: m, label: m }))} />
                </Form.Item>
                <Form.Item name="receiptNo" label={t('party.d.receipt')}>
                  <Input maxLength={40} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="gift-save">
                  {t('party.d.record')}
                </Button>
              </Form>
            </Card>
          )}
        </Col>
      </Row>
      <Card title={t('party.d.gifts')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={d?.donations}
          columns={[
            { title: t('party.members.name'), dataIndex: 'name', width: 100 },
            { title: t('party.members.branch'), dataIndex: 'branch', width: 130 },
            { title: t('party.d.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: yuan },
            { title: t('party.d.givenOn'), dataIndex: 'givenOn', width: 110 },
            { title: t('party.d.method'), dataIndex: 'method', width: 90 },
            { title: t('party.d.receipt'), dataIndex: 'receiptNo', width: 110 },
            { title: t('party.members.note'), dataIndex: 'note' },
          ]}
          data-testid="campaign-gifts"
        />
      </Card>
    </div>
  );
}
