import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Col, Empty, Row, Select, Space, Tag, Typography } from 'antd';
import type { RoomBoard } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { JOBS_KEY } from './data';
import { useBoard, useFairChoice } from './interviews-data';

/** 现场调度台: every room as a live board (now, next, late by, no-shows) with its buttons. */
export default function ConsolePage() {
  const { t } = useI18n();
  const { fairs, fairId, setFair } = useFairChoice();
  const { view, live } = useBoard(fairId);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <span>{t('jobs.iv.fair')}</span>
          <Select
            style={{ minWidth: 280 }}
            placeholder={t('jobs.iv.pickFair')}
            value={fairId ?? undefined}
            loading={fairs.isPending}
            options={(fairs.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
            onChange={setFair}
          />
          {view?.now && <Typography.Text>{t('jobs.c.clock', { time: view.now })}</Typography.Text>}
          <Badge status={live === 'live' ? 'success' : 'warning'} text={live === 'live' ? t('jobs.c.live') : t('jobs.c.lost')} />
        </Space>
      </Card>
      {view && view.rooms.length === 0 && (
        <Card>
          <Empty description={t('jobs.iv.none')} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {(view?.rooms ?? []).map((room) => (
          <Col key={room.id} xs={24} md={12} xl={8}>
            <RoomCard room={room} fairId={fairId as string} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}

function RoomCard({ room, fairId }: { room: RoomBoard; fairId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<{ told: number }>(path, body ?? {}),
    onSuccess: (r) => {
      if (r.told > 0) message.info(t('jobs.c.told', { n: r.told }));
      void client.invalidateQueries({ queryKey: [...JOBS_KEY, 'board', fairId] });
    },
    onError: (e) => showError(e),
  });
  const post = (path: string, body?: unknown) => act.mutate({ path, body });
  return (
    <Card
      data-testid={`board-${room.name}`}
      title={
        <Space>
          <span>{room.name}</span>
          {room.paused && <Tag color="orange">{t('jobs.c.paused')}</Tag>}
          {room.lateMinutes > 0 ? (
            <Tag color="red">{t('jobs.c.late', { n: room.lateMinutes })}</Tag>
          ) : (
            <Tag color="green">{t('jobs.c.onTime')}</Tag>
          )}
        </Space>
      }
      extra={<Typography.Text type="secondary">{room.meeting}</Typography.Text>}
    >
      <p>
        <b>{t('jobs.c.now')}：</b>
        <span data-testid="board-now">{room.now ? `${room.now.name}（${room.now.position}）` : t('jobs.c.idle')}</span>
      </p>
      <p>
        <b>{t('jobs.c.next')}：</b>
        <span data-testid="board-next">{room.next ? `${room.next.start} ${room.next.name}（${room.next.position}）` : '—'}</span>
      </p>
      <p>
        {t('jobs.c.queued', { n: room.queued })} · {t('jobs.c.done', { n: room.done })}
      </p>
      {room.noShows.length > 0 && <p>{t('jobs.c.noShows', { names: room.noShows.map((n) => n.name).join('、') })}</p>}
      <Space wrap>
        <Button
          type="primary"
          disabled={room.paused || act.isPending}
          onClick={() => post(`/api/jobs/rooms/${room.id}/call-next`, { current: room.now?.id ?? null })}
        >
          {t('jobs.c.callNext')}
        </Button>
        {room.now && (
          <>
            <Button onClick={() => post(`/api/jobs/interviews/${room.now?.id}/finish`)}>{t('jobs.c.finish')}</Button>
            <Button onClick={() => post(`/api/jobs/interviews/${room.now?.id}/no-show`, { requeue: true })}>
              {t('jobs.c.noShowRequeue')}
            </Button>
            <Button danger onClick={() => post(`/api/jobs/interviews/${room.now?.id}/no-show`, { requeue: false })}>
              {t('jobs.c.noShowDrop')}
            </Button>
          </>
        )}
        {room.next && <Button onClick={() => post(`/api/jobs/interviews/${room.next?.id}/phone-call`)}>{t('jobs.c.phone')}</Button>}
        <Button onClick={() => post(`/api/jobs/rooms/${room.id}/late`, { minutes: 10 })}>{t('jobs.c.late10')}</Button>
        <Button onClick={() => post(`/api/jobs/rooms/${room.id}/pause`, { paused: !room.paused })}>
          {room.paused ? t('jobs.c.resume') : t('jobs.c.pause')}
        </Button>
      </Space>
    </Card>
  );
}
