import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FileInfo } from '../../../../contracts/files';
import type { Application } from '../../../../contracts/jobs';
import type { InterviewItem } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { JOBS_KEY } from './data';
import { useFairChoice } from './interviews-data';

interface Queue {
  room: { id: string; name: string; meeting: string };
  interviews: InterviewItem[];
  current: { interview: InterviewItem; application: Application; resume: FileInfo | null } | null;
}

/** 面试官: the room's queue, the current candidate's profile and match reasons, the outcome; call next from here too. */
export default function InterviewerPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const { fairs, fairId, setFair } = useFairChoice();
  const [roomId, setRoomId] = useState<string | null>(null);
  const rooms = useQuery({
    queryKey: [...JOBS_KEY, 'rooms', fairId],
    enabled: !!fairId,
    queryFn: async () => (await api.get<{ rooms: { id: string; name: string }[] }>(`/api/jobs/fairs/${fairId}/rooms`)).rooms,
  });
  const room = roomId ?? rooms.data?.[0]?.id ?? null;
  const queue = useQuery({
    queryKey: [...JOBS_KEY, 'queue', room],
    enabled: !!room,
    refetchInterval: 5_000,
    queryFn: () => api.get<Queue>(`/api/jobs/rooms/${room}/queue`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: [...JOBS_KEY, 'queue', room] });
  const callNext = useMutation({
    mutationFn: () => api.post(`/api/jobs/rooms/${room}/call-next`, { current: queue.data?.current?.interview.id ?? null }),
    onSuccess: refresh,
    onError: (e) => showError(e),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post(`/api/jobs/interviews/${queue.data?.current?.interview.id}/outcome`, v),
    onSuccess: () => {
      message.success(t('jobs.i.saved'));
      void refresh();
    },
    onError: (e) => showError(e, form),
  });
  const cur = queue.data?.current ?? null;
  const curId = cur?.interview.id ?? null;
  // a new candidate's form starts from their own outcome, never from the one before (the form instance is shared)
  useEffect(() => {
    if (curId) form.resetFields();
  }, [curId, form]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Select
            style={{ minWidth: 260 }}
            placeholder={t('jobs.iv.pickFair')}
            value={fairId ?? undefined}
            loading={fairs.isPending}
            options={(fairs.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
            onChange={setFair}
          />
          <Select
            style={{ minWidth: 160 }}
            aria-label={t('jobs.i.room')}
            value={room ?? undefined}
            options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            onChange={setRoomId}
          />
          <Button type="primary" onClick={() => callNext.mutate()} loading={callNext.isPending} disabled={!room}>
            {t('jobs.c.callNext')}
          </Button>
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('jobs.i.current')}>
            {!cur ? (
              <Empty description={t('jobs.i.noCurrent')} />
            ) : (
              <>
                <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}>
                  <Descriptions.Item label={t('jobs.iv.seeker')}>{cur.interview.seekerName}</Descriptions.Item>
                  <Descriptions.Item label={t('jobs.iv.position')}>{cur.interview.positionTitle}</Descriptions.Item>
                  <Descriptions.Item label={t('jobs.i.education')}>{cur.application.seeker?.education ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('jobs.i.major')}>{cur.application.seeker?.major ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('jobs.i.skills')} span={2}>
                    {cur.application.seeker?.skills ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('jobs.i.resume')} span={2}>
                    {cur.resume ? (
                      <Typography.Link href={cur.resume.url} target="_blank" data-testid="interviewer-resume">
                        {cur.resume.name}
                      </Typography.Link>
                    ) : (
                      t('jobs.i.noResume')
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('jobs.i.reasons')} span={2}>
                    {cur.application.reasons.map((r) => (
                      <Tag key={r}>{r}</Tag>
                    ))}
                  </Descriptions.Item>
                </Descriptions>
                <Form
                  key={cur.interview.id}
                  form={form}
                  layout="vertical"
                  style={{ marginTop: 16 }}
                  initialValues={{ outcome: cur.interview.outcome, note: cur.interview.outcomeNote, offer: cur.interview.offer }}
                  onFinish={(v) => save.mutate(v)}
                >
                  <Form.Item name="outcome" label={t('jobs.i.outcome')} rules={[{ required: true, message: t('jobs.i.outcomeRequired') }]}>
                    <Radio.Group
                      options={[
                        { value: 'pass', label: t('jobs.o.pass') },
                        { value: 'hold', label: t('jobs.o.hold') },
                        { value: 'fail', label: t('jobs.o.fail') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name="note" label={t('jobs.i.note')}>
                    <Input.TextArea maxLength={500} rows={2} />
                  </Form.Item>
                  <Form.Item name="offer" label={t('jobs.i.offer')}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    {t('jobs.i.save')}
                  </Button>
                </Form>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('jobs.i.queue')}>
            <Table<InterviewItem>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={queue.data?.interviews ?? []}
              columns={[
                { title: t('jobs.iv.time'), dataIndex: 'start', width: 70 },
                { title: t('jobs.iv.seeker'), dataIndex: 'seekerName' },
                { title: t('jobs.iv.status'), dataIndex: 'statusLabel', render: (s: string) => <Tag>{s}</Tag> },
                { title: t('jobs.iv.outcome'), dataIndex: 'outcomeLabel', render: (s: string | null) => s ?? '' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
