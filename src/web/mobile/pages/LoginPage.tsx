import { type FormEvent, useEffect, useState } from 'react';
import { api, errorText, formFieldErrors } from '../../api';
import { useI18n } from '../../i18n';
import { Button } from '../components/Button';
import { Field, Notice } from '../components/Field';
import { Page } from '../components/Page';
import { navigate } from '../router';
import { resetSession, useSession } from '../session';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;
const RESEND_SECONDS = 60;

type Errors = { form?: string; phone?: string; code?: string };

/** The server's complaint, as words under the field it concerns or over the whole screen. */
function toErrors(err: unknown): Errors {
  const fields = formFieldErrors(err);
  const out: Errors = {};
  for (const f of fields) {
    const name = f.name[0];
    if (name === 'phone' || name === 'code') out[name] = f.errors.join('；');
  }
  if (!out.phone && !out.code) out.form = errorText(err);
  return out;
}

/** Resident sign-in in two short screens: the phone number, then the code texted to it. */
export default function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [step, setStep] = useState<'phone' | 'code'>('phone');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (session.status === 'ready' && session.me && !session.me.pending) navigate('/m/home', { replace: true });
  }, [session]);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const requestCode = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!PHONE.test(phone)) return setErrors({ phone: t('m.login.phoneInvalid') });
    setBusy(true);
    setErrors({});
    try {
      await api.post('/api/auth/sms/request', { phone });
      setStep('code');
      setCode('');
      setWait(RESEND_SECONDS);
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    if (!CODE.test(code)) return setErrors({ code: t('m.login.codeInvalid') });
    setBusy(true);
    setErrors({});
    try {
      await api.post('/api/auth/sms/verify', { phone, code });
      resetSession();
      navigate('/m/home', { replace: true });
    } catch (err) {
      setErrors(toErrors(err));
      setBusy(false);
    }
  };

  if (step === 'phone') {
    return (
      <Page title={t('m.login.title')}>
        <p className="lead">{t('m.login.intro')}</p>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <form onSubmit={requestCode} noValidate>
          <Field
            label={t('m.login.phone')}
            hint={t('m.login.phoneHint')}
            error={errors.phone}
            name="phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel-national"
            maxLength={11}
            value={phone}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 11))}
          />
          <Button type="submit" disabled={busy} busy={busy}>
            {t('m.login.sendCode')}
          </Button>
        </form>
      </Page>
    );
  }

  const back = () => {
    setStep('phone');
    setErrors({});
  };
  return (
    <Page title={t('m.login.codeTitle')} back={{ onClick: back }}>
      <p className="lead">{t('m.login.codeSent', { phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` })}</p>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <form onSubmit={verify} noValidate>
        <Field
          label={t('m.login.code')}
          hint={t('m.login.codeHint')}
          error={errors.code}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          autoFocus
        />
        <Button type="submit" disabled={busy} busy={busy}>
          {t('m.login.submit')}
        </Button>
      </form>
      <div className="actions">
        <Button variant="secondary" disabled={wait > 0 || busy} onClick={() => requestCode()}>
          {wait > 0 ? t('m.login.resendIn', { seconds: wait }) : t('m.login.resend')}
        </Button>
        <Button variant="link" onClick={back}>
          {t('m.login.changePhone')}
        </Button>
      </div>
    </Page>
  );
}
