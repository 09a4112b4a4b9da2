import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { allows } from '../access';
import { Forbidden, NotFound } from '../components/Results';
import type { AppRoute } from '../module';
import { useMe } from '../session';
import { Lazy } from './Lazy';

/** One page of the route table: 403 when the user's flags do not allow it, else the page itself. */
export function RoutePage({ route }: { route?: AppRoute }) {
  const { t } = useI18n();
  const { access } = useMe();
  const title = route ? t(route.name) : t('error.notFound.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  if (!route?.component) return <NotFound />;
  if (!allows(access, route.access)) return <Forbidden />;
  return <Lazy component={route.component} />;
}
