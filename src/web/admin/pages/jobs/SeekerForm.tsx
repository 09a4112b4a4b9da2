import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { EDUCATIONS, JOB_DISTRICTS, SEEKER_STATUS_LABEL, SEEKER_STATUSES } from '../../../../contracts/jobs.vocab';
import { useI18n } from '../../../i18n';

/** The seeker's profile fields (intentions, salary, …): the staff's phone registration uses them all. */
export function SeekerFields() {
  const { t } = useI18n();
  const req = (field: string) => [{ required: true, whitespace: true, message: t('jobs.fair.required', { field }) }];
  return (
    <>
      <Space size="large" wrap>
        <Form.Item name="name" label={t('jobs.seeker.name')} rules={req(t('jobs.seeker.name'))}>
          <Input maxLength={40} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="gender" label={t('jobs.seeker.gender')}>
          <Radio.Group
            options={[
              { value: 'male', label: t('jobs.seeker.gender.male') },
              { value: 'female', label: t('jobs.seeker.gender.female') },
            ]}
          />
        </Form.Item>
        <Form.Item name="birthYear" label={t('jobs.seeker.birthYear')}>
          <InputNumber min={1940} max={2015} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Space size="large" wrap>
        <Form.Item
          name="status"
          label={t('jobs.seeker.status')}
          rules={[{ required: true, message: t('jobs.fair.required', { field: t('jobs.seeker.status') }) }]}
        >
          <Select style={{ width: 140 }} options={SEEKER_STATUSES.map((s) => ({ value: s, label: SEEKER_STATUS_LABEL[s] }))} />
        </Form.Item>
        <Form.Item
          name="education"
          label={t('jobs.seeker.education')}
          rules={[{ required: true, message: t('jobs.fair.required', { field: t('jobs.seeker.education') }) }]}
        >
          <Select style={{ width: 140 }} options={EDUCATIONS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="school" label={t('jobs.seeker.school')}>
          <Input maxLength={60} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="major" label={t('jobs.seeker.major')}>
          <Input maxLength={40} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="graduationYear" label={t('jobs.seeker.graduationYear')}>
          <InputNumber min={1960} max={2035} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item name="categories" label={t('jobs.seeker.categories')} extra={t('jobs.common.tagsHint')}>
        <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="industries" label={t('jobs.seeker.industries')}>
          <Select mode="tags" open={false} tokenSeparators={['、', ',', '，']} style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="districts" label={t('jobs.seeker.districts')}>
          <Select mode="multiple" maxCount={5} style={{ width: 300 }} options={JOB_DISTRICTS.map((d) => ({ value: d, label: d }))} />
        </Form.Item>
      </Space>
      <Space size="large" wrap>
        <Form.Item name="salaryMin" label={t('jobs.seeker.salaryMin')}>
          <InputNumber min={0} step={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="salaryMax" label={t('jobs.seeker.salaryMax')}>
          <InputNumber min={0} step={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="experienceYears" label={t('jobs.seeker.experience')}>
          <InputNumber min={0} max={50} style={{ width: 100 }} />
        </Form.Item>
      </Space>
      <Form.Item name="skills" label={t('jobs.seeker.skills')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item label={t('jobs.seeker.available')}>
        <Form.List name="available">
          {(fields, { add, remove }) => (
            <Space direction="vertical">
              {fields.map((f, i) => (
                <Space key={f.key} data-testid={`seeker-window-${i}`}>
                  <Form.Item name={[f.name, 0]} noStyle>
                    <Input placeholder="13:00" maxLength={5} style={{ width: 130 }} addonBefore={t('jobs.seeker.availableFrom')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 1]} noStyle>
                    <Input placeholder="15:00" maxLength={5} style={{ width: 130 }} addonBefore={t('jobs.seeker.availableTo')} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} aria-label={t('jobs.seeker.availableRemove')}>
                    {t('jobs.seeker.availableRemove')}
                  </Button>
                </Space>
              ))}
              {fields.length < 5 ? (
                <Button type="dashed" onClick={() => add(['', ''])} data-testid="seeker-window-add">
                  {t('jobs.seeker.availableAdd')}
                </Button>
              ) : null}
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="smsOptIn" valuePropName="checked">
        <Checkbox>{t('jobs.seeker.smsOptIn')}</Checkbox>
      </Form.Item>
    </>
  );
}
