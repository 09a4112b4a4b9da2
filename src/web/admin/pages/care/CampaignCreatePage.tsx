import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import type { CampaignDetail, CreateCampaignBody } from '../../../../contracts/care';
import { api, errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { CARE_KEY, FLAG_OPTIONS, useCallers, useCategories, useNeighborhoods } from './data';
import { useTemplates } from './TemplatesPage';

type Values = {
  title: string;
  period: [Dayjs, Dayjs];
  talkingPoints: string;
  filter: { neighborhoodIds?: string[]; categoryIds?: string[]; flags?: string[] };
  splitMode: 'neighborhood' | 'evenly';
  callerIds: string[];
  maxAttempts: number;
};

/** The server names fields of the body; the form shows the two dates as one period and the filter by its first part. */
const FIELD_OF: Record<string, (string | number)[]> = {
  startsOn: ['period'],
  endsOn: ['period'],
  filter: ['filter', 'neighborhoodIds'],
};

/** A new 集中电话慰问: what to say, whom to call (by filter), who calls, and how the list is split. */
export default function CampaignCreatePage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const neighborhoods = useNeighborhoods();
  const categories = useCategories();
  const callers = useCallers();
  const templates = useTemplates();

  const create = useMutation({
    mutationFn: (v: Values) => {
      const body: z.input<typeof CreateCampaignBody> = {
        title: v.title,
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        talkingPoints: v.talkingPoints,
        filter: v.filter,
        splitMode: v.splitMode,
        callerIds: v.callerIds,
        maxAttempts: v.maxAttempts,
      };
      return api.post<CampaignDetail>('/api/care/campaigns', body);
    },
    onSuccess: async (c) => {
      message.success(t('care.c.created', { total: c.total }));
      await client.invalidateQueries({ queryKey: CARE_KEY });
      navigate(`/care/campaigns/${c.id}`, { replace: true });
    },
    onError: (err) => {
      const fields = formFieldErrors(err).map((f) => ({ ...f, name: FIELD_OF[String(f.name[0])] ?? f.name }));
      if (fields.length > 0) form.setFields(fields as never);
      message.error(errorText(err));
    },
  });

  const initial: Partial<Values> = {
    period: [dayjs(), dayjs().add(14, 'day')],
    talkingPoints: t('care.c.pointsDefault'),
    splitMode: 'neighborhood',
    maxAttempts: 3,
    filter: {},
  };

  return (
    <Card title={t('care.c.create')} style={{ maxWidth: 900 }}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => create.mutate(v)} data-testid="campaign-form">
        <Form.Item
          name="title"
          label={t('care.c.titleField')}
          rules={[{ required: true, whitespace: true, message: t('care.c.titleRequired') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item name="period" label={t('care.c.period')} rules={[{ required: true, message: t('care.c.periodRequired') }]}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
        <Form.Item label={t('care.tpl.pick')} extra={t('care.tpl.pickHint')}>
          <Select
            allowClear
            placeholder={t('care.tpl.pick')}
            aria-label={t('care.tpl.pick')}
            loading={templates.isPending}
            options={(templates.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(id?: string) => {
              const picked = templates.data?.find((x) => x.id === id);
              if (picked) form.setFieldValue('talkingPoints', picked.talkingPoints);
            }}
            data-testid="campaign-template"
          />
        </Form.Item>
        <Form.Item
          name="talkingPoints"
          label={t('care.c.points')}
          extra={t('care.c.pointsHint')}
          rules={[{ required: true, whitespace: true, message: t('care.c.pointsRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Card type="inner" size="small" title={t('care.c.who')} style={{ marginBottom: 24 }}>
          <Form.Item name={['filter', 'neighborhoodIds']} label={t('care.c.neighborhoods')} extra={t('care.c.neighborhoodsHint')}>
            <Select mode="multiple" allowClear options={neighborhoods.options} data-testid="campaign-neighborhoods" />
          </Form.Item>
          <Form.Item name={['filter', 'categoryIds']} label={t('care.c.categories')} extra={t('care.c.anyHint')}>
            <Select mode="multiple" allowClear options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name={['filter', 'flags']} label={t('care.c.flags')} extra={t('care.c.flagsHint')} style={{ marginBottom: 0 }}>
            <Select mode="multiple" allowClear options={FLAG_OPTIONS.map((f) => ({ value: f, label: f }))} />
          </Form.Item>
        </Card>
        <Form.Item name="callerIds" label={t('care.c.callers')} rules={[{ required: true, message: t('care.c.callersRequired') }]}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={callers.isPending}
            options={(callers.data ?? []).map((c) => ({
              value: c.id,
              label: c.neighborhoodNames.length ? `${c.name}（${c.neighborhoodNames.join('、')}）` : c.name,
            }))}
            data-testid="campaign-callers"
          />
        </Form.Item>
        <Form.Item name="splitMode" label={t('care.c.split')}>
          <Radio.Group
            options={[
              { value: 'neighborhood', label: t('care.c.split.neighborhood') },
              { value: 'evenly', label: t('care.c.split.evenly') },
            ]}
          />
        </Form.Item>
        <Form.Item name="maxAttempts" label={t('care.c.maxAttempts')} extra={t('care.c.maxAttemptsHint')}>
          <InputNumber min={1} max={10} precision={0} />
        </Form.Item>
        <Space>
          <Button onClick={() => navigate('/care/campaigns')}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="campaign-submit">
            {t('care.c.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
