import { Button, Result, Spin } from 'antd';
import { Link, useRouteError } from 'react-router-dom';
import { useI18n } from '../../i18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.forbidden.title')}
      subTitle={t('error.forbidden.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFound.title')}
      subTitle={t('error.notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a page that threw while rendering shows instead of a blank screen. */
export function PageError() {
  const { t } = useI18n();
  const err = useRouteError();
  if (err) console.error(err);
  return (
    <Result
      status="error"
      title={t('error.page')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('error.backHome')}
        </Button>
      }
    />
  );
}
