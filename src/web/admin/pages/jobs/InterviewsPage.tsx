import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { PositionPage } from '../../../../contracts/jobs';
import type { Timetable } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import { useShowError } from '../../feedback';
import { JOBS_KEY } from './data';
import { useFairChoice } from './interviews-data';
import './print.css';
import { TimetableRooms } from './TimetableRooms';
import type { Move } from './timetable-drop';

interface RoomRow {
  id: string;
  name: string;
  positionIds: string[];
  positionTitles: string[];
  meeting: string;
  slotMinutes: number | null;
}

/** 面试安排: rooms, generate the timetable (makespan beside its lower bound), review and adjust, publish by SMS, export and print. */
export default function InterviewsPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const client = useQueryClient();
  const { fairs, fairId, setFair } = useFairChoice();
  const [roomForm] = Form.useForm();
  const [genForm] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const rooms = useQuery({
    queryKey: [...JOBS_KEY, 'rooms', fairId],
    enabled: !!fairId,
    queryFn: async () => (await api.get<{ rooms: RoomRow[] }>(`/api/jobs/fairs/${fairId}/rooms`)).rooms,
  });
  const positions = useQuery({
    queryKey: [...JOBS_KEY, 'fair-positions', fairId],
    enabled: !!fairId,
    queryFn: async () =>
      (await api.get<z.infer<typeof PositionPage>>('/api/jobs/positions', { fairId: fairId ?? undefined, pageSize: 200 })).items,
  });
  const timetable = useQuery({
    queryKey: [...JOBS_KEY, 'timetable', fairId],
    enabled: !!fairId,
    retry: false,
    queryFn: () => api.get<Timetable>(`/api/jobs/fairs/${fairId}/timetable`),
  });
  const setTimetable = (tt: Timetable) => client.setQueryData([...JOBS_KEY, 'timetable', fairId], tt);
  const addRoom = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post(`/api/jobs/fairs/${fairId}/rooms`, v),
    onSuccess: () => {
      roomForm.resetFields();
      setAdding(false);
      void client.invalidateQueries({ queryKey: [...JOBS_KEY, 'rooms', fairId] });
    },
    onError: (e) => showError(e, roomForm),
  });
  const generate = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Timetable>(`/api/jobs/fairs/${fairId}/timetable`, v),
    onSuccess: setTimetable,
    onError: (e) => showError(e, genForm),
  });
  const move = useMutation({
    mutationFn: ({ id, roomId, index }: Move) => api.post<Timetable>(`/api/jobs/interviews/${id}/move`, { roomId, index }),
    onSuccess: setTimetable,
    onError: (e) => showError(e),
  });
  const publish = useMutation({
    mutationFn: () => api.post<{ timetable: Timetable; told: number }>(`/api/jobs/fairs/${fairId}/timetable/publish`, {}),
    onSuccess: (r) => {
      setTimetable(r.timetable);
      message.success(t('jobs.iv.published', { n: r.told }));
    },
    onError: (e) => showError(e),
  });
  const tt = timetable.data;
  const positionsOf = useMemo(() => new Map((rooms.data ?? []).map((r) => [r.id, r.positionIds])), [rooms.data]);
  const published = !!tt?.publishedAt;
  const exportBy = (by: 'room' | 'candidate') =>
    downloadFile(`/api/jobs/fairs/${fairId}/timetable.xlsx`, { by }, 'timetable.xlsx').catch(showError);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card className="no-print">
        <Space wrap>
          <span>{t('jobs.iv.fair')}</span>
          <Select
            style={{ minWidth: 280 }}
            placeholder={t('jobs.iv.pickFair')}
            value={fairId ?? undefined}
            loading={fairs.isPending}
            options={(fairs.data ?? []).map((f) => ({ value: f.id, label: f.title }))}
            onChange={setFair}
            data-testid="fair-select"
          />
        </Space>
      </Card>
      {fairId && (
        <Card
          className="no-print"
          title={t('jobs.iv.rooms')}
          extra={
            <Button onClick={() => setAdding(true)} disabled={published}>
              {t('jobs.iv.addRoom')}
            </Button>
          }
        >
          <Table<RoomRow>
            size="small"
            rowKey="id"
            pagination={false}
            loading={rooms.isPending}
            dataSource={rooms.data ?? []}
            columns={[
              { title: t('jobs.iv.roomName'), dataIndex: 'name' },
              { title: t('jobs.iv.roomPositions'), dataIndex: 'positionTitles', render: (v: string[]) => v.join('、') },
              { title: t('jobs.iv.meeting'), dataIndex: 'meeting' },
              { title: t('jobs.iv.slot'), dataIndex: 'slotMinutes', render: (v: number | null) => v ?? t('jobs.iv.slotDefault') },
            ]}
          />
          <Form
            form={genForm}
            layout="inline"
            style={{ marginTop: 16 }}
            initialValues={{ start: '13:00', slotMinutes: 15, bufferMinutes: 5 }}
            onFinish={(v) => generate.mutate(v)}
          >
            <Form.Item name="start" label={t('jobs.iv.start')}>
              <Input style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="slotMinutes" label={t('jobs.iv.slot')}>
              <InputNumber min={5} max={120} />
            </Form.Item>
            <Form.Item name="bufferMinutes" label={t('jobs.iv.buffer')}>
              <InputNumber min={0} max={120} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={generate.isPending} disabled={published}>
              {tt ? t('jobs.iv.regenerate') : t('jobs.iv.generate')}
            </Button>
          </Form>
        </Card>
      )}
      {fairId && !tt && !timetable.isPending && (
        <Card>
          <Empty description={t('jobs.iv.none')} />
        </Card>
      )}
      {tt && (
        <>
          <Card className="no-print">
            <Space wrap size={16}>
              {published ? (
                <Tag color="green">{t('jobs.iv.publishedAt', { time: tt.publishedAt?.slice(0, 16).replace('T', ' ') ?? '' })}</Tag>
              ) : (
                <Tag>{t('jobs.iv.draft')}</Tag>
              )}
              <Typography.Text strong data-testid="makespan">
                {t('jobs.iv.makespan', { m: tt.makespanMinutes, lb: tt.lowerBoundMinutes })}
              </Typography.Text>
              <span>{t('jobs.iv.endsAt', { time: tt.endsAt })}</span>
              <Button
                type="primary"
                disabled={published}
                loading={publish.isPending}
                onClick={() => modal.confirm({ content: t('jobs.iv.publishConfirm'), onOk: () => publish.mutateAsync() })}
              >
                {t('jobs.iv.publish')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => exportBy('room')}>
                {t('jobs.iv.exportRoom')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => exportBy('candidate')}>
                {t('jobs.iv.exportCandidate')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('jobs.iv.print')}
              </Button>
            </Space>
            {tt.unscheduled.length > 0 && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                message={t('jobs.iv.unscheduled')}
                description={
                  <ul>
                    {tt.unscheduled.map((u) => (
                      <li key={`${u.seekerName}-${u.positionTitle}`}>{u.reason}</li>
                    ))}
                  </ul>
                }
              />
            )}
          </Card>
          <TimetableRooms rooms={tt.rooms} positionsOf={positionsOf} onMove={(m) => move.mutate(m)} locked={published} />
        </>
      )}
      <Modal
        open={adding}
        title={t('jobs.iv.addRoom')}
        onCancel={() => setAdding(false)}
        onOk={() => roomForm.submit()}
        confirmLoading={addRoom.isPending}
      >
        <Form form={roomForm} layout="vertical" onFinish={(v) => addRoom.mutate({ ...v, slotMinutes: v.slotMinutes ?? null })}>
          <Form.Item name="name" label={t('jobs.iv.roomName')} required>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="positionIds" label={t('jobs.iv.roomPositions')} required>
            <Select
              mode="multiple"
              options={(positions.data ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.employerName}）` }))}
            />
          </Form.Item>
          <Form.Item name="meeting" label={t('jobs.iv.meeting')} required>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="slotMinutes" label={t('jobs.iv.slot')}>
            <InputNumber min={5} max={120} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
