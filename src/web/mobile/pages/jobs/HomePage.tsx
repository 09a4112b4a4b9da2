import { useState } from 'react';
import type { z } from 'zod';
import type { MySeeker } from '../../../../contracts/jobs';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { takeFlash, useLoad } from '../../kit/session';
import { Link } from '../../router';
import { beijing } from './common';
import { SeekerGate, useSeeker } from './seeker';

type Mine = z.infer<typeof MySeeker>;

/** The seeker's own start: register, or see the consent, the recommendations and the applications. */
export default function JobsHomePage() {
  const { t } = useI18n();
  const state = useSeeker();
  const load = useLoad(state === 'ready' ? 'me' : null, () => api.get<Mine>('/api/jobs/me'));
  const [flash, setFlash] = useState<string | null>(() => takeFlash());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const consent = async (give: boolean, wording: string) => {
    setBusy(true);
    setError(null);
    try {
      if (give) await api.post('/api/jobs/me/consent', { wording });
      else await api.post('/api/jobs/me/consent/withdraw');
      setFlash(t(give ? 'm.jobs.consentGiven' : 'm.jobs.consentWithdrawn'));
      load.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('m.jobs.title')} back={{ to: '/m/home' }}>
      <SeekerGate state={state}>
        <Loaded load={load}>
          {({ seeker, consentWording }) => (
            <>
              {flash && <Notice>{flash}</Notice>}
              {error && <Notice kind="error">{error}</Notice>}
              {!seeker ? (
                <>
                  <p className="lead">{t('m.jobs.noProfile')}</p>
                  <Link to="/m/jobs/profile" className="btn btn-primary" data-testid="jobs-fill-profile">
                    {t('m.jobs.fillProfile')}
                  </Link>
                </>
              ) : (
                <>
                  <p className="lead">{t('m.jobs.welcome', { name: seeker.name })}</p>
                  <ul className="list">
                    <li>
                      <Link to="/m/jobs/recommendations" className="item-link" data-testid="jobs-recommendations">
                        <span className="item-title">{t('m.jobs.recommendations')}</span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                    <li>
                      <Link to="/m/jobs/applications" className="item-link">
                        <span className="item-title">{t('m.jobs.myApplications')}</span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                    <li>
                      <Link to="/m/jobs/profile" className="item-link">
                        <span className="item-title">{t('m.jobs.editProfile')}</span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                  </ul>
                  <h2>{t('m.jobs.consentTitle')}</h2>
                  {seeker.consented ? (
                    <>
                      <p>
                        <span className="state state-ok">✓ </span> {t('m.jobs.consentOn', { time: beijing(seeker.consentedAt) })}
                      </p>
                      <Button
                        variant="secondary"
                        disabled={busy}
                        onClick={() => consent(false, consentWording)}
                        data-testid="jobs-withdraw-consent"
                      >
                        {t('m.jobs.withdrawConsent')}
                      </Button>
                    </>
                  ) : (
                    <>
                      <p>
                        <span className="state state-off">✗ </span> {t('m.jobs.consentOff')}
                      </p>
                      <p className="consent">{consentWording}</p>
                      <Button disabled={busy} onClick={() => consent(true, consentWording)}>
                        {t('m.jobs.giveConsent')}
                      </Button>
                    </>
                  )}
                </>
              )}
            </>
          )}
        </Loaded>
      </SeekerGate>
    </Page>
  );
}
