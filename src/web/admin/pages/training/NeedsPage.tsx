import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Table, Tag } from 'antd';
import type { ProposalList } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import { TRAINING_KEY } from './data';

interface Survey {
  id: string;
  committeeName: string;
  neighborhoodName: string;
  name: string;
  topics: string[];
  difficulties: string | null;
  createdAt: string;
}

/** 培训需求 and 建议场次: what committees asked for, and the sessions proposed from it and from weak quiz results. */
export default function NeedsPage() {
  const { t } = useI18n();
  const surveys = useQuery({
    queryKey: [...TRAINING_KEY, 'surveys'],
    queryFn: async () => (await api.get<{ surveys: Survey[] }>('/api/training/surveys')).surveys,
  });
  const proposals = useQuery({ queryKey: [...TRAINING_KEY, 'proposals'], queryFn: () => api.get<ProposalList>('/api/training/proposals') });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('training.n.proposals')}>
          <List
            data-testid="proposals"
            loading={proposals.isFetching}
            dataSource={proposals.data?.proposals ?? []}
            renderItem={(p, i) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <>
                      {i + 1}. {p.tag} <Tag color="blue">{t('training.n.invite', { n: p.invite.length })}</Tag>
                    </>
                  }
                  description={
                    <>
                      <div>{p.reason}</div>
                      <div>{p.invite.map((x) => `${x.name}（${x.why}）`).join('；')}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('training.n.surveys')}>
          <Table<Survey>
            rowKey="id"
            size="small"
            loading={surveys.isFetching}
            dataSource={surveys.data}
            columns={[
              { title: t('training.c.name'), dataIndex: 'committeeName' },
              { title: t('training.live.name'), dataIndex: 'name', width: 80 },
              { title: t('training.n.topics'), dataIndex: 'topics', render: (x: string[]) => x.map((v) => <Tag key={v}>{v}</Tag>) },
              { title: t('training.n.difficulties'), dataIndex: 'difficulties' },
              { title: t('training.n.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
