import { useRef, useState } from 'react';
import type { z } from 'zod';
import type { MySeeker, PositionMatches } from '../../../../contracts/jobs';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { newClientKey, takeFlash, useLoad } from '../../kit/session';
import { Link } from '../../router';
import { PositionCard } from './common';
import { SeekerGate, useSeeker } from './seeker';

type Matches = z.infer<typeof PositionMatches>;

/** Positions recommended to the seeker, best first, each with the matcher's reasons in Chinese; apply from here. */
export default function RecommendationsPage() {
  const { t } = useI18n();
  const state = useSeeker();
  const load = useLoad(state === 'ready' ? 'recommendations' : null, async () => {
    const [r, me] = await Promise.all([
      api.get<Matches>('/api/jobs/me/recommendations', { top: 10 }),
      api.get<z.infer<typeof MySeeker>>('/api/jobs/me'),
    ]);
    return { matches: r.matches, consented: me.seeker?.consented ?? false };
  });
  const [flash, setFlash] = useState<string | null>(() => takeFlash());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // one key per position for this screen: a double tap or a retry applies once
  const keys = useRef(new Map<string, string>());

  const apply = async (positionId: string, title: string) => {
    const clientKey = keys.current.get(positionId) ?? newClientKey();
    keys.current.set(positionId, clientKey);
    setBusy(positionId);
    setError(null);
    try {
      await api.post('/api/jobs/me/applications', { positionId, clientKey });
      setFlash(t('m.jobs.appliedOk', { title }));
      load.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('m.jobs.recTitle')} back={{ to: '/m/jobs' }}>
      <SeekerGate state={state}>
        {flash && <Notice>{flash}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <Loaded load={load}>
          {({ matches, consented }) => (
            <>
              <p className="lead">{t('m.jobs.recIntro')}</p>
              {!consented && <Notice>{t('m.jobs.needConsent')}</Notice>}
              {matches.length === 0 ? (
                <Notice>{t('m.jobs.recNone')}</Notice>
              ) : (
                <ul className="list" aria-label={t('m.jobs.recTitle')} data-testid="jobs-recommendation-list">
                  {matches.map((m) => (
                    <PositionCard
                      key={m.position.id}
                      p={m.position}
                      t={t}
                      extra={<span className="score">{t('m.jobs.score', { n: Math.round(m.score * 100) })}</span>}
                    >
                      <p>
                        <strong>{t('m.jobs.why')}</strong>
                      </p>
                      <ul className="reasons">
                        {m.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                      {m.applied ? (
                        <p>
                          <span className="state state-ok">✓ {t('m.jobs.applied')}</span>
                        </p>
                      ) : (
                        <Button
                          disabled={busy !== null}
                          busy={busy === m.position.id}
                          onClick={() => apply(m.position.id, m.position.title)}
                        >
                          {t('m.jobs.apply')}
                        </Button>
                      )}
                    </PositionCard>
                  ))}
                </ul>
              )}
              <Link to="/m/jobs/applications" className="btn btn-secondary">
                {t('m.jobs.myApplications')}
              </Link>
            </>
          )}
        </Loaded>
      </SeekerGate>
    </Page>
  );
}
