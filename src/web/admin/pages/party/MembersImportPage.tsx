import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入党员 (party-members) through the core import pipeline. */
export default function MembersImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="party-members"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/party/orgs')}>
          {t('party.common.toList')}
        </Button>
      }
    />
  );
}
