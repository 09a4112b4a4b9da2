import { useI18n } from '../../i18n';
import { Page } from '../components/Page';
import { Link } from '../router';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('m.notFound.title')} back={{ to: '/m' }}>
      <p className="lead">{t('m.notFound.text')}</p>
      <Link to="/m" className="btn btn-primary">
        {t('m.notFound.home')}
      </Link>
    </Page>
  );
}
