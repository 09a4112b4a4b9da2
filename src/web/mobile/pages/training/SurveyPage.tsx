import './messages';
import { type FormEvent, useState } from 'react';
import type { SurveyForm } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { Check, TextAreaField } from '../../kit/Inputs';
import { useLoad } from '../../kit/session';
import { useParams } from '../../router';
import { type Errors, toErrors, useForm } from './shared';

/** A committee's needs survey, from the link the office sends it: topics wanted, difficulties in its own words. */
export default function SurveyPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const form = useLoad(id, () => api.get<SurveyForm>(`/api/training/survey/${id}`));
  const [v, set] = useForm({ name: '', phone: '', difficulties: '' });
  const [topics, setTopics] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api.post(`/api/training/survey/${id}`, {
        name: v.name.trim(),
        phone: v.phone.trim(),
        topics,
        difficulties: v.difficulties.trim() || null,
      });
      setDone(true);
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('tm.survey.title')} back={{ to: '/m' }}>
      <Loaded load={form}>
        {(f) =>
          done ? (
            <p className="big-status">{t('tm.survey.done')}</p>
          ) : (
            <form onSubmit={submit} noValidate>
              <p className="stem">{f.committeeName}</p>
              {errors[''] && <Notice kind="error">{errors['']}</Notice>}
              <fieldset className="choices">
                <legend>{t('tm.survey.topics')}</legend>
                {f.topics.map((x) => (
                  <Check
                    key={x}
                    label={x}
                    checked={topics.includes(x)}
                    onChange={(on) => setTopics((s) => (on ? [...s, x] : s.filter((y) => y !== x)))}
                  />
                ))}
                {errors.topics && (
                  <p className="error-text" role="alert">
                    {errors.topics}
                  </p>
                )}
              </fieldset>
              <TextAreaField
                label={t('tm.survey.difficulties')}
                value={v.difficulties}
                onChange={(e) => set('difficulties', e.target.value)}
                rows={4}
                maxLength={500}
              />
              <Field label={t('tm.join.name')} value={v.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
              <Field
                label={t('tm.join.phone')}
                inputMode="tel"
                maxLength={11}
                value={v.phone}
                onChange={(e) => set('phone', e.target.value)}
                error={errors.phone}
              />
              <Button type="submit" busy={busy} disabled={busy}>
                {t('tm.survey.submit')}
              </Button>
            </form>
          )
        }
      </Loaded>
    </Page>
  );
}
