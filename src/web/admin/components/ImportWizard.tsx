import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Space, Statistic, Steps, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import type { ImportKindList, ImportPreview, RowError } from '../../../contracts/imports';
import { api } from '../../api';
import { addMessages, useI18n } from '../../i18n';
import { importEn, importZh } from '../../locales/import';
import { useShowError } from '../feedback';
import styles from './ImportWizard.module.css';

addMessages({ 'zh-CN': importZh, en: importEn });

type KindInfo = z.infer<typeof ImportKindList>['kinds'][number];
type Step = 'template' | 'upload' | 'preview' | 'confirm' | 'done';
const STEPS: Step[] = ['template', 'upload', 'preview', 'confirm', 'done'];

/** `row:column` → messages, for marking the cells of the sample that are wrong. */
function errorIndex(errors: RowError[]) {
  const cells = new Map<string, string[]>();
  const rows = new Set<number>();
  for (const e of errors) {
    rows.add(e.row);
    const key = `${e.row}:${e.column}`;
    cells.set(key, [...(cells.get(key) ?? []), e.message]);
  }
  return { cells, rows };
}

/**
 * The one import wizard of the admin app, for any kind the server registers (people,
 * beneficiaries, …): download the template → upload the filled file → preview with every error by
 * row and column → confirm → result. A file with any error cannot be confirmed: the server writes
 * all rows in one transaction or none.
 */
export function ImportWizard({ kind, doneExtra }: { kind: string; doneExtra?: ReactNode }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('template');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const showError = useShowError();
  const client = useQueryClient();
  const kinds = useQuery({ queryKey: ['imports', 'kinds'], queryFn: () => api.get<z.infer<typeof ImportKindList>>('/api/imports') });
  const info = kinds.data?.kinds.find((k) => k.kind === kind);

  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.postForm<ImportPreview>(`/api/imports/${kind}`, form);
    },
    onSuccess: (p) => {
      setPreview(p);
      setStep('preview');
    },
    onError: (err) => showError(err),
  });

  const commit = useMutation({
    mutationFn: (id: string) => api.post<ImportPreview>(`/api/imports/${kind}/${id}/commit`),
    onSuccess: async (p) => {
      setPreview(p);
      // the server may still find a conflict at commit: then nothing was written and the errors show again
      setStep(p.status === 'committed' ? 'done' : 'preview');
      if (p.status === 'committed') await client.invalidateQueries();
    },
    onError: (err) => showError(err),
  });

  const again = () => {
    // the previous upload is no longer wanted; forgetting it on the server is a courtesy
    if (preview && preview.status === 'previewed') api.del(`/api/imports/${kind}/${preview.id}`).catch(() => undefined);
    setPreview(null);
    setStep('upload');
  };

  return (
    <Card
      title={info ? t('import.title', { label: info.label }) : t('import.titleAny')}
      loading={kinds.isPending}
      data-testid="import-wizard"
    >
      <Steps
        current={STEPS.indexOf(step)}
        items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))}
        style={{ marginBottom: 24 }}
        data-testid="import-steps"
      />
      {kinds.isError && <Alert type="error" showIcon title={t('import.kindMissing')} />}
      {info && step === 'template' && <TemplateStep info={info} onNext={() => setStep('upload')} />}
      {info && step === 'upload' && (
        <UploadStep info={info} busy={upload.isPending} onFile={(f) => upload.mutate(f)} onBack={() => setStep('template')} />
      )}
      {preview && step === 'preview' && <PreviewStep preview={preview} onAgain={again} onNext={() => setStep('confirm')} />}
      {preview && step === 'confirm' && (
        <ConfirmStep
          preview={preview}
          busy={commit.isPending}
          onBack={() => setStep('preview')}
          onConfirm={() => commit.mutate(preview.id)}
        />
      )}
      {preview && step === 'done' && (
        <Result
          status="success"
          title={t('import.done.title')}
          subTitle={t('import.done.text', {
            created: preview.report.created,
            updated: preview.report.updated,
            unchanged: preview.report.unchanged,
          })}
          data-testid="import-done"
          extra={
            <Space>
              {doneExtra}
              <Button
                onClick={() => {
                  setPreview(null);
                  setStep('upload');
                }}
              >
                {t('import.another')}
              </Button>
            </Space>
          }
        />
      )}
    </Card>
  );
}

function TemplateStep({ info, onNext }: { info: KindInfo; onNext: () => void }) {
  const { t } = useI18n();
  const columns: ColumnsType<KindInfo['columns'][number]> = [
    {
      title: t('import.col.header'),
      dataIndex: 'header',
      width: 160,
      render: (h: string, c) => (
        <Space size={4}>
          <Typography.Text strong>{h}</Typography.Text>
          {c.required && <Tag color="red">{t('import.col.required')}</Tag>}
        </Space>
      ),
    },
    { title: t('import.col.example'), dataIndex: 'example', width: 180 },
    {
      title: t('import.col.rule'),
      key: 'rule',
      render: (_, c) => [c.hint, c.options ? t('import.col.options', { options: c.options.join('、') }) : null].filter(Boolean).join('；'),
    },
  ];
  return (
    <>
      <Typography.Paragraph>{t('import.template.text', { label: info.label })}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<DownloadOutlined />} href={info.templateUrl} data-testid="import-template">
          {t('import.template.download')}
        </Button>
        <Button onClick={onNext} data-testid="import-to-upload">
          {t('import.template.next')}
        </Button>
      </Space>
      <Table rowKey="header" size="small" pagination={false} columns={columns} dataSource={info.columns} />
    </>
  );
}

