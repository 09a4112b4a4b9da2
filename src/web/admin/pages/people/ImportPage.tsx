import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入居民 through the core import pipeline. */
export default function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="people"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/people')}>
          {t('people.import.toList')}
        </Button>
      }
    />
  );
}
