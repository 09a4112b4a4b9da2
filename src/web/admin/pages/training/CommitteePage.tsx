import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Checkbox, Col, Descriptions, Empty, List, Row, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import type { CommitteeDetail } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { TermTag } from './CommitteesPage';
import { roleKey, stat, TRAINING_KEY } from './data';

/** One committee: members, term, the 规范化 checklist and the 换届改选 steps, ticked by the office. */
export default function CommitteePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { access } = useMe();
  const client = useQueryClient();
  const showError = useShowError();
  const key = [...TRAINING_KEY, 'committee', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<CommitteeDetail>(`/api/training/committees/${id}`) });
  const tick = useMutation({
    mutationFn: (b: { itemKey: string; done: boolean }) => api.post<CommitteeDetail>(`/api/training/committees/${id}/ticks`, b),
    onSuccess: (d) => {
      client.setQueryData(key, d);
      void client.invalidateQueries({ queryKey: [...TRAINING_KEY, 'committees'] });
    },
    onError: (e) => showError(e),
  });
  if (detail.isPending) return <PageLoading />;
  if (!detail.data) return <Empty description={t('training.c.notFound')} />;
  const c = detail.data;
  const canTick = !!access['training:manage'];
  const checklist = (items: CommitteeDetail['checklist'], testId: string) => (
    <List
      data-testid={testId}
      dataSource={items}
      renderItem={(i) => (
        <List.Item extra={i.tickedAt ? formatTime(i.tickedAt) : null}>
          <Checkbox
            checked={i.done}
            disabled={!canTick || tick.isPending}
            onChange={(e) => tick.mutate({ itemKey: i.key, done: e.target.checked })}
          >
            {i.label}
          </Checkbox>
        </List.Item>
      )}
    />
  );
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={c.name}>
          <Descriptions column={3}>
            <Descriptions.Item label={t('training.c.neighborhood')}>{c.neighborhoodName}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.estate')}>{c.estateName}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.term')}>
              {c.termStart} ~ {c.termEnd} <TermTag c={c} />
            </Descriptions.Item>
            <Descriptions.Item label={t('training.c.score')}>{stat(c.score)}</Descriptions.Item>
            <Descriptions.Item label={t('training.c.surveyLink')}>
              <Typography.Text copyable>{`${window.location.origin}/m/training/survey/${c.id}`}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={c.members}
            columns={[
              { title: t('training.c.memberName'), dataIndex: 'name' },
              { title: t('training.c.memberRole'), dataIndex: 'role', render: (r: string) => t(roleKey(r)) },
              { title: t('training.c.memberPhone'), dataIndex: 'phoneMasked' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('training.c.checklist')}>{checklist(c.checklist, 'checklist')}</Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('training.c.reSteps', { done: c.reElectionDone, all: c.reElectionSteps })}>
          {checklist(c.reElection, 're-election')}
        </Card>
      </Col>
    </Row>
  );
}
