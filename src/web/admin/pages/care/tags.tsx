import { Tag } from 'antd';
import type { NeedItemRow } from '../../../../contracts/care';
import { useI18n } from '../../../i18n';

const STATUS_COLOR: Record<NeedItemRow['status'], string> = {
  registered: 'gold',
  verified: 'blue',
  arranged: 'purple',
  delivered: 'green',
  cancelled: 'default',
};

export function NeedStatusTag({ status }: { status: NeedItemRow['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`care.needStatus.${status}`)}</Tag>;
}

const URGENCY_COLOR: Record<NeedItemRow['urgency'], string | undefined> = { normal: undefined, urgent: 'orange', critical: 'red' };

export function UrgencyTag({ urgency }: { urgency: NeedItemRow['urgency'] }) {
  const { t } = useI18n();
  return <Tag color={URGENCY_COLOR[urgency]}>{t(`care.urgency.${urgency}`)}</Tag>;
}
