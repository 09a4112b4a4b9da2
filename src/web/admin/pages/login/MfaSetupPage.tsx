import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Skeleton, Typography } from 'antd';
import QRCode from 'qrcode';
import type { z } from 'zod';
import type { TotpSetup } from '../../../../contracts/auth';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { TotpField } from './MfaPage';
import { useStep } from './useStep';

type Values = { code: string };

/** Enrol a TOTP authenticator: a fresh secret as a QR code and as text, then one code to prove it. */
export default function MfaSetupPage() {
  const { t } = useI18n();
  // every call makes a new secret: fetch it once per visit, never again behind the user's back
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: async () => {
      const s = await api.post<z.infer<typeof TotpSetup>>('/api/auth/totp/setup');
      return { ...s, qr: await QRCode.toDataURL(s.otpauthUrl, { margin: 1, width: 200 }) };
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const { form, error, busy, onFinish } = useStep<Values>((v) => api.post('/api/auth/totp/enable', v));
  return (
    <>
      <Typography.Title level={3}>{t('login.mfaSetup.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.mfaSetup.text')}</Typography.Paragraph>
      {setup.isError && <Alert type="error" showIcon title={errorText(setup.error)} style={{ marginBottom: 16 }} role="alert" />}
      {setup.isPending && <Skeleton.Node active style={{ width: 200, height: 200 }} />}
      {setup.data && (
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <img src={setup.data.qr} alt={t('login.mfaSetup.qrAlt')} width={200} height={200} />
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{t('login.mfaSetup.secret')}</Typography.Text>
            <div>
              <Typography.Text code copyable={{ text: setup.data.secret }} style={{ fontSize: 15 }}>
                <span data-testid="totp-secret">{setup.data.secret}</span>
              </Typography.Text>
            </div>
          </div>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <TotpField />
        <Button type="primary" htmlType="submit" block loading={busy} disabled={!setup.data}>
          {t('login.mfaSetup.submit')}
        </Button>
      </Form>
    </>
  );
}
