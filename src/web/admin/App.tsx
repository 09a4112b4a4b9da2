import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, useEffect } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { ApiError } from '../api';
import { getLang, useI18n } from '../i18n';
import { PageError } from './components/Results';
import { AppLayout } from './layout/AppLayout';
import { AuthLayout } from './layout/AuthLayout';
import { Lazy } from './layout/Lazy';
import { RequireSession } from './layout/RequireSession';
import { RoutePage } from './layout/RoutePage';
import { pagesOf, routes } from './routes';
import { ME_KEY } from './session';

dayjs.locale(getLang() === 'zh-CN' ? 'zh-cn' : 'en');

function onError(err: unknown) {
  if (!(err instanceof ApiError)) return;
  // the session ended (idle, signed out elsewhere, ended by the security administrator): back to sign-in
  if (err.status === 401) queryClient.setQueryData(ME_KEY, null);
  // a sign-in step is still open: the guard sends the user to it
  if (err.code === 'PENDING_STEP') void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
    },
  },
});

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const MfaPage = lazy(() => import('./pages/login/MfaPage'));
const PasswordPage = lazy(() => import('./pages/login/PasswordPage'));
const MfaSetupPage = lazy(() => import('./pages/login/MfaSetupPage'));

const router = createBrowserRouter([
  {
    path: '/login',
    element: <AuthLayout />,
    errorElement: <PageError />,
    children: [
      { index: true, element: <Lazy component={LoginPage} /> },
      { path: 'mfa', element: <Lazy component={MfaPage} /> },
      { path: 'password', element: <Lazy component={PasswordPage} /> },
      { path: 'mfa-setup', element: <Lazy component={MfaSetupPage} /> },
    ],
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <PageError />,
    children: [
      ...pagesOf(routes).map((r) =>
        r.path === '/' ? { index: true, element: <RoutePage route={r} /> } : { path: r.path, element: <RoutePage route={r} /> },
      ),
      { path: '*', element: <RoutePage /> },
    ],
  },
]);

export function AdminApp() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
