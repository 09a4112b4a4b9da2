import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { BranchSummary, MemberPage } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import { PARTY_KEY, pct, yuan } from './data';
import { MembersTable } from './OrgsPage';

type Summary = z.infer<typeof BranchSummary>;

/** A branch's page: its members, each activity's attendance (2/10) and each campaign's participation (30%). */
export default function BranchPage() {
  const { t } = useI18n();
  const { id } = useParams() as { id: string };
  const [page, setPage] = useState(1);
  const summary = useQuery({ queryKey: [...PARTY_KEY, 'branch', id], queryFn: () => api.get<Summary>(`/api/party/branches/${id}`) });
  const members = useQuery({
    queryKey: [...PARTY_KEY, 'members', id, page],
    queryFn: () => api.get<z.infer<typeof MemberPage>>('/api/party/members', { branchId: id, page, pageSize: 20 }),
  });
  const s = summary.data;
  const latest = s?.activities[0];
  const campaign = s?.campaigns[0];
  return (
    <div>
      <Card title={s ? `${s.generalBranch}${s.name}` : ''} loading={summary.isLoading} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title={t('party.branch.members')} value={s?.members ?? 0} />
          </Col>
          <Col span={6}>
            <Statistic title={t('party.branch.activists')} value={s?.activists ?? 0} />
          </Col>
          <Col span={6} data-testid="branch-attendance">
            <Statistic
              title={`${t('party.branch.attendance')}${latest ? `（${latest.title}）` : ''}`}
              value={latest ? `${latest.attended}/${latest.members}` : '—'}
            />
          </Col>
          <Col span={6} data-testid="branch-participation">
            <Statistic title={`${t('party.branch.participation')}${campaign ? `（${campaign.name}）` : ''}`} value={pct(campaign?.rate)} />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('party.branch.activities')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s?.activities}
              columns={[
                {
                  title: t('party.a.titleField'),
                  dataIndex: 'title',
                  render: (v: string, a) => <Link to={`/party/activities/${a.id}`}>{v}</Link>,
                },
                { title: t('party.a.time'), dataIndex: 'startsAt', width: 150, render: (v: string) => formatTime(v) },
                { title: t('party.a.attendance'), key: 'att', width: 80, render: (_, a) => `${a.attended}/${a.members}` },
                { title: t('party.a.rate'), dataIndex: 'rate', width: 80, render: pct },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('party.branch.campaigns')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s?.campaigns}
              columns={[
                { title: t('party.d.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/party/campaigns/${c.id}`}>{v}</Link> },
                { title: t('party.d.donors'), key: 'd', width: 90, render: (_, c) => `${c.donors}/${c.members}` },
                { title: t('party.d.rate'), dataIndex: 'rate', width: 90, render: pct },
                { title: t('party.d.total'), dataIndex: 'totalFen', width: 110, align: 'right', render: yuan },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('party.members.title')}>
        <MembersTable
          data={members.data?.items}
          loading={members.isFetching}
          total={members.data?.total ?? 0}
          page={page}
          onPage={setPage}
        />
      </Card>
    </div>
  );
}
