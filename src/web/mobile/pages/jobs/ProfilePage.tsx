import { type FormEvent, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { MySeeker, Seeker } from '../../../../contracts/jobs';
import { EDUCATIONS, JOB_DISTRICTS, SEEKER_STATUS_LABEL, SEEKER_STATUSES, type SeekerStatus } from '../../../../contracts/jobs.vocab';
import { api, errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { Check, Choice, SelectField, TextAreaField } from '../../kit/Inputs';
import { setFlash, useLoad } from '../../kit/session';
import { navigate } from '../../router';
import { CATEGORY_CHOICES } from './messages';
import { SeekerGate, useSeeker } from './seeker';

type Mine = z.infer<typeof MySeeker>;

interface Draft {
  name: string;
  phone: string;
  gender: 'male' | 'female' | null;
  birthYear: string;
  status: SeekerStatus | null;
  education: string;
  school: string;
  major: string;
  graduationYear: string;
  categories: string[];
  otherCategories: string;
  industries: string;
  districts: string[];
  salaryMin: string;
  salaryMax: string;
  experienceYears: string;
  skills: string;
  smsOptIn: boolean;
  /** the fair-day times, as typed: 「13:00-15:00、15:30-17:00」 */
  available: string;
  consent: boolean;
}

const split = (s: string) =>
  s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
/** 「13:00-15:00、15:30-17:00」 → [['13:00','15:00'], ['15:30','17:00']]; null when a part is not two times */
export function parseWindows(s: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of s.split(/[、,，;；\s]+/).filter(Boolean)) {
    const m = part.replace(/：/g, ':').match(/^(\d{1,2}:\d{2})[-－~～—至到]+(\d{1,2}:\d{2})$/);
    if (!m?.[1] || !m[2]) return null;
    out.push([m[1].padStart(5, '0'), m[2].padStart(5, '0')]);
  }
  return out;
}
const num = (s: string) => (s.trim() === '' ? null : Number(s));

function draftOf(s: Seeker | null): Draft {
  const known = s ? s.categories.filter((c) => CATEGORY_CHOICES.includes(c)) : [];
  return {
    name: s?.name ?? '',
    phone: '',
    gender: s?.gender === 'male' || s?.gender === 'female' ? s.gender : null,
    birthYear: s?.birthYear ? String(s.birthYear) : '',
    status: s?.status ?? null,
    education: s?.education ?? '本科',
    school: s?.school ?? '',
    major: s?.major ?? '',
    graduationYear: s?.graduationYear ? String(s.graduationYear) : '',
    categories: known,
    otherCategories: s ? s.categories.filter((c) => !CATEGORY_CHOICES.includes(c)).join('、') : '',
    industries: s?.industries.join('、') ?? '',
    districts: s?.districts ?? [],
    salaryMin: s?.salaryMin != null ? String(s.salaryMin) : '',
    salaryMax: s?.salaryMax != null ? String(s.salaryMax) : '',
    experienceYears: s?.experienceYears != null ? String(s.experienceYears) : '',
    skills: s?.skills ?? '',
    smsOptIn: s?.smsOptIn ?? false,
    available: (s?.available ?? []).map(([a, b]) => `${a}-${b}`).join('、'),
    consent: s?.consented ?? false,
  };
}

/** The seeker's own form: who they are, what work they want, what salary, and the explicit consent. */
export default function ProfilePage() {
  const { t } = useI18n();
  const state = useSeeker();
  const load = useLoad(state === 'ready' ? 'me' : null, () => api.get<Mine>('/api/jobs/me'));
  return (
    <Page title={t('m.jobs.profileTitle')} back={{ to: '/m/jobs' }}>
      <SeekerGate state={state}>
        <Loaded load={load}>{(mine) => <ProfileForm mine={mine} />}</Loaded>
      </SeekerGate>
    </Page>
  );
}

function ProfileForm({ mine }: { mine: Mine }) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(() => draftOf(mine.seeker));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    // an answer changed: its old complaint no longer applies
    setErrors(({ [k]: _, ...rest }) => rest);
  };
  useEffect(() => setD(draftOf(mine.seeker)), [mine]);

  const toggle = (k: 'categories' | 'districts', v: string) =>
    setD((x) => {
      const has = x[k].includes(v);
      if (!has && x[k].length >= 5) {
        setErrors((e) => ({ ...e, [k]: t('m.jobs.tooMany') }));
        return x;
      }
      setErrors(({ [k]: _, ...e }) => e);
      return { ...x, [k]: has ? x[k].filter((y) => y !== v) : [...x[k], v] };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = t('m.jobs.required', { field: t('m.jobs.name') });
    if (!/^1[3-9]\d{9}$/.test(d.phone)) local.phone = t('m.login.phoneInvalid');
    if (!d.status) local.status = t('m.jobs.choose', { field: t('m.jobs.status') });
    for (const k of ['birthYear', 'graduationYear', 'salaryMin', 'salaryMax', 'experienceYears'] as const) {
      if (d[k].trim() !== '' && !/^\d+$/.test(d[k].trim())) local[k] = t('m.jobs.invalidNumber');
    }
    const categories = [...new Set([...d.categories, ...split(d.otherCategories)])];
    if (categories.length > 5) local.categories = t('m.jobs.tooMany');
    const available = parseWindows(d.available);
    if (!available || available.some(([a, b]) => a >= b)) local.available = t('m.jobs.availableInvalid');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFormError(null);
    try {
      await api.put<Mine>('/api/jobs/me', {
        name: d.name.trim(),
        phone: d.phone,
        gender: d.gender,
        birthYear: num(d.birthYear),
        status: d.status,
        education: d.education,
        school: d.school.trim() || null,
        major: d.major.trim() || null,
        graduationYear: num(d.graduationYear),
        categories,
        industries: split(d.industries).slice(0, 5),
        districts: d.districts,
        salaryMin: num(d.salaryMin),
        salaryMax: num(d.salaryMax),
        experienceYears: num(d.experienceYears),
        skills: d.skills.trim() || null,
        smsOptIn: d.smsOptIn,
        available,
      });
      const was = mine.seeker?.consented ?? false;
      if (d.consent && !was) await api.post('/api/jobs/me/consent', { wording: mine.consentWording });
      if (!d.consent && was) await api.post('/api/jobs/me/consent/withdraw');
      setFlash(t('m.jobs.saved'));
      navigate('/m/jobs/recommendations');
    } catch (err) {
      const fields: Record<string, string> = {};
      for (const f of formFieldErrors(err)) fields[String(f.name[0])] = f.errors.join('；');
      setErrors(fields);
      setFormError(errorText(err));
      setBusy(false);
      window.scrollTo(0, 0);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="jobs-profile-form">
      {formError && <Notice kind="error">{formError}</Notice>}
      <h2>{t('m.jobs.basics')}</h2>
      <Field
        label={t('m.jobs.name')}
        name="name"
        autoComplete="name"
        value={d.name}
        error={errors.name}
        onChange={(e) => set('name', e.target.value)}
      />
      <Field
        label={t('m.jobs.phone')}
        hint={t('m.jobs.phoneHint')}
        name="phone"
        type="tel"
        inputMode="numeric"
        maxLength={11}
        value={d.phone}
        error={errors.phone}
        onChange={(e) => set('phone', e.target.value.replace(/\D/g, '').slice(0, 11))}
      />
      <Choice
        legend={t('m.jobs.gender')}
        name="gender"
        value={d.gender}
        onChange={(v) => set('gender', v)}
        options={[
          { value: 'male', label: t('m.jobs.male') },
          { value: 'female', label: t('m.jobs.female') },
        ]}
      />
      <Field
        label={t('m.jobs.birthYear')}
        name="birthYear"
        inputMode="numeric"
        maxLength={4}
        value={d.birthYear}
        error={errors.birthYear}
        onChange={(e) => set('birthYear', e.target.value)}
      />
      <Choice
        legend={t('m.jobs.status')}
        name="status"
        value={d.status}
        error={errors.status}
        onChange={(v) => set('status', v)}
        options={SEEKER_STATUSES.map((s) => ({ value: s, label: SEEKER_STATUS_LABEL[s] }))}
      />
      <SelectField
        label={t('m.jobs.education')}
        name="education"
        value={d.education}
        error={errors.education}
        onChange={(e) => set('education', e.target.value)}
        options={EDUCATIONS.map((x) => ({ value: x, label: x }))}
      />
      <Field
        label={t('m.jobs.school')}
        name="school"
        value={d.school}
        error={errors.school}
        onChange={(e) => set('school', e.target.value)}
      />
      <Field label={t('m.jobs.major')} name="major" value={d.major} error={errors.major} onChange={(e) => set('major', e.target.value)} />
      <Field
        label={t('m.jobs.graduationYear')}
        name="graduationYear"
        inputMode="numeric"
        maxLength={4}
        value={d.graduationYear}
        error={errors.graduationYear}
        onChange={(e) => set('graduationYear', e.target.value)}
      />

      <h2>{t('m.jobs.intentions')}</h2>
      <fieldset className="choices" aria-invalid={errors.categories ? true : undefined}>
        <legend>{t('m.jobs.categories')}</legend>
        <div className="chips">
          {CATEGORY_CHOICES.map((c) => (
            <label key={c} className="chip">
              <input type="checkbox" checked={d.categories.includes(c)} onChange={() => toggle('categories', c)} />
              {c}
            </label>
          ))}
        </div>
        {errors.categories && (
          <p className="error-text" role="alert">
            ⚠ {t('m.errorPrefix')}
            {errors.categories}
          </p>
        )}
      </fieldset>
      <Field
        label={t('m.jobs.otherCategories')}
        hint={t('m.jobs.otherHint')}
        name="otherCategories"
        value={d.otherCategories}
        onChange={(e) => set('otherCategories', e.target.value)}
      />
      <Field
        label={t('m.jobs.industries')}
        name="industries"
        value={d.industries}
        error={errors.industries}
        onChange={(e) => set('industries', e.target.value)}
      />
      <fieldset className="choices" aria-invalid={errors.districts ? true : undefined}>
        <legend>{t('m.jobs.districts')}</legend>
        <div className="chips">
          {JOB_DISTRICTS.map((c) => (
            <label key={c} className="chip">
              <input type="checkbox" checked={d.districts.includes(c)} onChange={() => toggle('districts', c)} />
              {c}
            </label>
          ))}
        </div>
        {errors.districts && (
          <p className="error-text" role="alert">
            ⚠ {t('m.errorPrefix')}
            {errors.districts}
          </p>
        )}
      </fieldset>
      <fieldset className="choices">
        <legend>{t('m.jobs.salaryRange')}</legend>
        <div className="pair">
          <Field
            label={t('m.jobs.salaryMin')}
            name="salaryMin"
            inputMode="numeric"
            value={d.salaryMin}
            error={errors.salaryMin}
            onChange={(e) => set('salaryMin', e.target.value)}
          />
          <Field
            label={t('m.jobs.salaryMax')}
            name="salaryMax"
            inputMode="numeric"
            value={d.salaryMax}
            error={errors.salaryMax}
            onChange={(e) => set('salaryMax', e.target.value)}
          />
        </div>
      </fieldset>
      <Field
        label={t('m.jobs.experience')}
        name="experienceYears"
        inputMode="numeric"
        maxLength={2}
        value={d.experienceYears}
        error={errors.experienceYears}
        onChange={(e) => set('experienceYears', e.target.value)}
      />
      <TextAreaField
        label={t('m.jobs.skills')}
        name="skills"
        rows={3}
        placeholder={t('m.jobs.skillsHint')}
        value={d.skills}
        error={errors.skills}
        onChange={(e) => set('skills', e.target.value)}
      />
      <Field
        label={t('m.jobs.available')}
        name="available"
        placeholder={t('m.jobs.availableHint')}
        value={d.available}
        error={errors.available}
        onChange={(e) => set('available', e.target.value)}
      />
      <Check label={t('m.jobs.smsOptIn')} checked={d.smsOptIn} onChange={(v) => set('smsOptIn', v)} />

      <h2>{t('m.jobs.consentTitle')}</h2>
      <p className="consent" data-testid="jobs-consent-wording">
        {mine.consentWording}
      </p>
      <Check label={t('m.jobs.consentCheck')} checked={d.consent} onChange={(v) => set('consent', v)} />
      <p className="hint">{t('m.jobs.consentNote')}</p>
      <Button type="submit" disabled={busy} busy={busy}>
        {t('m.jobs.save')}
      </Button>
    </form>
  );
}
