import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useStep } from './useStep';

type Values = { username: string; password: string };

export default function LoginPage() {
  const { t } = useI18n();
  const { form, error, busy, onFinish } = useStep<Values>((v) => api.post('/api/auth/login', v));
  return (
    <>
      <Typography.Title level={3}>{t('login.title')}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'right' }}>
        <a href="/m/login">{t('login.residentHint')}</a>
      </div>
    </>
  );
}
