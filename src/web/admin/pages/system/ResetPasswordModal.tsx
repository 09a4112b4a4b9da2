import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { AccountItem } from '../../../../contracts/accounts';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';

export function ResetPasswordModal({ account, onClose }: { account: AccountItem; onClose: () => void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const [form] = Form.useForm<{ newPassword: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const reset = useMutation({
    mutationFn: (v: { newPassword: string }) => api.post(`/api/accounts/${account.id}/reset-password`, v),
    onSuccess: async () => {
      message.success(t('accounts.passwordReset'));
      await client.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (err) => showError(err, form),
  });
  return (
    <Modal
      open
      title={`${t('accounts.resetPassword')} · ${account.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      okText={t('accounts.resetPassword')}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('accounts.resetPasswordHelp')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <Form.Item
          name="newPassword"
          label={t('accounts.newPassword')}
          rules={[{ required: true }]}
          extra={me ? t('login.password.policy', me.passwordPolicy) : undefined}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
