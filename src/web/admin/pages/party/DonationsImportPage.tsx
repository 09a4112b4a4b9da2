import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入捐款 (party-donations) through the core import pipeline. */
export default function DonationsImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="party-donations"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/party/campaigns')}>
          {t('party.common.toList')}
        </Button>
      }
    />
  );
}
