import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Application, PositionMatches, Seeker } from '../../../../contracts/jobs';
import { SEEKER_STATUS_LABEL } from '../../../../contracts/jobs.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { JOBS_KEY, percent, salaryText } from './data';

const newKey = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;

/** One seeker: the profile, the consent, and the recommended positions with reasons; staff can apply on their behalf. */
export default function SeekerPage() {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const { access } = useMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  // one key per position per visit: a double click applies once
  const keys = useRef(new Map<string, string>());
  const seeker = useQuery({ queryKey: [...JOBS_KEY, 'seeker', id], queryFn: () => api.get<Seeker>(`/api/jobs/seekers/${id}`) });
  const matches = useQuery({
    queryKey: [...JOBS_KEY, 'seeker', id, 'recommendations'],
    queryFn: async () => (await api.get<z.infer<typeof PositionMatches>>(`/api/jobs/seekers/${id}/recommendations`, { top: 10 })).matches,
  });
  const apply = useMutation({
    mutationFn: (positionId: string) => {
      const clientKey = keys.current.get(positionId) ?? newKey();
      keys.current.set(positionId, clientKey);
      return api.post<Application>(`/api/jobs/seekers/${id}/applications`, { positionId, clientKey });
    },
    onSuccess: async (a) => {
      message.success(t('jobs.seeker.appliedOk', { name: a.seekerName, title: a.positionTitle }));
      await client.invalidateQueries({ queryKey: JOBS_KEY });
    },
    onError: (err) => showError(err),
  });
  const s = seeker.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={s ? `${s.name} · ${t('jobs.seeker.profile')}` : t('jobs.seeker.profile')} loading={seeker.isPending}>
        {s && (
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered>
            <Descriptions.Item label={t('jobs.seeker.phone')}>{s.phoneMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.status')}>{SEEKER_STATUS_LABEL[s.status]}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.education')}>{s.education}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.school')}>{s.school ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.major')}>{s.major ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.graduationYear')}>{s.graduationYear ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.categories')}>{s.categories.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.industries')}>{s.industries.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.districts')}>{s.districts.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.salary')}>{salaryText(t, s.salaryMin, s.salaryMax)}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.experience')}>{s.experienceYears ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.consent')}>
              <Tag color={s.consented ? 'green' : 'default'}>
                {s.consented ? t('jobs.seeker.consented') : t('jobs.seeker.notConsented')}
              </Tag>
              {s.consentedAt && formatTime(s.consentedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('jobs.seeker.skills')} span={3}>
              {s.skills ?? '—'}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card
        title={t('jobs.seeker.recommendations')}
        extra={<Typography.Text type="secondary">{t('jobs.seeker.recommendationsHint')}</Typography.Text>}
      >
        <List
          loading={matches.isFetching}
          locale={{ emptyText: t('jobs.seeker.noMatches') }}
          dataSource={matches.data ?? []}
          data-testid="seeker-recommendations"
          renderItem={(m) => (
            <List.Item
              actions={[
                m.applied ? (
                  <Tag key="a" color="green">
                    {t('jobs.seeker.applied')}
                  </Tag>
                ) : (
                  access['jobs:manage'] && (
                    <Button
                      key="b"
                      size="small"
                      loading={apply.isPending && apply.variables === m.position.id}
                      onClick={() => apply.mutate(m.position.id)}
                    >
                      {t('jobs.seeker.apply')}
                    </Button>
                  )
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{m.position.title}</span>
                    <Typography.Text type="secondary">{m.position.employerName}</Typography.Text>
                    <Tag color="blue">
                      {t('jobs.common.score')} {percent(m.score)}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    <div>
                      {[m.position.district, m.position.education].filter(Boolean).join(' · ')}
                      {' · '}
                      {salaryText(t, m.position.salaryMin, m.position.salaryMax)}
                    </div>
                    <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                      {m.reasons.map((r) => (
                        <Tag key={r}>{r}</Tag>
                      ))}
                    </Space>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
