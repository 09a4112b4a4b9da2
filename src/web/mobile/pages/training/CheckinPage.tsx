import './messages';
import { type FormEvent, useState } from 'react';
import type { CheckinResult, RegisterResult } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Choice, TextAreaField } from '../../kit/Inputs';
import { type Errors, toErrors, useForm } from './shared';

/**
 * Session check-in from the phone: the session's code (or its QR link), name and mobile; twice counts once.
 * At /m/training/register the same form registers an invited director before the session.
 */
export default function CheckinPage() {
  const { t } = useI18n();
  const registering = window.location.pathname.endsWith('/register');
  const [registered, setRegistered] = useState<RegisterResult | null>(null);
  const [v, set] = useForm({ code: new URLSearchParams(window.location.search).get('code') ?? '', name: '', phone: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<CheckinResult | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = { code: v.code.trim(), name: v.name.trim(), phone: v.phone.trim() };
      if (registering) setRegistered(await api.post<RegisterResult>('/api/training/register', body));
      else setDone(await api.post<CheckinResult>('/api/training/checkin', body));
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t(registering ? 'tm.register.title' : 'tm.checkin.title')} back={{ to: '/m' }}>
      {registered ? (
        <p className="big-status" data-testid="register-done">
          {t(registered.already ? 'tm.register.already' : 'tm.register.done', { title: registered.title })}
        </p>
      ) : done ? (
        <>
          <p className="big-status" data-testid="checkin-done">
            {t(done.already ? 'tm.checkin.already' : 'tm.checkin.done', { title: done.title })}
          </p>
          <Feedback code={v.code.trim()} phone={v.phone.trim()} />
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          {errors[''] && <Notice kind="error">{errors['']}</Notice>}
          <Field
            label={t('tm.checkin.code')}
            inputMode="numeric"
            maxLength={6}
            value={v.code}
            onChange={(e) => set('code', e.target.value)}
            error={errors.code}
          />
          <Field
            label={t('tm.join.name')}
            autoComplete="name"
            value={v.name}
            onChange={(e) => set('name', e.target.value)}
            error={errors.name}
          />
          <Field
            label={t('tm.join.phone')}
            inputMode="tel"
            maxLength={11}
            value={v.phone}
            onChange={(e) => set('phone', e.target.value)}
            error={errors.phone}
          />
          <Button type="submit" busy={busy} disabled={busy}>
            {t(registering ? 'tm.register.submit' : 'tm.checkin.submit')}
          </Button>
        </form>
      )}
    </Page>
  );
}

/** the short feedback form after the session: how satisfied (1–5), and a line of advice */
function Feedback({ code, phone }: { code: string; phone: string }) {
  const { t } = useI18n();
  const [rating, setRating] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  if (sent) return <p className="big-status">{t('tm.feedback.thanks')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) {
      setErrors({ rating: t('tm.feedback.ratingRequired') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await api.post('/api/training/feedback', { code, phone, rating: Number(rating), text: text.trim() || null });
      setSent(true);
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('tm.feedback.title')}</h2>
      {errors[''] && <Notice kind="error">{errors['']}</Notice>}
      <Choice
        legend={t('tm.feedback.rating')}
        name="rating"
        options={['5', '4', '3', '2', '1'].map((r) => ({ value: r, label: t(`tm.feedback.r${r}`) }))}
        value={rating}
        onChange={setRating}
        error={errors.rating}
      />
      <TextAreaField
        label={t('tm.feedback.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        maxLength={500}
        error={errors.text}
      />
      <Button type="submit" busy={busy} disabled={busy}>
        {t('tm.feedback.submit')}
      </Button>
    </form>
  );
}
