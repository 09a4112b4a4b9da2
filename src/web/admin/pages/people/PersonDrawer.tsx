import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import type { z } from 'zod';
import type { CreatePersonBody, CreatePersonResult, Gender, PersonDetail, UpdatePersonBody } from '../../../../contracts/people';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { PEOPLE_KEY, useNeighborhoods } from './people';

type Values = {
  name: string;
  gender?: Gender | null;
  idNumber: string;
  phone: string;
  altPhone: string;
  neighborhoodId?: string | null;
  road: string;
  lane: string;
  building: string;
  room: string;
};

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * Register a person, or edit one. The stored ID number and phones are never sent to the browser,
 * so their fields start empty: left blank they stay as they are. Whatever the server refuses
 * shows under its field.
 */
export function PersonDrawer({ person, onClose, onSaved }: { person?: PersonDetail; onClose: () => void; onSaved?: (id: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const neighborhoods = useNeighborhoods();
  const editing = !!person;

  const save = useMutation({
    mutationFn: async (v: Values): Promise<{ id: string; merged: boolean }> => {
      const common = {
        name: v.name,
        gender: v.gender ?? undefined,
        neighborhoodId: v.neighborhoodId ?? null,
        road: blankToNull(v.road),
        lane: blankToNull(v.lane),
        building: blankToNull(v.building),
        room: blankToNull(v.room),
      };
      if (editing) {
        const patch: UpdatePersonBody = { ...common };
        if (v.idNumber?.trim()) patch.idNumber = v.idNumber.trim();
        if (v.phone?.trim()) patch.phone = v.phone.trim();
        if (v.altPhone?.trim()) patch.altPhone = v.altPhone.trim();
        const saved = await api.patch<PersonDetail>(`/api/people/${person.id}`, patch);
        return { id: saved.id, merged: false };
      }
      const body: CreatePersonBody = { ...common, idNumber: v.idNumber, phone: blankToNull(v.phone), altPhone: blankToNull(v.altPhone) };
      const r = await api.post<z.infer<typeof CreatePersonResult>>('/api/people', body);
      return { id: r.person.id, merged: r.outcome !== 'created' };
    },
    onSuccess: async ({ id, merged }) => {
      message.success(t(editing ? 'common.saved' : merged ? 'people.merged' : 'people.created'));
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
      onClose();
      onSaved?.(id);
    },
    onError: (err) => showError(err, form),
  });

  const initial: Values = {
    name: person?.name ?? '',
    gender: person?.gender ?? undefined,
    idNumber: '',
    phone: '',
    altPhone: '',
    neighborhoodId: person?.neighborhoodId ?? (neighborhoods.length === 1 ? neighborhoods[0]?.value : undefined),
    road: person?.address.road ?? '',
    lane: person?.address.lane ?? '',
    building: person?.address.building ?? '',
    room: person?.address.room ?? '',
  };
  const keep = (masked: string | null | undefined) => (editing && masked ? t('people.keepBlank', { masked }) : undefined);

  return (
    <Drawer
      open
      size={560}
      title={editing ? `${t('people.edit')} · ${person.name}` : t('people.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="person-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="person-form">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="gender" label={t('people.gender')}>
              <Select allowClear options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`people.gender.${g}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="idNumber"
          label={t('people.idNumber')}
          rules={editing ? [] : [{ required: true, whitespace: true }]}
          extra={t('people.idNumberHelp')}
        >
          <Input maxLength={24} placeholder={keep(person?.idNumberMasked)} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="phone" label={t('people.phone')}>
              <Input maxLength={20} placeholder={keep(person?.phoneMasked)} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="altPhone" label={t('people.altPhone')}>
              <Input maxLength={24} placeholder={keep(person?.altPhoneMasked)} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="neighborhoodId" label={t('people.neighborhood')}>
          <Select allowClear options={neighborhoods} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="road" label={t('people.road')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="lane" label={t('people.lane')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="building" label={t('people.building')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="room" label={t('people.room')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
