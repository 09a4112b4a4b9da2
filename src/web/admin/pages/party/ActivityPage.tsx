import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, Descriptions, Empty, Image, Input, List, Row, Space, Table, Tag } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ActivityDetail } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { PARTY_KEY, pct } from './data';

type Detail = z.infer<typeof ActivityDetail>;
type RollRow = Detail['roll'][number];

/** One activity: notice, the roll with 代签, attendance per branch, thoughts and the minutes. */
export default function ActivityPage() {
  const { t } = useI18n();
  const { id } = useParams() as { id: string };
  const { access } = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const key = [...PARTY_KEY, 'activity', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<Detail>(`/api/party/activities/${id}`) });
  const [minutes, setMinutes] = useState('');
  const [robot, setRobot] = useState('');
  useEffect(() => setMinutes(detail.data?.minutes ?? ''), [detail.data?.minutes]);
  const update = (d: Detail) => {
    client.setQueryData(key, d);
    void client.invalidateQueries({ queryKey: [...PARTY_KEY, 'activities'] });
  };
  const behalf = useMutation({
    mutationFn: (memberId: string) => api.post<Detail>(`/api/party/activities/${id}/checkins`, { memberId }),
    onSuccess: update,
    onError: (err) => showError(err),
  });
  const saveMinutes = useMutation({
    mutationFn: () => api.put<Detail>(`/api/party/activities/${id}/minutes`, { minutes }),
    onSuccess: (d) => {
      update(d);
      message.success(t('party.a.saved'));
    },
    onError: (err) => showError(err),
  });
  const notify = useMutation({
    mutationFn: () => api.post<{ sms: number }>(`/api/party/activities/${id}/notify`, { wecomWebhook: robot || null }),
    onSuccess: (r) => message.success(t('party.a.notified', { n: r.sms })),
    onError: (err) => showError(err),
  });
  const publish = useMutation({
    mutationFn: (v: { fileId: string; publishable: boolean }) =>
      api.post<Detail>(`/api/party/thought-photos/${v.fileId}/publishable`, { publishable: v.publishable }),
    onSuccess: update,
    onError: (err) => showError(err),
  });
  const a = detail.data;
  const manage = !!access['party:manage'];
  const checkInUrl = a ? `${location.origin}${a.checkInLink}` : '';
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    setQr(null);
    if (checkInUrl) QRCode.toDataURL(checkInUrl, { margin: 1, width: 240 }).then(setQr, () => setQr(null));
  }, [checkInUrl]);
  const printQr = () => {
    if (!a || !qr) return;
    const w = window.open('', '_blank');
    if (!w) return;
    const h = w.document;
    h.title = a.title;
    const box = h.createElement('div');
    box.style.cssText = 'text-align:center;font-family:sans-serif;margin-top:48px';
    const title = h.createElement('h1');
    title.textContent = `${t(`party.kind.${a.kind}`)}：${a.title}`;
    const when = h.createElement('p');
    when.textContent = formatTime(a.startsAt);
    const img = h.createElement('img');
    img.src = qr;
    img.width = 320;
    img.height = 320;
    const hint = h.createElement('p');
    hint.textContent = t('party.a.qrHint');
    box.append(title, when, img, hint);
    h.body.append(box);
    img.onload = () => w.print();
  };
  return (
    <div>
      <Card title={a ? `${t(`party.kind.${a.kind}`)}：${a.title}` : ''} loading={detail.isLoading} style={{ marginBottom: 16 }}>
        {a && (
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('party.a.time')}>{formatTime(a.startsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('party.a.mode')}>
              {t(`party.mode.${a.mode}`)} {a.location}
            </Descriptions.Item>
            {a.theme && <Descriptions.Item label={t('party.a.theme')}>{a.theme}</Descriptions.Item>}
            <Descriptions.Item label={t('party.a.branches')}>{a.branches.map((b) => b.name).join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('party.a.attendance')}>
              <span data-testid="activity-attendance">
                {a.attended}/{a.members}（{pct(a.rate)}）
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('party.a.link')}>
              <a href={a.checkInLink}>{`${location.origin}${a.checkInLink}`}</a>
            </Descriptions.Item>
            <Descriptions.Item label={t('party.a.qrCode')}>
              <Space align="start">
                {qr && <img src={qr} width={120} height={120} alt={t('party.a.qrCode')} data-testid="activity-qr" />}
                <Button size="small" onClick={printQr} disabled={!qr} data-testid="activity-qr-print">
                  {t('party.a.qrPrint')}
                </Button>
              </Space>
            </Descriptions.Item>
            {a.agenda && (
              <Descriptions.Item label={t('party.a.agenda')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{a.agenda}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {manage && (
          <Space style={{ marginTop: 12 }}>
            <Input placeholder={t('party.a.robot')} value={robot} onChange={(e) => setRobot(e.target.value)} style={{ width: 320 }} />
            <Button type="primary" onClick={() => notify.mutate()} loading={notify.isPending} data-testid="activity-notify">
              {t('party.a.notify')}
            </Button>
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('party.a.roll')} style={{ marginBottom: 16 }}>
            <Table<RollRow>
              rowKey="memberId"
              size="small"
              pagination={false}
              dataSource={a?.roll}
              columns={[
                { title: t('party.members.name'), dataIndex: 'name', width: 100 },
                { title: t('party.members.branch'), dataIndex: 'branch', width: 120 },
                {
                  title: t('party.members.status'),
                  dataIndex: 'status',
                  width: 110,
                  render: (s: RollRow['status']) => t(`party.status.${s}`),
                },
                {
                  title: t('party.a.checkedIn'),
                  key: 'in',
                  render: (_, r) =>
                    r.checkedInAt ? (
                      <Space size={4}>
                        <Tag color="green">{t('party.a.checkedIn')}</Tag>
                        {r.onBehalf && <Tag>{t('party.a.onBehalf')}</Tag>}
                        {formatTime(r.checkedInAt)}
                      </Space>
                    ) : manage ? (
                      <Button size="small" onClick={() => behalf.mutate(r.memberId)} data-testid={`behalf-${r.name}`}>
                        {t('party.a.recordOnBehalf')}
                      </Button>
                    ) : (
                      t('party.a.notYet')
                    ),
                },
              ]}
              data-testid="activity-roll"
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('party.a.thoughts')} style={{ marginBottom: 16 }}>
            {a && a.thoughts.length === 0 ? (
              <Empty description={t('party.a.noThoughts')} />
            ) : (
              <List
                dataSource={a?.thoughts}
                renderItem={(th) => (
                  <List.Item>
                    <List.Item.Meta
                      title={`${th.author} · ${formatTime(th.createdAt)}`}
                      description={
                        <div>
                          <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>{th.text}</div>
                          {th.photos.length > 0 && (
                            <Image.PreviewGroup>
                              <Space wrap style={{ marginTop: 8 }} data-testid="thought-photos">
                                {th.photos.map((p) => (
                                  <Space key={p.fileId} direction="vertical" size={2}>
                                    <Image src={p.url} width={88} height={88} style={{ objectFit: 'cover' }} alt={t('party.a.photo')} />
                                    {manage ? (
                                      <Checkbox
                                        checked={p.publishable}
                                        disabled={publish.isPending}
                                        onChange={(e) => publish.mutate({ fileId: p.fileId, publishable: e.target.checked })}
                                      >
                                        {t('party.a.publishable')}
                                      </Checkbox>
                                    ) : (
                                      p.publishable && <Tag color="green">{t('party.a.publishable')}</Tag>
                                    )}
                                  </Space>
                                ))}
                              </Space>
                            </Image.PreviewGroup>
                          )}
                          {th.comments.map((c) => (
                            <div key={c.id} style={{ marginTop: 4 }}>
                              {c.author}：{c.text}
                            </div>
                          ))}
                        </div>
                      }
                    />
                  </List.Item>
                )}
                data-testid="activity-thoughts"
              />
            )}
          </Card>
          <Card title={t('party.a.minutes')}>
            <Input.TextArea
              rows={6}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              disabled={!manage}
              aria-label={t('party.a.minutes')}
            />
            {manage && (
              <Button style={{ marginTop: 8 }} onClick={() => saveMinutes.mutate()} loading={saveMinutes.isPending}>
                {t('party.a.saveMinutes')}
              </Button>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
