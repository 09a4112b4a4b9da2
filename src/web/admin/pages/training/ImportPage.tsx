import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { ImportWizard } from '../../components/ImportWizard';

/** 导入题库 through the core import pipeline (template, preview with row errors, all-or-nothing). */
export default function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ImportWizard
      kind="training-questions"
      doneExtra={
        <Button type="primary" onClick={() => navigate('/training/questions')}>
          {t('training.q.toList')}
        </Button>
      }
    />
  );
}
