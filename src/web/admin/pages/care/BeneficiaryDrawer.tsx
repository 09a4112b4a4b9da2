import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import type { BeneficiaryDetail, BeneficiaryWrite } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { CARE_KEY, FLAG_OPTIONS, LIVING_SITUATIONS, useCallers, useCategories, useNeighborhoods } from './data';

type Values = Omit<BeneficiaryWrite, 'priorityReasons'> & { priorityReasons?: string[] };
const PHONES = ['phone', 'altPhone', 'emergencyPhone'] as const;

/**
 * Create a beneficiary or edit one. Phones are never shown in full here: when editing, an empty phone
 * field keeps the number on file, a new number replaces it (and the change is kept as history).
 */
export function BeneficiaryDrawer({
  beneficiary,
  onClose,
  onSaved,
}: {
  beneficiary?: BeneficiaryDetail;
  onClose: () => void;
  onSaved?: (b: BeneficiaryDetail) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const categories = useCategories();
  const neighborhoods = useNeighborhoods();
  const callers = useCallers();
  const editing = !!beneficiary;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = { ...v };
      for (const k of ['road', 'lane', 'building', 'room', 'disabilityGrade', 'healthNotes', 'emergencyName', 'note'] as const) {
        if (typeof body[k] === 'string') body[k] = (body[k] as string).trim() || null;
      }
      // a cleared choice is a removed value, not an unchanged one
      for (const k of ['livingSituation', 'staffAccountId', 'volunteerAccountId'] as const) body[k] = v[k] ?? null;
      if (editing) {
        for (const k of PHONES) if (!v[k]) delete body[k];
        delete body.idNumber;
        return api.patch<BeneficiaryDetail>(`/api/care/beneficiaries/${beneficiary.id}`, body);
      }
      for (const k of PHONES) if (!v[k]) body[k] = null;
      return api.post<BeneficiaryDetail>('/api/care/beneficiaries', body);
    },
    onSuccess: async (b) => {
      message.success(t(editing ? 'common.saved' : 'care.b.created'));
      client.setQueryData([...CARE_KEY, 'beneficiary', b.id], b);
      await client.invalidateQueries({ queryKey: CARE_KEY });
      onSaved?.(b);
      onClose();
    },
    onError: (err) => showError(err, form),
  });

  const initial: Partial<Values> = beneficiary
    ? {
        name: beneficiary.name,
        gender: beneficiary.gender ?? undefined,
        neighborhoodId: beneficiary.neighborhoodId,
        road: beneficiary.road,
        lane: beneficiary.lane,
        building: beneficiary.building,
        room: beneficiary.room,
        categoryId: beneficiary.categoryId,
        disabilityGrade: beneficiary.disabilityGrade,
        livingSituation: beneficiary.livingSituation,
        healthNotes: beneficiary.healthNotes,
        priorityReasons: beneficiary.priorityReasons,
        emergencyName: beneficiary.emergencyName,
        note: beneficiary.note,
        staffAccountId: beneficiary.staffAccountId,
        volunteerAccountId: beneficiary.volunteerAccountId,
      }
    : { priorityReasons: [] };
  const staff = (callers.data ?? []).filter((c) => !c.roles.every((r) => r === 'volunteer'));
  const volunteers = (callers.data ?? []).filter((c) => c.roles.includes('volunteer'));
  const phoneHint = (masked: string | null | undefined) =>
    editing ? t('care.b.phoneKeep', { masked: masked ?? t('common.none') }) : undefined;

  return (
    <Drawer
      open
      size={640}
      title={editing ? t('care.b.editTitle', { name: beneficiary.name }) : t('care.b.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="beneficiary-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="beneficiary-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('care.b.name')}
              rules={[{ required: true, whitespace: true, message: t('care.b.nameRequired') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="gender" label={t('care.b.gender')}>
              <Select
                allowClear
                options={[
                  { value: 'male', label: t('care.gender.male') },
                  { value: 'female', label: t('care.gender.female') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {!editing && (
          <Form.Item
            name="idNumber"
            label={t('care.b.idNumber')}
            rules={[{ required: true, whitespace: true, message: t('care.b.idRequired') }]}
          >
            <Input maxLength={24} autoComplete="off" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="phone" label={t('care.b.phone')} extra={phoneHint(beneficiary?.phoneMasked)}>
              <Input maxLength={20} autoComplete="off" placeholder={editing ? t('care.b.phoneNew') : undefined} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="altPhone" label={t('care.b.altPhone')} extra={phoneHint(beneficiary?.altPhoneMasked)}>
              <Input maxLength={24} autoComplete="off" placeholder={editing ? t('care.b.phoneNew') : undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="neighborhoodId"
              label={t('care.b.neighborhood')}
              rules={[{ required: true, message: t('care.b.neighborhoodRequired') }]}
            >
              <Select options={neighborhoods.options} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="road" label={t('care.b.road')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="lane" label={t('care.b.lane')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="building" label={t('care.b.building')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="room" label={t('care.b.room')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="categoryId" label={t('care.b.category')} rules={[{ required: true, message: t('care.b.categoryRequired') }]}>
              <Select options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="disabilityGrade" label={t('care.b.disabilityGrade')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="livingSituation" label={t('care.b.livingSituation')}>
              <Select allowClear options={LIVING_SITUATIONS.map((v) => ({ value: v, label: t(`care.livingSituation.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="priorityReasons" label={t('care.b.priorityReasons')} extra={t('care.b.priorityReasonsHint')}>
              <Select
                mode="tags"
                maxCount={10}
                options={FLAG_OPTIONS.filter((f) => f !== '80岁以上').map((f) => ({ value: f, label: f }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="healthNotes" label={t('care.b.healthNotes')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="emergencyName" label={t('care.b.emergencyName')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="emergencyPhone" label={t('care.b.emergencyPhone')} extra={phoneHint(beneficiary?.emergencyPhoneMasked)}>
              <Input maxLength={20} autoComplete="off" placeholder={editing ? t('care.b.phoneNew') : undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="staffAccountId" label={t('care.b.staff')}>
              <Select allowClear options={staff.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="volunteerAccountId" label={t('care.b.volunteer')}>
              <Select allowClear options={volunteers.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('care.b.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
