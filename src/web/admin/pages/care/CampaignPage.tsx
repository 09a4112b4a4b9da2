import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { CampaignDetail, CampaignLive } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { CampaignActions } from './CampaignActions';
import { CampaignTasksCard } from './CampaignTasksCard';
import { CARE_KEY } from './data';
import { ProgressBar, ProgressTable } from './progress';

type Live = 'connecting' | 'live' | 'lost' | 'ended';
const POLL_MS = 10_000;

/**
 * Keeps a campaign's query up to date from its live stream: the server sends the viewer's
 * CampaignDetail at once (`snapshot`), then only the fields a recorded call changed (`delta`).
 * After a drop EventSource reconnects with Last-Event-ID and the server replays what was missed.
 * `end` means the session ended or the grants changed: stop, and say so.
 */
function useCampaignStream(id: string): Live {
  const client = useQueryClient();
  const [state, setState] = useState<Live>('connecting');
  useEffect(() => {
    const key = [...CARE_KEY, 'campaign', id];
    if (typeof EventSource === 'undefined') {
      // no server-sent events here: poll the same view
      const poll = () =>
        api.get<CampaignLive>(`/api/care/campaigns/${id}/live`).then(
          (r) => {
            client.setQueryData(key, r.view);
            setState('live');
          },
          () => setState('lost'),
        );
      const timer = setInterval(poll, POLL_MS);
      void poll();
      return () => clearInterval(timer);
    }
    const source = new EventSource(`/api/care/campaigns/${id}/events`);
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as Partial<CampaignDetail>;
    source.addEventListener('snapshot', (e) => {
      client.setQueryData(key, data(e) as CampaignDetail);
      setState('live');
    });
    source.addEventListener('delta', (e) => {
      const delta = data(e);
      client.setQueryData<CampaignDetail>(key, (prev) => (prev ? { ...prev, ...delta } : prev));
    });
    source.addEventListener('end', () => {
      source.close();
      setState('ended');
    });
    source.onopen = () => setState('live');
    // EventSource reconnects by itself (unless the server refused it); say so meanwhile
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'ended' : 'lost');
    return () => source.close();
  }, [id, client]);
  return state;
}

/** A campaign's live progress by neighborhood and by caller. */
export default function CampaignPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useQuery({
    queryKey: [...CARE_KEY, 'campaign', id],
    queryFn: () => api.get<CampaignDetail>(`/api/care/campaigns/${id}`),
  });
  const live = useCampaignStream(id);
  const { access } = useMe();
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    return (
      <Card>
        <Empty description={t('care.c.notFound')} />
      </Card>
    );
  }
  const c = detail.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/care/campaigns')} aria-label={t('common.back')} />
            <span>{c.title}</span>
            <Tag color={c.status === 'active' ? 'processing' : 'default'}>{t(`care.c.status.${c.status}`)}</Tag>
          </Space>
        }
        extra={
          <Space size="large">
            <span data-testid="campaign-live" data-state={live}>
              <Badge
                status={live === 'live' ? 'processing' : live === 'lost' || live === 'ended' ? 'error' : 'default'}
                text={t(`care.c.live.${live}`)}
              />
            </span>
            <CampaignActions c={c} canManage={access['care:manage']} />
            {c.status === 'active' && (
              <Button type="primary" icon={<PhoneOutlined />} href={`/m/care/campaigns/${c.id}`} data-testid="campaign-call">
                {t('care.c.startCalling')}
              </Button>
            )}
          </Space>
        }
      >
        <Row gutter={24} align="middle">
          <Col flex="none">
            <Statistic title={t('care.c.total')} value={c.total} />
          </Col>
          <Col flex="none">
            <div data-testid="campaign-reached">
              <Statistic title={t('care.c.reached')} value={c.reached} styles={{ content: { color: '#237804' } }} />
            </div>
          </Col>
          <Col flex="none">
            <div data-testid="campaign-unreached">
              <Statistic title={t('care.c.unreached')} value={c.unreached} styles={{ content: { color: '#a8071a' } }} />
            </div>
          </Col>
          <Col flex="none">
            <div data-testid="campaign-retry">
              <Statistic title={t('care.c.retry')} value={c.retry} />
            </div>
          </Col>
          <Col flex="none">
            <div data-testid="campaign-pending">
              <Statistic title={t('care.c.pending')} value={c.pending} />
            </div>
          </Col>
          <Col flex="none">
            <div data-testid="campaign-attempts">
              <Statistic title={t('care.c.attempts')} value={c.attempts} />
            </div>
          </Col>
          <Col flex="auto" style={{ minWidth: 240 }}>
            <ProgressBar c={c} />
            <Typography.Text type="secondary">{t('care.c.legend')}</Typography.Text>
          </Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('care.c.period')}>
            {c.startsOn} ~ {c.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('care.c.split')}>{t(`care.c.split.${c.splitMode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('care.c.maxAttempts')}>{c.maxAttempts}</Descriptions.Item>
          <Descriptions.Item label={t('care.c.createdAt')}>{formatTime(c.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('care.c.points')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.talkingPoints}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('care.c.byNeighborhood')} size="small">
        <ProgressTable rows={c.byNeighborhood} labelTitle={t('care.b.neighborhood')} testId="progress-neighborhood" />
      </Card>
      <Card title={t('care.c.byCaller')} size="small">
        <ProgressTable rows={c.byCaller} labelTitle={t('care.c.caller')} testId="progress-caller" />
      </Card>
      {access['care:read'] && <CampaignTasksCard id={c.id} canManage={access['care:manage']} />}
    </Space>
  );
}