function UploadStep({ info, busy, onFile, onBack }: { info: KindInfo; busy: boolean; onFile: (f: File) => void; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="import-upload">
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('import.upload.busy') : t('import.upload.text')}</p>
        <p className="ant-upload-hint">{t('import.upload.hint', { label: info.label })}</p>
      </Upload.Dragger>
      <Button style={{ marginTop: 16 }} onClick={onBack}>
        {t('common.back')}
      </Button>
    </div>
  );
}

function Counts({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const r = preview.report;
  const errors = r.errors.length + (r.moreErrors ?? 0);
  return (
    <Row gutter={24} className={styles.counts} data-testid="import-counts">
      <Col>
        <Statistic title={t('import.count.rows')} value={r.rows} />
      </Col>
      <Col>
        <Statistic title={t('import.count.errors')} value={errors} styles={{ content: { color: errors ? '#cf1322' : undefined } }} />
      </Col>
      {r.ok && (
        <>
          <Col>
            <Statistic title={t('import.count.created')} value={r.created} />
          </Col>
          <Col>
            <Statistic title={t('import.count.updated')} value={r.updated} />
          </Col>
          <Col>
            <Statistic title={t('import.count.unchanged')} value={r.unchanged} />
          </Col>
        </>
      )}
    </Row>
  );
}

function PreviewStep({ preview, onAgain, onNext }: { preview: ImportPreview; onAgain: () => void; onNext: () => void }) {
  const { t } = useI18n();
  const r = preview.report;
  const index = errorIndex(r.errors);
  const errorColumns: ColumnsType<RowError> = [
    { title: t('import.err.row'), dataIndex: 'row', width: 90, render: (row: number) => (row === 0 ? t('import.err.file') : row) },
    { title: t('import.err.column'), dataIndex: 'column', width: 160, render: (c: string) => c || '—' },
    { title: t('import.err.message'), dataIndex: 'message' },
  ];
  type Sample = ImportPreview['sample'][number];
  const sampleColumns: ColumnsType<Sample> = [
    { title: t('import.err.row'), dataIndex: 'row', width: 64, fixed: 'left' },
    ...preview.columns.map((header, i) => ({
      title: header,
      key: header,
      ellipsis: true,
      onCell: (s: Sample) => {
        const messages = index.cells.get(`${s.row}:${header}`);
        return messages ? { className: styles.bad, title: messages.join('；'), 'data-error': 'true' } : {};
      },
      render: (_: unknown, s: Sample) => {
        const messages = index.cells.get(`${s.row}:${header}`);
        const value = s.cells[i] ?? '';
        if (!messages) return value;
        return (
          <Tooltip title={messages.join('；')}>
            <span>
              <WarningOutlined className={styles.mark} aria-label={t('import.err.cell')} />
              {value || t('import.err.empty')}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <>
      <Typography.Text type="secondary">{t('import.preview.file', { name: preview.fileName })}</Typography.Text>
      <Counts preview={preview} />
      {r.ok ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('import.preview.ok', { rows: r.rows })}
          data-testid="import-ok"
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('import.preview.bad', { errors: r.errors.length + (r.moreErrors ?? 0) })}
          description={t('import.preview.badText')}
          data-testid="import-bad"
        />
      )}
      {r.errors.length > 0 && (
        <div className={styles.section}>
          <Typography.Title level={5}>{t('import.preview.errors')}</Typography.Title>
          <Table<RowError>
            rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
            size="small"
            columns={errorColumns}
            dataSource={r.errors}
            pagination={r.errors.length > 20 ? { pageSize: 20 } : false}
            data-testid="import-errors"
          />
          {(r.moreErrors ?? 0) > 0 && (
            <Typography.Text type="secondary">{t('import.preview.more', { n: r.moreErrors ?? 0 })}</Typography.Text>
          )}
        </div>
      )}
      <div className={styles.section}>
        <Typography.Title level={5}>{t('import.preview.sample', { n: preview.sample.length })}</Typography.Title>
        <Table<Sample>
          rowKey="row"
          size="small"
          columns={sampleColumns}
          dataSource={preview.sample}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(s) => (index.rows.has(s.row) ? (styles.badRow ?? '') : '')}
          data-testid="import-sample"
        />
      </div>
      <Space className={styles.section}>
        <Button onClick={onAgain} data-testid="import-again">
          {t('import.preview.again')}
        </Button>
        <Tooltip title={r.ok ? undefined : t('import.preview.blocked')}>
          <Button type="primary" disabled={!r.ok} onClick={onNext} data-testid="import-next">
            {t('import.preview.next')}
          </Button>
        </Tooltip>
        {!r.ok && <Typography.Text type="danger">{t('import.preview.blocked')}</Typography.Text>}
      </Space>
    </>
  );
}

function ConfirmStep({
  preview,
  busy,
  onBack,
  onConfirm,
}: {
  preview: ImportPreview;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <Alert type="info" showIcon title={t('import.confirm.title', { rows: preview.report.rows })} description={t('import.confirm.text')} />
      <Counts preview={preview} />
      <Space>
        <Button onClick={onBack} disabled={busy}>
          {t('common.back')}
        </Button>
        <Button type="primary" loading={busy} disabled={!preview.report.ok} onClick={onConfirm} data-testid="import-commit">
          {t('import.confirm.button')}
        </Button>
      </Space>
    </>
  );
}
