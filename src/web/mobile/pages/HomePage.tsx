import { useEffect, useState } from 'react';
import type { PhoneEntry } from '../../../contracts/home';
import { api, errorText, signOut } from '../../api';
import { useI18n } from '../../i18n';
import { Button } from '../components/Button';
import { Notice } from '../components/Field';
import { Page } from '../components/Page';
import { useLoad } from '../kit/session';
import { Link, navigate } from '../router';
import '../kit/kit.css';
import { resetSession, useSession } from '../session';

type Entries = PhoneEntry[];

/** The signed-in start page: what this person can do here (from every module), who is signed in, the way out. */
export default function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const me = session.status === 'ready' ? session.me : null;
  const entries = useLoad(
    me && !me.pending ? 'phone-home' : null,
    async () => (await api.get<{ entries: Entries }>('/api/home/phone')).entries,
  );

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
          {entries.error !== undefined && <Notice kind="error">{errorText(entries.error)}</Notice>}
          {entries.data && entries.data.length === 0 && <Notice>{t('m.home.nothing')}</Notice>}
          {entries.data && entries.data.length > 0 && (
            <ul className="list" aria-label={t('m.home.todo')} data-testid="phone-entries">
              {entries.data.map((e) => (
                <li key={e.key}>
                  <Link to={e.link} className="item-link">
                    <span className="item-title">
                      {e.title}
                      {e.badge ? <span className="badge">{t('m.home.badge', { n: e.badge })}</span> : null}
                    </span>
                    <span className="item-line">{e.description}</span>
                    <span className="item-go" aria-hidden="true">
                      ›
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <section className="card" aria-labelledby="signed-in">
            <h2 id="signed-in">{t('m.home.signedIn')}</h2>
            <p>
              {me.account.kind === 'resident' ? t('m.home.phone') : t('m.home.account')}：
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
