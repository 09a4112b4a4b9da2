import { Descriptions, Drawer, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../../../contracts/audit';
import { roleName, useI18n } from '../../../i18n';
import { formatTime } from '../../format';
import styles from './audit.module.css';
import { actionLabel } from './auditActions';

function Json({ value, testId }: { value: unknown; testId: string }) {
  return (
    <pre className={styles.json} data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** One audit entry in full, with what the record was before and after the change. */
export function AuditDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useI18n();
  const detail = entry?.detail ?? null;
  const { before, after, ...other } = (detail ?? {}) as { before?: unknown; after?: unknown } & Record<string, unknown>;
  return (
    <Drawer open={!!entry} size={640} title={t('audit.detail')} onClose={onClose} destroyOnHidden>
      {entry && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'seq', label: t('audit.seq'), children: entry.seq },
              { key: 'at', label: t('audit.time'), children: formatTime(entry.at, true) },
              { key: 'actor', label: t('audit.actor'), children: entry.actorName ?? '—' },
              { key: 'role', label: t('audit.role'), children: entry.role ? roleName(entry.role) : '—' },
              { key: 'action', label: t('audit.action'), children: `${actionLabel(entry.action, t)}（${entry.action}）` },
              {
                key: 'target',
                label: t('audit.target'),
                children: entry.targetType ? `${entry.targetType} · ${entry.targetId ?? ''}` : '—',
              },
              { key: 'result', label: t('audit.result'), children: <Tag>{t(`audit.result.${entry.result}`)}</Tag> },
              { key: 'ip', label: t('audit.ip'), children: entry.ip ?? '—' },
              { key: 'req', label: t('audit.requestId'), children: entry.requestId ?? '—' },
            ]}
          />
          {before !== undefined && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('audit.before')}
              </Typography.Title>
              <Json value={before} testId="audit-before" />
            </>
          )}
          {after !== undefined && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('audit.after')}
              </Typography.Title>
              <Json value={after} testId="audit-after" />
            </>
          )}
          {Object.keys(other).length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('audit.other')}
              </Typography.Title>
              <Json value={other} testId="audit-other" />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
