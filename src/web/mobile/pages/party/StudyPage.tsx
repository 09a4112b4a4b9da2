import './messages';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { MyStudy } from '../../../../contracts/party';
import { api, errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { useMemberSession } from './member';
import './party.css';

type Study = z.infer<typeof MyStudy>;

/** 学习打卡: today's study in two fields, then the streak. */
export default function PartyStudyPage() {
  const { t } = useI18n();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? 'party-study' : null, () => api.get<Study>('/api/party/me/study'));
  const [done, setDone] = useState<Study | null>(null);
  const [what, setWhat] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setDone(await api.post<Study>('/api/party/me/study', { what, minutes: Number(minutes) }));
    } catch (err) {
      const fields = Object.fromEntries(formFieldErrors(err).map((f) => [String(f.name[0]), f.errors.join('；')]));
      setErrors(Object.keys(fields).length ? fields : { form: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('m.party.study')} back={{ to: '/m/party' }}>
      <Loaded load={{ data: done ?? load.data, error: load.error }}>
        {(s) => (
          <>
            <p className="lead streak">
              {t('m.party.streak', { n: s.currentStreak })}
              <br />
              <span className="hint">{t('m.party.longest', { n: s.longestStreak })}</span>
            </p>
            {s.checkedInToday ? (
              <Notice>{t('m.party.doneToday')}</Notice>
            ) : (
              <form onSubmit={submit}>
                {errors.form && <Notice kind="error">{errors.form}</Notice>}
                <Field
                  label={t('m.party.what')}
                  value={what}
                  onChange={(e) => setWhat(e.target.value)}
                  maxLength={200}
                  required
                  error={errors.what}
                />
                <Field
                  label={t('m.party.minutes')}
                  value={minutes}
                  onChange={(e) => setMinutes(e.target.value)}
                  inputMode="numeric"
                  required
                  error={errors.minutes}
                />
                <Button type="submit" busy={busy} disabled={busy}>
                  {t('m.party.submitStudy')}
                </Button>
              </form>
            )}
            {s.recent.length > 0 && (
              <>
                <h2>{t('m.party.recent')}</h2>
                <ul className="plainlist">
                  {s.recent.map((r) => (
                    <li key={r.day}>
                      {r.day}：{r.what}（{r.minutes} 分钟）
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
