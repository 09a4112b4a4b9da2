import { ArrowDownOutlined, ArrowUpOutlined, BoldOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Descriptions, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { Bulletin, BulletinSection, HistoryList, OfferedPhotos } from '../../../../contracts/bulletin';
import { BULLETIN_STATUS_LABELS, HISTORY_ACTION_LABELS } from '../../../../contracts/bulletin.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { downloadFile } from '../../download';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { BULLETIN_KEY, showValue } from './data';

/** A small rich-text box: paragraphs and bold only; the server keeps nothing else. */
function Editor({
  html,
  disabled,
  onChange,
  testId,
}: {
  html: string;
  disabled: boolean;
  onChange: (html: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && document.activeElement !== ref.current) ref.current.innerHTML = html;
  }, [html]);
  return (
    <div>
      <Button
        size="small"
        icon={<BoldOutlined />}
        aria-label={t('bl.bold')}
        title={t('bl.bold')}
        disabled={disabled}
        onMouseDown={(e) => {
          e.preventDefault();
          document.execCommand('bold');
          onChange(ref.current?.innerHTML ?? '');
        }}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text box has no native element (a textarea keeps no bold) */}
      <div
        ref={ref}
        tabIndex={0}
        role="textbox"
        aria-multiline="true"
        data-testid={testId}
        contentEditable={!disabled}
        suppressContentEditableWarning
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={() => onChange(ref.current?.innerHTML ?? '')}
        style={{
          marginTop: 6,
          minHeight: 96,
          padding: '8px 12px',
          border: '1px solid #d9d9d9',
          borderRadius: 6,
          background: disabled ? '#fafafa' : '#fff',
          lineHeight: 1.9,
          fontSize: 15,
        }}
      />
    </div>
  );
}

type Chosen = { fileId: string; caption: string; url: string };

