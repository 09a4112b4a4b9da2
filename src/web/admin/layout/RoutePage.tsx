import { Suspense, useEffect } from 'react';
import { useI18n } from '../../i18n';
import { allows } from '../access';
import { Forbidden, NotFound, PageLoading } from '../components/Results';
import type { AppRoute } from '../module';
import { useMe } from '../session';

/** One page of the route table: 403 when the user's flags do not allow it, else the page itself. */
export function RoutePage({ route }: { route?: AppRoute }) {
  const { t, lang } = useI18n();
  const { access } = useMe();
  const title = route ? t(route.name) : t('error.notFound.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t, lang]);
  if (!route?.component) return <NotFound />;
  if (!allows(access, route.access)) return <Forbidden />;
  const Page = route.component;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
