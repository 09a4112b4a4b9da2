import { HistoryOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { QuestionItem, QuestionWrite } from '../../../../contracts/training';
import { QUESTION_KINDS, TRAINING_TAGS, TRUE_FALSE_LABELS } from '../../../../contracts/training.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { kindKey, TRAINING_KEY } from './data';

const optionText = (q: Pick<QuestionItem, 'options'>, key: string) =>
  q.options.find((o) => o.key === key)?.text ?? TRUE_FALSE_LABELS[key] ?? key;

/** 题库: questions by tag and difficulty; add, edit (with history), import from Excel. */
export default function QuestionsPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const navigate = useNavigate();
  const [tag, setTag] = useState<string>();
  const [difficulty, setDifficulty] = useState<number>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<QuestionItem | 'new' | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...TRAINING_KEY, 'questions', tag, difficulty, q],
    queryFn: async () => (await api.get<{ questions: QuestionItem[] }>('/api/training/questions', { tag, difficulty, q })).questions,
  });
  return (
    <Card
      title={t('training.q.title')}
      extra={
        access['training:manage'] && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/training/import')}>
              {t('training.q.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('training.q.create')}
            </Button>
          </Space>
        )
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          allowClear
          placeholder={t('training.q.tag')}
          style={{ width: 160 }}
          value={tag}
          onChange={setTag}
          options={TRAINING_TAGS.map((x) => ({ value: x, label: x }))}
        />
        <Select
          allowClear
          placeholder={t('training.q.difficulty')}
          style={{ width: 120 }}
          value={difficulty}
          onChange={setDifficulty}
          options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `${t('training.q.difficulty')} ${d}` }))}
        />
        <Input.Search placeholder={t('training.q.search')} allowClear onSearch={setQ} style={{ width: 240 }} />
      </Space>
      <Table<QuestionItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data}
        data-testid="questions-table"
        columns={[
          { title: t('training.q.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(kindKey(k)) },
          { title: t('training.q.stem'), dataIndex: 'stem' },
          {
            title: t('training.q.answer'),
            key: 'answer',
            width: 160,
            render: (_, x) => x.answer.map((a) => (x.kind === 'true_false' ? optionText(x, a) : a)).join('、'),
          },
          {
            title: t('training.q.tag'),
            dataIndex: 'tags',
            width: 200,
            render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>),
          },
          { title: t('training.q.difficulty'), dataIndex: 'difficulty', width: 70, align: 'right' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_, x) => (
              <Space size={0}>
                {access['training:manage'] && (
                  <Button type="link" size="small" onClick={() => setEditing(x)}>
                    {t('training.q.edit')}
                  </Button>
                )}
                <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(x.id)} disabled={x.version === 1}>
                  v{x.version}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <EditQuestion question={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {history && <History id={history} onClose={() => setHistory(null)} />}
    </Card>
  );
}

function History({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const h = useQuery({
    queryKey: [...TRAINING_KEY, 'history', id],
    queryFn: () =>
      api.get<{ versions: { version: number; changedAt: string; changedBy: string | null; question: QuestionWrite }[] }>(
        `/api/training/questions/${id}/history`,
      ),
  });
  return (
    <Drawer open title={t('training.q.history')} onClose={onClose} width={520}>
      <Timeline
        items={(h.data?.versions ?? []).map((v) => ({
          children: (
            <>
              <b>v{v.version}</b> {formatTime(v.changedAt)} {v.changedBy ?? ''}
              <div>{v.question.stem}</div>
              <div>
                {t('training.q.answer')}：{v.question.answer.join('、')}
              </div>
            </>
          ),
        }))}
      />
    </Drawer>
  );
}

interface QForm {
  kind: QuestionItem['kind'];
  stem: string;
  options: { text: string }[];
  answer: string[] | string;
  explanation: string;
  tags: string[];
  difficulty: number;
}

function EditQuestion({ question, onClose }: { question: QuestionItem | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<QForm>();
  const showError = useShowError();
  const client = useQueryClient();
  const kind = Form.useWatch('kind', form) ?? question?.kind ?? 'single';
  const options = Form.useWatch('options', form) ?? [];
  const keys = kind === 'true_false' ? ['T', 'F'] : options.map((_, i) => 'ABCDEFGH'[i] as string);
  const save = useMutation({
    mutationFn: (v: QForm) => {
      const body: QuestionWrite = {
        kind: v.kind,
        stem: v.stem,
        options:
          kind === 'true_false'
            ? [
                { key: 'T', text: '对' },
                { key: 'F', text: '错' },
              ]
            : v.options.map((o, i) => ({ key: 'ABCDEFGH'[i] as string, text: o.text })),
        answer: Array.isArray(v.answer) ? v.answer : [v.answer],
        explanation: v.explanation ?? '',
        tags: v.tags ?? [],
        difficulty: v.difficulty,
      };
      return question ? api.put(`/api/training/questions/${question.id}`, body) : api.post('/api/training/questions', body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  const initial: Partial<QForm> = question
    ? {
        ...question,
        options: question.options.map((o) => ({ text: o.text })),
        answer: question.kind === 'multiple' ? question.answer : question.answer[0],
      }
    : { kind: 'single', options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }], difficulty: 2, tags: [] };
  return (
    <Modal
      open
      width={720}
      title={t(question ? 'training.q.edit' : 'training.q.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('training.q.kind')}>
          <Radio.Group options={QUESTION_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))} />
        </Form.Item>
        <Form.Item name="stem" label={t('training.q.stem')} rules={[{ required: true, message: t('training.q.stemRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {kind !== 'true_false' && (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <b>{'ABCDEFGH'[i]}</b>
                    <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: t('training.q.optionRequired') }]}>
                      <Input style={{ width: 480 }} maxLength={200} />
                    </Form.Item>
                    {fields.length > 2 && (
                      <Button type="link" onClick={() => remove(f.name)}>
                        {t('common.delete')}
                      </Button>
                    )}
                  </Space>
                ))}
                {fields.length < 8 && <Button onClick={() => add({ text: '' })}>{t('training.q.addOption')}</Button>}
              </>
            )}
          </Form.List>
        )}
        <Form.Item
          name="answer"
          label={t('training.q.answer')}
          rules={[{ required: true, message: t('training.q.answerRequired') }]}
          style={{ marginTop: 16 }}
        >
          {kind === 'multiple' ? (
            <Select mode="multiple" options={keys.map((k) => ({ value: k, label: k }))} />
          ) : (
            <Radio.Group
              options={keys.map((k) => ({ value: k, label: TRUE_FALSE_LABELS[k] && kind === 'true_false' ? TRUE_FALSE_LABELS[k] : k }))}
            />
          )}
        </Form.Item>
        <Form.Item name="explanation" label={t('training.q.explanation')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Space>
          <Form.Item name="tags" label={t('training.q.tag')}>
            <Select mode="tags" style={{ width: 360 }} options={TRAINING_TAGS.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="difficulty" label={t('training.q.difficulty')}>
            <InputNumber min={1} max={5} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
