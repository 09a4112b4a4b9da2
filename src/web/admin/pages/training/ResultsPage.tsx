import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table, Tag, Tooltip } from 'antd';
import { useParams } from 'react-router-dom';
import type { QuizResults } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { stat, TRAINING_KEY } from './data';

type Q = QuizResults['questions'][number];

/** 结果与题目分析: the test statistics, each question's facility, SD, discrimination and option shares (first attempts), per person and per tag. */
export default function ResultsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const r = useQuery({
    queryKey: [...TRAINING_KEY, 'results', id],
    queryFn: () => api.get<QuizResults>(`/api/training/quizzes/${id}/results`),
  });
  if (r.isPending) return <PageLoading />;
  if (!r.data) return <Empty description={t('training.z.notFound')} />;
  const d = r.data;
  const options = (q: Q) =>
    q.options
      ? Object.entries(q.options).map(([k, s]) => (
          <Tooltip key={k} title={t('training.r.optionTip', { top: stat(s.top, 0), bottom: stat(s.bottom, 0) })}>
            <Tag color={q.answer.includes(k) ? 'green' : undefined}>
              {k} {stat(s.all, 0)}%
            </Tag>
          </Tooltip>
        ))
      : null;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={`${d.title} · ${t('training.r.title')}`}>
          <Descriptions column={4} data-testid="test-stats">
            <Descriptions.Item label={t('training.r.n')}>{d.test.n}</Descriptions.Item>
            <Descriptions.Item label={t('training.r.mean')}>{stat(d.test.mean, 2)}</Descriptions.Item>
            <Descriptions.Item label={t('training.r.median')}>{stat(d.test.median, 2)}</Descriptions.Item>
            <Descriptions.Item label={t('training.r.sd')}>{stat(d.test.sd, 2)}</Descriptions.Item>
            <Descriptions.Item label={t('training.r.alpha')}>{stat(d.test.alpha, 3)}</Descriptions.Item>
            <Descriptions.Item label={t('training.r.errorRatio')}>{stat(d.test.errorRatio, 1)}%</Descriptions.Item>
            <Descriptions.Item label={t('training.r.standardError')}>{stat(d.test.standardError, 2)}</Descriptions.Item>
          </Descriptions>
          <p style={{ margin: '12px 0' }}>{t('training.r.firstAttempts')}</p>
          <Table<Q>
            rowKey="id"
            pagination={false}
            dataSource={d.questions}
            data-testid="item-analysis"
            columns={[
              { title: '#', dataIndex: 'position', width: 50, render: (p: number) => p + 1 },
              { title: t('training.q.stem'), dataIndex: 'stem' },
              { title: t('training.r.facility'), dataIndex: 'facility', width: 90, align: 'right', render: (v: number | null) => stat(v) },
              { title: t('training.r.itemSd'), dataIndex: 'sd', width: 90, align: 'right', render: (v: number | null) => stat(v) },
              {
                title: t('training.r.discrimination'),
                dataIndex: 'discrimination',
                width: 90,
                align: 'right',
                render: (v: number | null) => stat(v),
              },
              { title: t('training.r.options'), key: 'options', width: 260, render: (_, q) => options(q) },
              {
                title: t('training.r.flags'),
                dataIndex: 'flags',
                width: 160,
                render: (flags: Q['flags']) =>
                  flags.map((f) => (
                    <Tag key={f.code} color="orange">
                      {f.label}
                    </Tag>
                  )),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('training.r.people')}>
          <Table
            rowKey="id"
            size="small"
            dataSource={d.participants}
            columns={[
              { title: t('training.live.name'), dataIndex: 'name' },
              { title: t('training.c.memberPhone'), dataIndex: 'phoneMasked' },
              { title: t('training.live.score'), key: 'score', render: (_, p) => `${p.score} / ${p.max}` },
              { title: '%', dataIndex: 'percent', render: (v: number | null) => stat(v) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('training.r.byTag')}>
          <Table
            rowKey="tag"
            size="small"
            pagination={false}
            dataSource={d.byTag}
            columns={[
              { title: t('training.q.tag'), dataIndex: 'tag' },
              { title: t('training.r.tagPercent'), dataIndex: 'percent', align: 'right', render: (v: number | null) => stat(v) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
