import { useEffect, useState } from 'react';
import { errorText, signOut } from '../../api';
import { useI18n } from '../../i18n';
import { Button } from '../components/Button';
import { Notice } from '../components/Field';
import { Page } from '../components/Page';
import { navigate } from '../router';
import { resetSession, useSession } from '../session';

/** The signed-in start page: who is signed in (the masked phone), and the way out. */
export default function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const me = session.status === 'ready' ? session.me : null;

  useEffect(() => {
    if (session.status === 'ready' && !session.me) navigate('/m/login', { replace: true });
  }, [session]);

  const onSignOut = async () => {
    setBusy(true);
    await signOut().catch(() => undefined);
    resetSession();
    navigate('/m/login', { replace: true });
  };

  return (
    <Page title={t('m.home.title')}>
      {session.status === 'error' && <Notice kind="error">{errorText(session.error)}</Notice>}
      {me && (
        <>
          <section className="card" aria-labelledby="signed-in">
            <h2 id="signed-in">{t('m.home.signedIn')}</h2>
            <p>
              {t('m.home.phone')}：
              <strong className="big" data-testid="masked-phone">
                {me.account.displayName}
              </strong>
            </p>
          </section>
          <Button variant="secondary" onClick={onSignOut} disabled={busy}>
            {t('m.home.signOut')}
          </Button>
        </>
      )}
    </Page>
  );
}
