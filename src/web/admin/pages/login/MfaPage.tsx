import { Alert, Button, Form, Input, Typography } from 'antd';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useStep } from './useStep';

type Values = { code: string };

export default function MfaPage() {
  const { t } = useI18n();
  const { form, error, busy, onFinish } = useStep<Values>((v) => api.post('/api/auth/totp/verify', v));
  return (
    <>
      <Typography.Title level={3}>{t('login.mfa.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.mfa.text')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <TotpField />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.mfa.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'right' }}>
        <a href="/login">{t('login.mfa.other')}</a>
      </div>
    </>
  );
}

export function TotpField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="code"
      label={t('login.mfa.code')}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.mfa.codeRule') }]}
      normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus style={{ letterSpacing: 8, fontSize: 20 }} />
    </Form.Item>
  );
}
