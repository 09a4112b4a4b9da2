import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入优抚对象 through the core import pipeline. */
export default function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="beneficiaries"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/care/beneficiaries')}>
          {t('care.import.toList')}
        </Button>
      }
    />
  );
}
