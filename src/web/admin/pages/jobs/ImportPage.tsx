import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入岗位 through the core import pipeline (template with Chinese headers, preview with row errors, all or nothing). */
export default function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="jobs-positions"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/jobs/positions')}>
          {t('jobs.import.toList')}
        </Button>
      }
    />
  );
}
