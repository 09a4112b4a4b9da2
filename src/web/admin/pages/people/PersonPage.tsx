import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Result, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ContactChange } from '../../../../contracts/people';
import { ApiError, errorText } from '../../../api';
import { hasMessage, useI18n } from '../../../i18n';
import { PageLoading } from '../../components/Results';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { PersonDrawer } from './PersonDrawer';
import { usePerson } from './people';
import { RevealValue } from './RevealValue';

/** One person: masked values (revealable, audited), address, and the history of contact changes. */
export default function PersonPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { access } = useMe();
  const navigate = useNavigate();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);

  if (person.isPending) return <PageLoading />;
  if (person.error) {
    const missing = person.error instanceof ApiError && person.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('people.notFound') : errorText(person.error)}
        extra={
          <Link to="/people">
            <Button type="primary">{t('people.title')}</Button>
          </Link>
        }
      />
    );
  }
  const p = person.data;
  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/people'));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
            <span data-testid="person-name">{p.name}</span>
            {p.neighborhoodName && <Tag color="blue">{p.neighborhoodName}</Tag>}
          </Space>
        }
        extra={
          access['people:manage'] && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={2} bordered size="middle" data-testid="person-detail" styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('people.name')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('people.gender')}>{p.gender ? t(`people.gender.${p.gender}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.idNumber')}>
            <RevealValue personId={p.id} field="idNumber" masked={p.idNumberMasked} />
          </Descriptions.Item>
          <Descriptions.Item label={t('people.birthDate')}>{p.birthDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.phone')}>
            <RevealValue personId={p.id} field="phone" masked={p.phoneMasked} />
          </Descriptions.Item>
          <Descriptions.Item label={t('people.altPhone')}>
            <RevealValue personId={p.id} field="altPhone" masked={p.altPhoneMasked} />
          </Descriptions.Item>
          <Descriptions.Item label={t('people.neighborhood')}>{p.neighborhoodName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.address')}>{p.address.text || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.createdAt')}>{formatTime(p.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('people.updatedAt')}>{formatTime(p.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('people.history')} data-testid="contact-history">
        {p.contactHistory.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.history.empty')} />
        ) : (
          <Timeline items={p.contactHistory.map((c) => ({ key: c.id, content: <Change change={c} /> }))} />
        )}
      </Card>
      {editing && <PersonDrawer person={p} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function Change({ change: c }: { change: ContactChange }) {
  const { t } = useI18n();
  const sourceKey = `people.history.source.${c.source}`;
  const source = hasMessage(sourceKey) ? t(sourceKey) : c.source;
  return (
    <Space orientation="vertical" size={2}>
      <Space size="middle">
        <Typography.Text strong>{t(`people.history.field.${c.field}`)}</Typography.Text>
        <Typography.Text type="secondary">{formatTime(c.changedAt)}</Typography.Text>
      </Space>
      <span>
        <Typography.Text type="secondary">{t('people.history.before')}：</Typography.Text>
        <Typography.Text delete={!!c.before}>{c.before ?? '—'}</Typography.Text>
        <Typography.Text type="secondary"> → {t('people.history.after')}：</Typography.Text>
        <Typography.Text>{c.after ?? '—'}</Typography.Text>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('people.history.by', { who: c.changedBy ?? '—', source })}
      </Typography.Text>
    </Space>
  );
}
