import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { LivePoll, LiveView } from '../../../../contracts/training';
import { TRUE_FALSE_LABELS } from '../../../../contracts/training.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { useShowError } from '../../feedback';
import styles from './live.module.css';

const LiveChart = lazy(() => import('./LiveChart'));

/** The quiz's live view from its stream (snapshot, then deltas); polling where there is no EventSource. */
function useLive(id: string): { view: LiveView | null; lost: boolean; set: (v: LiveView) => void } {
  const [view, setView] = useState<LiveView | null>(null);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      const poll = () =>
        api.get<LivePoll>(`/api/training/quizzes/${id}/live`).then(
          (r) => setView(r.view),
          () => setLost(true),
        );
      const timer = setInterval(poll, 3000);
      void poll();
      return () => clearInterval(timer);
    }
    const source = new EventSource(`/api/training/quizzes/${id}/events`);
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as Partial<LiveView>;
    source.addEventListener('snapshot', (e) => setView(data(e) as LiveView));
    source.addEventListener('delta', (e) => setView((prev) => (prev ? { ...prev, ...data(e) } : prev)));
    source.addEventListener('end', () => source.close());
    source.onopen = () => setLost(false);
    source.onerror = () => setLost(true);
    return () => source.close();
  }, [id]);
  return { view, lost, set: setView };
}

/** The lecturer's screen, readable on a projector: join code, the question, the live chart, one button for the next step. */
export default function LivePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const showError = useShowError();
  const client = useQueryClient();
  const { view, lost, set } = useLive(id);
  const step = useMutation({
    mutationFn: (action: 'open' | 'close' | 'finish') =>
      api.post<LiveView>(`/api/training/quizzes/${id}/live`, { action, version: view?.version ?? 0 }),
    onSuccess: (v) => {
      set(v);
      void client.invalidateQueries({ queryKey: ['training'] });
    },
    onError: (e) => showError(e),
  });
  if (!view) return <PageLoading />;
  const q = view.question;
  const last = view.index + 1 >= view.total;
  const label = (k: string) => (q?.kind === 'true_false' ? (TRUE_FALSE_LABELS[k] ?? k) : k);
  const keys = q?.options.map((o) => o.key) ?? [];
  return (
    <div className={styles.screen}>
      {lost && <Alert type="warning" showIcon message={t('training.live.lost')} />}
      <Row gutter={24} align="middle">
        <Col flex="auto">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {view.title}
          </Typography.Title>
        </Col>
        <Col>
          <div className={styles.code} data-testid="join-code">
            {t('training.live.join')} <b>{view.joinCode}</b>
          </div>
          <div className={styles.sub}>{t('training.live.joinHint', { url: `${window.location.origin}/m/training` })}</div>
        </Col>
      </Row>
      <div className={styles.status} data-testid="live-status">
        {t(`training.live.state.${view.state}`)}
        {view.index >= 0 && ` · ${t('training.live.progress', { n: view.index + 1, total: view.total })}`}
        {` · ${t('training.live.participants', { n: view.participants })}`}
        {q && ` · ${t('training.live.answered', { n: view.answered })}`}
      </div>
      {q && view.state !== 'finished' && (
        <Card className={styles.question}>
          <div className={styles.stem} data-testid="live-stem">
            {view.index + 1}. {q.stem}
          </div>
          <Row gutter={24}>
            <Col xs={24} lg={10}>
              {q.kind !== 'true_false' &&
                q.options.map((o) => (
                  <div
                    key={o.key}
                    className={`${styles.option} ${view.state === 'closed' && q.answer?.includes(o.key) ? styles.right : ''}`}
                  >
                    {o.key}. {o.text}
                  </div>
                ))}
              {view.state === 'closed' && (
                <div className={styles.explanation} data-testid="live-explanation">
                  {t('training.live.answer')}：{q.answer?.map(label).join('、')}　{q.explanation}
                </div>
              )}
            </Col>
            <Col xs={24} lg={14}>
              <Suspense fallback={null}>
                <LiveChart
                  labels={keys.map(label)}
                  values={keys.map((k) => view.counts?.[k] ?? 0)}
                  right={view.state === 'closed' ? (q.answer ?? []).map(label) : null}
                  label={t('training.live.chart')}
                />
              </Suspense>
            </Col>
          </Row>
        </Card>
      )}
      {view.state === 'finished' && (
        <Card title={t('training.live.ranking')} className={styles.question}>
          <Table
            rowKey={(r) => `${r.rank}-${r.name}`}
            pagination={false}
            dataSource={view.ranking ?? []}
            data-testid="ranking"
            columns={[
              { title: t('training.live.rank'), dataIndex: 'rank', width: 100 },
              { title: t('training.live.name'), dataIndex: 'name' },
              { title: t('training.live.score'), dataIndex: 'score', width: 120 },
            ]}
          />
          <Link to={`/training/quizzes/${id}/results`}>{t('training.z.results')}</Link>
        </Card>
      )}
      <Space size="large" className={styles.buttons}>
        {(view.state === 'waiting' || (view.state === 'closed' && !last)) && (
          <Button type="primary" size="large" loading={step.isPending} onClick={() => step.mutate('open')} data-testid="live-open">
            {view.state === 'waiting' ? t('training.live.start') : t('training.live.next')}
          </Button>
        )}
        {view.state === 'open' && (
          <Button type="primary" danger size="large" loading={step.isPending} onClick={() => step.mutate('close')} data-testid="live-close">
            {t('training.live.close')}
          </Button>
        )}
        {view.state !== 'finished' && (view.state === 'closed' || view.state === 'waiting') && (
          <Button size="large" loading={step.isPending} onClick={() => step.mutate('finish')} data-testid="live-finish">
            {t('training.live.finish')}
          </Button>
        )}
      </Space>
    </div>
  );
}
