import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/Results';
import { nextPath, useMe } from '../session';

/** The app proper: only for a user who finished signing in; others go to the step they owe. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (!me) {
    const from = location.pathname === '/' ? '' : `?from=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${from}`} replace />;
  }
  if (me.pending) return <Navigate to={nextPath(me)} replace />;
  return children;
}
