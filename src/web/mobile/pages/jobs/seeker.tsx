import type { ReactNode } from 'react';
import { errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Link } from '../../router';
import { useSession } from '../../session';

export type SeekerState = 'loading' | 'ready' | 'signin' | 'staff' | { error: unknown };

/** Whether the visitor is a resident signed in by SMS code (the seeker's own pages need one). */
export function useSeeker(): SeekerState {
  const session = useSession();
  if (session.status === 'error') return { error: session.error };
  if (session.status === 'loading') return 'loading';
  const me = session.me;
  if (!me || me.pending) return 'signin';
  return me.account.kind === 'resident' ? 'ready' : 'staff';
}

/** Shows the seeker's screen, or says in words how to get there (sign in by SMS; staff use the desktop). */
export function SeekerGate({ state, children }: { state: SeekerState; children: ReactNode }) {
  const { t } = useI18n();
  if (typeof state === 'object') return <Notice kind="error">{errorText(state.error)}</Notice>;
  if (state === 'loading') return <p className="lead">{t('common.loading')}</p>;
  if (state === 'staff') return <Notice>{t('m.jobs.staffHere')}</Notice>;
  if (state === 'signin')
    return (
      <>
        <p className="lead">{t('m.jobs.signInIntro')}</p>
        <Link to="/m/login" className="btn btn-primary" data-testid="jobs-signin">
          {t('m.jobs.signIn')}
        </Link>
      </>
    );
  return <>{children}</>;
}
