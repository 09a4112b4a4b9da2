import { Alert, Button, Form, Input, Typography } from 'antd';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useMe } from '../../session';
import { useStep } from './useStep';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export default function PasswordPage() {
  const { t } = useI18n();
  const { me } = useMe();
  const { form, error, busy, onFinish } = useStep<Values>(({ currentPassword, newPassword }) =>
    api.post('/api/auth/password', { currentPassword, newPassword }),
  );
  const policy = me?.passwordPolicy;
  return (
    <>
      <Typography.Title level={3}>{t('login.password.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.password.text')}</Typography.Paragraph>
      {policy && (
        <Alert type="info" showIcon title={t('login.password.policy', policy)} style={{ marginBottom: 16 }} data-testid="password-policy" />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('login.password.current')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t('login.password.new')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('login.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('login.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.password.submit')}
        </Button>
      </Form>
    </>
  );
}
