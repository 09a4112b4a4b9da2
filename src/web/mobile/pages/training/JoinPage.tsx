import './messages';
import { type FormEvent, useState } from 'react';
import type { JoinResult } from '../../../../contracts/training';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { navigate } from '../../router';
import { type Errors, toErrors, useForm } from './shared';

const REMEMBER = 'linli.training.me';

/**
 * Joining a class quiz: the 6-digit code (or the QR code's link, which fills it in), a name and a
 * mobile number — what an elderly director can manage without an SMS or an app. Name and number are
 * remembered on this phone for the next class.
 */
export default function JoinPage() {
  const { t } = useI18n();
  const remembered = (() => {
    try {
      return JSON.parse(localStorage.getItem(REMEMBER) ?? '{}') as { name?: string; phone?: string };
    } catch {
      return {};
    }
  })();
  const [v, set] = useForm({
    code: new URLSearchParams(window.location.search).get('code') ?? '',
    name: remembered.name ?? '',
    phone: remembered.phone ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const r = await api.post<JoinResult>('/api/training/join', { code: v.code.trim(), name: v.name.trim(), phone: v.phone.trim() });
      try {
        localStorage.setItem(REMEMBER, JSON.stringify({ name: v.name.trim(), phone: v.phone.trim() }));
      } catch {
        // private mode: nothing remembered
      }
      navigate(r.quiz.mode === 'live' ? '/m/training/live' : '/m/training/quiz');
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('tm.join.title')} back={{ to: '/m' }}>
      <p>{t('tm.join.intro')}</p>
      {errors[''] && <Notice kind="error">{errors['']}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          label={t('tm.join.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={v.code}
          onChange={(e) => set('code', e.target.value)}
          error={errors.code}
          data-testid="join-code"
        />
        <Field
          label={t('tm.join.name')}
          autoComplete="name"
          value={v.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
          data-testid="join-name"
        />
        <Field
          label={t('tm.join.phone')}
          hint={t('tm.join.phoneHint')}
          inputMode="tel"
          autoComplete="tel"
          maxLength={11}
          value={v.phone}
          onChange={(e) => set('phone', e.target.value)}
          error={errors.phone}
          data-testid="join-phone"
        />
        <Button type="submit" busy={busy} disabled={busy} data-testid="join-submit">
          {t('tm.join.submit')}
        </Button>
      </form>
    </Page>
  );
}
