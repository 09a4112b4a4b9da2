import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import type { Query } from '../../api';
import { useI18n } from '../../i18n';
import { downloadFile } from '../download';
import { useShowError } from '../feedback';

/**
 * The export button of every list: downloads the server's (masked, audited) workbook for the
 * list's current filters, and shows a refusal as the server's message instead of a page of JSON.
 */
export function ExportButton(props: { path: string; query: Query; fileName: string; label?: string; done?: string; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const run = useMutation({
    mutationFn: () => downloadFile(props.path, props.query, props.fileName),
    onSuccess: () => {
      if (props.done) message.success(props.done);
    },
    onError: (err) => showError(err),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid={props.testId}>
      {props.label ?? t('common.export')}
    </Button>
  );
}
