import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { RevealField, RevealResult } from '../../../../contracts/people';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../feedback';
import { useMe } from '../../session';

/** How long a revealed value stays on screen. */
export const REVEAL_SECONDS = 30;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/**
 * A masked value with, for those holding people:reveal, a button that fetches the full value (an
 * audited call, each time) and shows it for a short while before masking it again.
 */
export function RevealValue({ personId, field, masked }: { personId: string; field: RevealField; masked: string | null }) {
  const { t } = useI18n();
  const { access } = useMe();
  const showError = useShowError();
  const [shown, setShown] = useState<{ value: string; left: number } | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.post<z.infer<typeof RevealResult>>(`/api/people/${personId}/reveal`, { field }),
    onSuccess: (r) => setShown(r.value ? { value: r.value, left: REVEAL_SECONDS } : null),
    onError: (err) => showError(err),
  });

  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(shown.left > 1 ? { ...shown, left: shown.left - 1 } : null), 1000);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!masked) return <span>—</span>;
  if (shown) {
    return (
      <Space orientation="vertical" size={0} data-testid={`revealed-${field}`}>
        <Space>
          <Typography.Text strong style={mono} copyable>
            {shown.value}
          </Typography.Text>
          <Button size="small" type="link" onClick={() => setShown(null)}>
            {t('people.hide')}
          </Button>
        </Space>
        <Typography.Text type="warning" style={{ fontSize: 12 }} role="status">
          {t('people.revealNote', { seconds: shown.left })}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space>
      <span style={mono}>{masked}</span>
      {access['people:reveal'] && (
        <Button
          size="small"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          onClick={() => reveal.mutate()}
          data-testid={`reveal-${field}`}
        >
          {t('people.reveal')}
        </Button>
      )}
    </Space>
  );
}
