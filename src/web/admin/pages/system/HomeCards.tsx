import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Skeleton, Statistic, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { HomeCard, HomeCards as HomeCardsBody } from '../../../../contracts/home';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';

const MiniBar = lazy(() => import('../../components/MiniBar'));

const TONE = { normal: 'default', warning: 'warning', danger: 'error' } as const;

/** 工作台: each module's cards for the signed-in person — to-dos, what is urgent, a figure and a small chart. */
export function HomeCards() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['home', 'cards'],
    queryFn: async () => (await api.get<z.infer<typeof HomeCardsBody>>('/api/home/cards')).cards,
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  if (q.data.length === 0)
    return (
      <Card>
        <Empty description={t('home.noCards')} />
      </Card>
    );
  return (
    <Row gutter={[16, 16]} data-testid="home-cards">
      {q.data.map((c) => (
        <Col key={c.key} xs={24} md={12} xl={8}>
          <CardOf card={c} />
        </Col>
      ))}
    </Row>
  );
}

function CardOf({ card }: { card: HomeCard }) {
  const { t } = useI18n();
  return (
    <Card
      title={card.title}
      data-testid={`home-card-${card.key}`}
      extra={
        <>
          {card.tone !== 'normal' && <Tag color={TONE[card.tone]}>{t(`home.tone.${card.tone}`)}</Tag>}
          <Link to={card.link}>{t('home.open')}</Link>
        </>
      }
      style={{ height: '100%' }}
    >
      {card.figure && (
        <Link to={card.link} aria-label={`${card.figure.label} ${card.figure.value}${card.figure.unit}`}>
          <Statistic
            title={card.figure.label}
            value={card.figure.value}
            suffix={card.figure.unit}
            styles={{ content: { color: card.tone === 'danger' ? '#cf1322' : card.tone === 'warning' ? '#ad6800' : undefined } }}
          />
        </Link>
      )}
      {card.chart && card.chart.values.length > 0 && (
        <Suspense fallback={<div style={{ height: 120 }} />}>
          <MiniBar labels={card.chart.labels} values={card.chart.values} label={card.title} />
        </Suspense>
      )}
      {card.items.length > 0 && (
        <List
          size="small"
          dataSource={card.items}
          renderItem={(i) => (
            <List.Item extra={<strong>{i.value}</strong>}>{i.link ? <Link to={i.link}>{i.label}</Link> : i.label}</List.Item>
          )}
        />
      )}
    </Card>
  );
}