/** The section's photos: chosen ones with their captions, and the month's publishable ones of its line of work to pick from. */
function SectionPhotos({ b, s, editable }: { b: Bulletin; s: BulletinSection; editable: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const offered = useQuery({
    queryKey: [...BULLETIN_KEY, 'photos', b.id],
    queryFn: async () => (await api.get<z.infer<typeof OfferedPhotos>>(`/api/bulletin/bulletins/${b.id}/photos`)).photos,
  });
  const saved: Chosen[] = s.photos.map((p) => ({ fileId: p.fileId, caption: p.caption, url: p.url }));
  const [chosen, setChosen] = useState<Chosen[]>(saved);
  const savedKey = JSON.stringify(saved);
  useEffect(() => setChosen(JSON.parse(savedKey) as Chosen[]), [savedKey]);
  const save = useMutation({
    mutationFn: () =>
      api.put<Bulletin>(`/api/bulletin/bulletins/${b.id}/photos`, {
        sectionId: s.id,
        photos: chosen.map(({ fileId, caption }) => ({ fileId, caption })),
      }),
    onSuccess: (next) => {
      client.setQueryData([...BULLETIN_KEY, 'one', b.id], next);
      client.invalidateQueries({ queryKey: [...BULLETIN_KEY, 'history', b.id] });
      message.success(t('bl.photosSaved'));
    },
    onError: (err) => showError(err),
  });
  const mine = (offered.data ?? []).filter((p) => p.module === s.module && !chosen.some((c) => c.fileId === p.fileId));
  if (!editable && chosen.length === 0) return null;
  const dirty = JSON.stringify(chosen) !== savedKey;
  const thumb = { width: 200, height: 134, objectFit: 'cover' as const, borderRadius: 4, border: '1px solid #d9d9d9' };
  return (
    <div data-testid={`photos-${s.module}`}>
      <div>
        <Typography.Text strong>{t('bl.photos')}</Typography.Text>
        {editable ? (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t('bl.photosHint')}
          </Typography.Text>
        ) : null}
      </div>
      <Space wrap align="start" style={{ marginTop: 6, display: chosen.length ? 'flex' : 'none' }}>
        {chosen.map((c, i) => (
          <Space key={c.fileId} direction="vertical" size={4} data-testid="chosen-photo">
            <img src={c.url} alt={c.caption} style={thumb} />
            <Input
              size="small"
              style={{ width: 200 }}
              aria-label={t('bl.caption')}
              placeholder={t('bl.caption')}
              value={c.caption}
              disabled={!editable}
              maxLength={60}
              onChange={(e) => setChosen(chosen.map((x, j) => (j === i ? { ...x, caption: e.target.value } : x)))}
            />
            {editable ? (
              <Button size="small" onClick={() => setChosen(chosen.filter((x) => x.fileId !== c.fileId))}>
                {t('bl.remove')}
              </Button>
            ) : null}
          </Space>
        ))}
      </Space>
      {editable ? (
        <div style={{ marginTop: 8 }}>
          {mine.length === 0 && chosen.length === 0 ? <Typography.Text type="secondary">{t('bl.noPhotos')}</Typography.Text> : null}
          <Space wrap align="start">
            {mine.map((p) => (
              <Space key={p.fileId} direction="vertical" size={4} data-testid="offered-photo">
                <img src={p.url} alt={p.caption} style={{ ...thumb, opacity: 0.85 }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${p.source} · ${p.place} · ${p.date}`}</Typography.Text>
                <Button
                  size="small"
                  disabled={chosen.length >= 4}
                  onClick={() => setChosen([...chosen, { fileId: p.fileId, caption: p.caption, url: p.url }])}
                >
                  {t('bl.pick')}
                </Button>
              </Space>
            ))}
          </Space>
          {dirty ? (
            <div style={{ marginTop: 8 }}>
              <Button type="primary" size="small" loading={save.isPending} onClick={() => !save.isPending && save.mutate()}>
                {t('bl.savePhotos')}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function SectionCard({
  b,
  s,
  index,
  editable,
  onMove,
}: {
  b: Bulletin;
  s: BulletinSection;
  index: number;
  editable: boolean;
  onMove: (from: number, to: number) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [headline, setHeadline] = useState(s.headline);
  const [html, setHtml] = useState(s.html);
  useEffect(() => {
    setHeadline(s.headline);
    setHtml(s.html);
  }, [s.headline, s.html]);
  const save = useMutation({
    mutationFn: () => api.put<Bulletin>(`/api/bulletin/bulletins/${b.id}/section`, { sectionId: s.id, headline, html }),
    onSuccess: (next) => {
      client.setQueryData([...BULLETIN_KEY, 'one', b.id], next);
      client.invalidateQueries({ queryKey: [...BULLETIN_KEY, 'history', b.id] });
      message.success(t('bl.saved'));
    },
    onError: (err) => showError(err),
  });
  const dirty = headline !== s.headline || html !== s.html;
  return (
    <Card
      size="small"
      data-testid={`section-${s.module}`}
      title={<Tag color="#c00">{s.title}</Tag>}
      extra={
        editable ? (
          <Space>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
              aria-label={t('bl.up')}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === b.sections.length - 1}
              onClick={() => onMove(index, index + 1)}
              aria-label={t('bl.down')}
            />
            <Button size="small" type="primary" disabled={!dirty} loading={save.isPending} onClick={() => !save.isPending && save.mutate()}>
              {t('bl.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          value={headline}
          disabled={!editable}
          onChange={(e) => setHeadline(e.target.value)}
          addonBefore={t('bl.headline')}
          style={{ fontWeight: 600 }}
        />
        <Editor html={s.html} disabled={!editable} onChange={setHtml} testId={`editor-${s.module}`} />
        <SectionPhotos b={b} s={s} editable={editable} />
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          showHeader={false}
          dataSource={s.figures.filter((f) => f.value !== null)}
          columns={[
            { dataIndex: 'label', render: (v: string, f) => <span title={f.how}>{v}</span> },
            {
              dataIndex: 'value',
              align: 'right',
              width: 120,
              render: (_, f) => <b>{`${f.detail ? `${f.detail}　` : ''}${showValue(f.value, f.unit)}`}</b>,
            },
          ]}
        />
      </Space>
    </Card>
  );
}

/** One bulletin: edit its sections, reorder, approve, publish, and take it out as PDF, Word or WeChat HTML. */
export default function BulletinPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { access } = useMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [robot, setRobot] = useState('');
  const one = useQuery({ queryKey: [...BULLETIN_KEY, 'one', id], queryFn: () => api.get<Bulletin>(`/api/bulletin/bulletins/${id}`) });
  const history = useQuery({
    queryKey: [...BULLETIN_KEY, 'history', id],
    queryFn: async () => (await api.get<z.infer<typeof HistoryList>>(`/api/bulletin/bulletins/${id}/history`)).history,
  });
  const settle = (next: Bulletin) => {
    client.setQueryData([...BULLETIN_KEY, 'one', id], next);
    client.invalidateQueries({ queryKey: [...BULLETIN_KEY, 'history', id] });
    client.invalidateQueries({ queryKey: [...BULLETIN_KEY, 'list'] });
  };
  const step = useMutation({
    mutationFn: (what: 'approve' | 'reopen') => api.post<Bulletin>(`/api/bulletin/bulletins/${id}/${what}`),
    onSuccess: settle,
    onError: (err) => showError(err),
  });
  const publish = useMutation({
    mutationFn: () => {
      const hook = robot.trim();
      const robots = hook ? [{ channel: hook.includes('dingtalk') ? 'dingtalk' : 'wecom', webhook: hook }] : [];
      return api.post<{ bulletin: Bulletin }>(`/api/bulletin/bulletins/${id}/publish`, { robots });
    },
    onSuccess: (r) => {
      settle(r.bulletin);
      message.success(t('bl.published'));
    },
    onError: (err) => showError(err),
  });
  const reorder = useMutation({
    mutationFn: (sectionIds: string[]) => api.put<Bulletin>(`/api/bulletin/bulletins/${id}/order`, { sectionIds }),
    onSuccess: settle,
    onError: (err) => showError(err),
  });
  const b = one.data;
  if (!b) return <Card loading />;
  const manage = access['bulletin:manage'] === true;
  const editable = manage && b.status === 'draft';
  const move = (from: number, to: number) => {
    const ids = b.sections.map((s) => s.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved as string);
    reorder.mutate(ids);
  };
  const get = (format: 'pdf' | 'docx') =>
    downloadFile(`/api/bulletin/bulletins/${id}/${format}`, {}, `${b.title}${b.issueNo}.${format}`).catch((err) => showError(err));
  const copyWechat = async () => {
    try {
      const { html } = await api.get<{ html: string }>(`/api/bulletin/bulletins/${id}/wechat`);
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([html], { type: 'text/plain' }) }),
      ]);
      message.success(t('bl.copied'));
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0, color: '#c00' }}>
              {b.title}
            </Typography.Title>
            <span>{b.issueNo}</span>
            <Tag data-testid="bulletin-status">{BULLETIN_STATUS_LABELS[b.status]}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button onClick={() => get('pdf')}>{t('bl.pdf')}</Button>
            <Button onClick={() => get('docx')}>{t('bl.docx')}</Button>
            <Button onClick={copyWechat}>{t('bl.wechat')}</Button>
            {manage && b.status === 'draft' ? (
              <Button type="primary" loading={step.isPending} onClick={() => !step.isPending && step.mutate('approve')}>
                {t('bl.approve')}
              </Button>
            ) : null}
            {manage && b.status === 'approved' ? (
              <Button loading={step.isPending} onClick={() => !step.isPending && step.mutate('reopen')}>
                {t('bl.reopen')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('bl.audience')}>{b.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('bl.createdBy')}>{`${b.createdBy} ${formatTime(b.createdAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('bl.approved')}>
            {b.approvedBy ? `${b.approvedBy} ${formatTime(b.approvedAt)}` : '—'}
          </Descriptions.Item>
        </Descriptions>
        {manage && b.status === 'approved' ? (
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input placeholder={t('bl.robot')} value={robot} onChange={(e) => setRobot(e.target.value)} />
            <Button type="primary" loading={publish.isPending} onClick={() => !publish.isPending && publish.mutate()}>
              {t('bl.publish')}
            </Button>
          </Space.Compact>
        ) : null}
      </Card>
      {b.sections.map((s, i) => (
        <SectionCard key={s.id} b={b} s={s} index={i} editable={editable} onMove={move} />
      ))}
      <Collapse
        items={[
          {
            key: 'h',
            label: t('bl.history'),
            children: (
              <Timeline
                items={(history.data ?? []).map((h) => ({
                  children: `${formatTime(h.at)} ${h.by} ${HISTORY_ACTION_LABELS[h.action]}`,
                }))}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
