import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { Timeline as TimelineData, TimelineEntry } from '../../../../contracts/care-timeline';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { CARE_KEY } from './data';

const COLOR: Record<TimelineEntry['kind'], string> = {
  call: 'blue',
  need: 'orange',
  delivery: 'green',
  visit: 'cyan',
  change: 'gray',
  note: 'purple',
};

const newKey = () => `note-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** 生活动态: everything that happened with the person, newest first; staff who manage care add a note. */
export function TimelineCard({ beneficiaryId, canNote }: { beneficiaryId: string; canNote: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const showError = useShowError();
  const [text, setText] = useState('');
  const [clientKey, setClientKey] = useState(newKey);
  const key = [...CARE_KEY, 'beneficiary', beneficiaryId, 'timeline'];
  const timeline = useQuery({ queryKey: key, queryFn: () => api.get<TimelineData>(`/api/care/beneficiaries/${beneficiaryId}/timeline`) });
  const add = useMutation({
    mutationFn: () => api.post<TimelineData>(`/api/care/beneficiaries/${beneficiaryId}/notes`, { clientKey, text }),
    onSuccess: (data) => {
      client.setQueryData(key, data);
      setText('');
      setClientKey(newKey());
    },
    onError: (err) => showError(err),
  });
  const entries = timeline.data?.entries ?? [];
  return (
    <Card title={t('care.tl.title')} size="small" loading={timeline.isPending} data-testid="timeline">
      {canNote && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={500}
            placeholder={t('care.tl.notePlaceholder')}
            aria-label={t('care.tl.note')}
            onPressEnter={() => text.trim() && add.mutate()}
          />
          <Button type="primary" onClick={() => add.mutate()} loading={add.isPending} disabled={!text.trim()} data-testid="timeline-add">
            {t('care.tl.add')}
          </Button>
        </Space.Compact>
      )}
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.tl.none')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.key,
            color: COLOR[e.kind],
            content: (
              <div data-testid="timeline-entry" data-kind={e.kind}>
                <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
                <Tag style={{ marginLeft: 8 }}>{t(`care.tl.kind.${e.kind}`)}</Tag>
                <div>
                  <Typography.Text strong>{e.title}</Typography.Text>
                </div>
                {e.details.map((d) => (
                  <div key={d}>{d}</div>
                ))}
                {e.by && <Typography.Text type="secondary">{t('care.tl.by', { name: e.by })}</Typography.Text>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
