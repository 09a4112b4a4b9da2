import { useState } from 'react';
import type { z } from 'zod';
import type { ApplicationList } from '../../../../contracts/jobs';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { Link } from '../../router';
import { beijing } from './common';
import { SeekerGate, useSeeker } from './seeker';

type Apps = z.infer<typeof ApplicationList>;

/** The seeker's applications with their status in words; withdraw one still open. */
export default function MyApplicationsPage() {
  const { t } = useI18n();
  const state = useSeeker();
  const load = useLoad(state === 'ready' ? 'applications' : null, () => api.get<Apps>('/api/jobs/me/applications'));
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const withdraw = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await api.post(`/api/jobs/me/applications/${id}/withdraw`);
      setNote(t('m.jobs.withdrawn'));
      load.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('m.jobs.appsTitle')} back={{ to: '/m/jobs' }}>
      <SeekerGate state={state}>
        {note && <Notice>{note}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        <Loaded load={load}>
          {({ applications }) =>
            applications.length === 0 ? (
              <>
                <Notice>{t('m.jobs.appsNone')}</Notice>
                <Link to="/m/jobs/recommendations" className="btn btn-primary">
                  {t('m.jobs.toRecommendations')}
                </Link>
              </>
            ) : (
              <ul className="list" aria-label={t('m.jobs.appsTitle')} data-testid="jobs-application-list">
                {applications.map((a) => (
                  <li key={a.id} className="position">
                    <h3>{a.positionTitle}</h3>
                    <p>{a.employerName}</p>
                    <p>
                      <span className={`state ${a.status === 'withdrawn' || a.status === 'unsuitable' ? 'state-off' : 'state-ok'}`}>
                        {a.statusLabel}
                      </span>{' '}
                      {t('m.jobs.appliedAt', { time: beijing(a.createdAt) })}
                    </p>
                    {(a.status === 'submitted' || a.status === 'viewed') && (
                      <Button variant="secondary" disabled={busy !== null} busy={busy === a.id} onClick={() => withdraw(a.id)}>
                        {t('m.jobs.withdraw')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </SeekerGate>
    </Page>
  );
}
