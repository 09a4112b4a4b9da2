import { type ChangeEvent, useState } from 'react';
import type { z } from 'zod';
import type { MySeeker } from '../../../../contracts/jobs';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';

type Mine = z.infer<typeof MySeeker>;
type ResumeFile = NonNullable<NonNullable<Mine['seeker']>['resume']>;

/** The seeker's resume: the one on file, and a PDF to upload (checked by content on the server, ≤ 5 MB). */
export function Resume({ resume, onSaved }: { resume: ResumeFile | null | undefined; onSaved: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setDone(false);
    if (file.size > 5 * 1024 * 1024) return setError(t('m.jobs.resumeTooBig'));
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    try {
      await api.postForm<Mine>('/api/jobs/me/resume', form);
      setDone(true);
      onSaved();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="resume-title">
      <h2 id="resume-title">{t('m.jobs.resumeTitle')}</h2>
      {done && <Notice>{t('m.jobs.resumeSaved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <p>
        {resume ? (
          <>
            {t('m.jobs.resumeOnFile')}
            <a href={resume.url} target="_blank" rel="noreferrer" data-testid="jobs-resume-link">
              {resume.name}
            </a>
          </>
        ) : (
          t('m.jobs.resumeNone')
        )}
      </p>
      <label className="btn btn-secondary file-button">
        {busy ? t('m.jobs.resumeUploading') : t(resume ? 'm.jobs.resumeReplace' : 'm.jobs.resumeUpload')}
        <input type="file" accept="application/pdf,.pdf" onChange={upload} disabled={busy} data-testid="jobs-resume-input" />
      </label>
      <p className="hint">{t('m.jobs.resumeHint')}</p>
    </section>
  );
}
