import './messages';
import { type FormEvent, useState } from 'react';
import type { CheckinResult } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { type Errors, toErrors, useForm } from './shared';

/** Session check-in from the phone: the session's code (or its QR link), name and mobile; twice counts once. */
export default function CheckinPage() {
  const { t } = useI18n();
  const [v, set] = useForm({ code: new URLSearchParams(window.location.search).get('code') ?? '', name: '', phone: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<CheckinResult | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setDone(await api.post<CheckinResult>('/api/training/checkin', { code: v.code.trim(), name: v.name.trim(), phone: v.phone.trim() }));
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('tm.checkin.title')} back={{ to: '/m' }}>
      {done ? (
        <p className="big-status" data-testid="checkin-done">
          {t(done.already ? 'tm.checkin.already' : 'tm.checkin.done', { title: done.title })}
        </p>
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
            {t('tm.checkin.submit')}
          </Button>
        </form>
      )}
    </Page>
  );
}
