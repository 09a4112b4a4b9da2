import { Card, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { LangSwitch } from '../components/LangSwitch';
import { PageLoading } from '../components/Results';
import { nextPath, useMe } from '../session';
import styles from './auth-layout.module.css';

/** The sign-in steps: one card in the middle of the page, each step at its own address. */
export function AuthLayout() {
  const { t } = useI18n();
  const { me, isPending } = useMe();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  if (isPending) return <PageLoading />;
  const wanted = params.get('from') ?? '/';
  const target = nextPath(me, wanted);
  // the first step (account + password) stays open to anyone; later steps only to who owes them
  const isFirstStep = pathname === '/login' || pathname === '/login/';
  if (me && !me.pending) return <Navigate to={target} replace />;
  if (!isFirstStep && target !== pathname) return <Navigate to={target} replace />;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <span className={styles.brand}>{t('app.title')}</span>
        <LangSwitch />
      </header>
      <main className={styles.main}>
        <Card className={styles.card}>
          <Outlet />
        </Card>
        <Typography.Text type="secondary" className={styles.foot}>
          {t('login.forgot')}
        </Typography.Text>
      </main>
    </div>
  );
}
