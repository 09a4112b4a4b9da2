import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { QuestionItem, QuizItem } from '../../../../contracts/training';
import { TRAINING_TAGS } from '../../../../contracts/training.vocab';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { formatTime } from '../../format';
import { useMe } from '../../session';
import { TRAINING_KEY } from './data';

/** 测验: live class quizzes and self-paced ones; the live screen and the results from here. */
export default function QuizzesPage() {
  const { t } = useI18n();
  const { access } = useMe();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: [...TRAINING_KEY, 'quizzes'],
    queryFn: async () => (await api.get<{ quizzes: QuizItem[] }>('/api/training/quizzes')).quizzes,
  });
  return (
    <Card
      title={t('training.z.title')}
      extra={
        access['training:manage'] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="quiz-create">
            {t('training.z.create')}
          </Button>
        )
      }
    >
      <Table<QuizItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data}
        data-testid="quizzes-table"
        columns={[
          { title: t('training.z.titleField'), dataIndex: 'title' },
          {
            title: t('training.z.mode'),
            dataIndex: 'mode',
            width: 100,
            render: (m: string) => <Tag color={m === 'live' ? 'blue' : 'default'}>{t(`training.z.mode.${m}`)}</Tag>,
          },
          { title: t('training.z.code'), dataIndex: 'joinCode', width: 100 },
          { title: t('training.z.questions'), dataIndex: 'questionCount', width: 70, align: 'right' },
          { title: t('training.z.max'), dataIndex: 'maxScore', width: 70, align: 'right' },
          { title: t('training.z.participants'), dataIndex: 'participants', width: 90, align: 'right' },
          {
            title: t('training.z.state'),
            key: 'state',
            width: 100,
            render: (_, z) => (z.mode === 'live' ? t(`training.live.state.${z.liveState}`) : '—'),
          },
          { title: t('training.z.created'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 190,
            render: (_, z) => (
              <Space size={0}>
                {z.mode === 'live' && access['training:manage'] && (
                  <Link to={`/training/quizzes/${z.id}/live`} data-testid={`live-${z.id}`}>
                    <Button type="link" size="small">
                      {t('training.z.liveScreen')}
                    </Button>
                  </Link>
                )}
                <Link to={`/training/quizzes/${z.id}/results`}>
                  <Button type="link" size="small">
                    {t('training.z.results')}
                  </Button>
                </Link>
              </Space>
            ),
          },
        ]}
      />
      {open && <CreateQuiz onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface ZForm {
  title: string;
  mode: 'live' | 'self_paced';
  selection: 'fixed' | 'random';
  questionIds: string[];
  points: number;
  rules: { tag?: string; difficultyMin?: number; difficultyMax?: number; count: number; points: number }[];
  multipleRule: 'partial' | 'all_or_nothing';
  timeLimitMinutes?: number;
  maxAttempts?: number;
  showRanking: boolean;
}

function CreateQuiz({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ZForm>();
  const showError = useShowError();
  const client = useQueryClient();
  const selection = Form.useWatch('selection', form) ?? 'fixed';
  const mode = Form.useWatch('mode', form) ?? 'live';
  const bank = useQuery({
    queryKey: [...TRAINING_KEY, 'questions', 'all'],
    queryFn: async () => (await api.get<{ questions: QuestionItem[] }>('/api/training/questions')).questions,
  });
  const save = useMutation({
    mutationFn: (v: ZForm) =>
      api.post('/api/training/quizzes', {
        title: v.title,
        mode: v.mode,
        selection: v.selection,
        questions: v.selection === 'fixed' ? (v.questionIds ?? []).map((questionId) => ({ questionId, points: v.points ?? 1 })) : [],
        rules: v.selection === 'random' ? v.rules : [],
        multipleRule: v.multipleRule,
        timeLimitMinutes: v.timeLimitMinutes ?? null,
        maxAttempts: v.maxAttempts ?? null,
        showRanking: !!v.showRanking,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open
      width={760}
      title={t('training.z.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          mode: 'live',
          selection: 'fixed',
          points: 1,
          multipleRule: 'partial',
          showRanking: true,
          rules: [{ count: 5, points: 2 }],
        }}
      >
        <Form.Item name="title" label={t('training.z.titleField')} rules={[{ required: true, message: t('training.z.titleRequired') }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="mode" label={t('training.z.mode')}>
            <Radio.Group options={['live', 'self_paced'].map((m) => ({ value: m, label: t(`training.z.mode.${m}`) }))} />
          </Form.Item>
          <Form.Item name="selection" label={t('training.z.selection')}>
            <Radio.Group options={['fixed', 'random'].map((m) => ({ value: m, label: t(`training.z.selection.${m}`) }))} />
          </Form.Item>
          <Form.Item name="multipleRule" label={t('training.z.multipleRule')}>
            <Radio.Group options={['partial', 'all_or_nothing'].map((m) => ({ value: m, label: t(`training.z.rule.${m}`) }))} />
          </Form.Item>
        </Space>
        {selection === 'fixed' ? (
          <Space align="start">
            <Form.Item name="questionIds" label={t('training.z.pick')} style={{ width: 560 }}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={(bank.data ?? []).map((q) => ({ value: q.id, label: q.stem }))}
                data-testid="quiz-questions"
              />
            </Form.Item>
            <Form.Item name="points" label={t('training.z.points')}>
              <InputNumber min={0.5} max={100} step={0.5} />
            </Form.Item>
          </Space>
        ) : (
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'tag']}>
                      <Select
                        allowClear
                        placeholder={t('training.q.tag')}
                        style={{ width: 140 }}
                        options={TRAINING_TAGS.map((x) => ({ value: x, label: x }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'difficultyMin']}>
                      <InputNumber min={1} max={5} placeholder={t('training.z.dMin')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'difficultyMax']}>
                      <InputNumber min={1} max={5} placeholder={t('training.z.dMax')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'count']} label={t('training.z.count')}>
                      <InputNumber min={1} max={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} label={t('training.z.points')}>
                      <InputNumber min={0.5} max={100} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(f.name)}>
                      {t('common.delete')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ count: 1, points: 2 })}>{t('training.z.addRule')}</Button>
              </>
            )}
          </Form.List>
        )}
        <Space wrap style={{ marginTop: 16 }}>
          {mode === 'self_paced' && (
            <>
              <Form.Item name="timeLimitMinutes" label={t('training.z.timeLimit')}>
                <InputNumber min={1} max={600} />
              </Form.Item>
              <Form.Item name="maxAttempts" label={t('training.z.attempts')}>
                <InputNumber min={1} max={20} />
              </Form.Item>
            </>
          )}
          <Form.Item name="showRanking" valuePropName="checked">
            <Checkbox>{t('training.z.showRanking')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
