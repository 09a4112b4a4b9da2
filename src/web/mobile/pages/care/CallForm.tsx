import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type {
  CallOutcome,
  HealthStatus,
  LivingStatus,
  Mood,
  NeedItem,
  RecordCallBody,
  RecordCallResult,
  Urgency,
} from '../../../../contracts/care';
import { CALL_OUTCOMES, HEALTH_STATUSES, LIVING_STATUSES, MOODS, NEED_ITEM_CODES, URGENCIES } from '../../../../contracts/care.vocab';
import { api, errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Field, Notice } from '../../components/Field';
import { Check, Choice, SelectField, TextAreaField } from '../../kit/Inputs';
import { newClientKey } from '../../kit/session';

type Outcome = z.infer<typeof CallOutcome>;
type Body = z.input<typeof RecordCallBody>;
type Result = z.infer<typeof RecordCallResult>;
type NeedRow = { key: number; item: z.infer<typeof NeedItem>; quantity: string; urgency: z.infer<typeof Urgency>; note: string };
/** errors by the server's field path (`outcome`, `needs.0.quantity`), '' for the whole form */
type Errors = Record<string, string>;

let rowKeys = 0;
const newNeed = (): NeedRow => ({ key: ++rowKeys, item: 'masks', quantity: '1', urgency: 'normal', note: '' });

function toErrors(err: unknown): Errors {
  const out: Errors = {};
  for (const f of formFieldErrors(err)) out[f.name.join('.')] = f.errors.join('；');
  if (Object.keys(out).length === 0) out[''] = errorText(err);
  return out;
}

/**
 * The outcome of one call: reached or why not; when reached, how the person is and what they need.
 * The submission carries a key made once for this form, so a double tap or a retry after a lost
 * answer is recorded once.
 */
export function CallForm({ taskId, onSaved }: { taskId: string; onSaved: (result: Result) => void }) {
  const { t } = useI18n();
  const [clientKey] = useState(newClientKey);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [health, setHealth] = useState<z.infer<typeof HealthStatus> | null>(null);
  const [living, setLiving] = useState<z.infer<typeof LivingStatus> | null>(null);
  const [mood, setMood] = useState<z.infer<typeof Mood> | null>(null);
  const [advice, setAdvice] = useState(false);
  const [followUp, setFollowUp] = useState(false);
  const [note, setNote] = useState('');
  const [needs, setNeeds] = useState<NeedRow[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // the row just added takes the focus, so a keyboard or screen reader user lands in it
  const [added, setAdded] = useState<number | null>(null);
  const reached = outcome === 'reached';
  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const setNeed = (key: number, patch: Partial<NeedRow>) => setNeeds((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local: Errors = {};
    if (!outcome) local.outcome = t('m.care.form.outcomeMissing');
    if (reached) {
      needs.forEach((n, i) => {
        if (!/^\d+$/.test(n.quantity) || Number(n.quantity) < 1) local[`needs.${i}.quantity`] = t('m.care.form.quantityInvalid');
      });
    }
    setErrors(local);
    if (!outcome || Object.keys(local).length > 0) return;
    const body: Body = {
      clientKey,
      outcome,
      followUp,
      note: note.trim() || null,
      ...(reached
        ? {
            healthStatus: health,
            livingStatus: living,
            mood,
            adviceGiven: advice,
            needs: needs.map((n) => ({ item: n.item, quantity: Number(n.quantity), urgency: n.urgency, note: n.note.trim() || null })),
          }
        : {}),
    };
    setBusy(true);
    try {
      onSaved(await api.post<Result>(`/api/care/tasks/${taskId}/calls`, body));
    } catch (err) {
      setErrors(toErrors(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="call-form-title" data-testid="call-form">
      <h2 id="call-form-title">{t('m.care.form.title')}</h2>
      {errors[''] && <Notice kind="error">{errors['']}</Notice>}
      <Choice
        legend={t('m.care.form.outcome')}
        name="outcome"
        options={options(CALL_OUTCOMES, 'care.outcome')}
        value={outcome}
        onChange={setOutcome}
        error={errors.outcome}
        hint={
          outcome && !reached
            ? `${t('m.care.form.unreachedHint')}${outcome === 'wrong_number' ? t('m.care.form.wrongNumberHint') : ''}`
            : null
        }
      />
      {reached && (
        <>
          <Choice
            legend={t('m.care.form.health')}
            name="health"
            options={options(HEALTH_STATUSES, 'care.health')}
            value={health}
            onChange={setHealth}
            error={errors.healthStatus}
          />
          <Choice
            legend={t('m.care.form.living')}
            name="living"
            options={options(LIVING_STATUSES, 'care.living')}
            value={living}
            onChange={setLiving}
            error={errors.livingStatus}
          />
          <Choice
            legend={t('m.care.form.mood')}
            name="mood"
            options={options(MOODS, 'care.mood')}
            value={mood}
            onChange={setMood}
            error={errors.mood}
          />
          <Check label={t('m.care.form.advice')} checked={advice} onChange={setAdvice} />
          <section className="needs" aria-labelledby="needs-title">
            <h3 id="needs-title">{t('m.care.form.needs')}</h3>
            <p className="hint">{t('m.care.form.needsHint')}</p>
            {errors.needs && <Notice kind="error">{errors.needs}</Notice>}
            {needs.map((n, i) => (
              <fieldset key={n.key} className="need-row" data-testid={`need-${i + 1}`}>
                <legend>{t('m.care.form.need', { n: i + 1 })}</legend>
                <SelectField
                  label={t('m.care.form.item')}
                  autoFocus={n.key === added}
                  value={n.item}
                  onChange={(e) => setNeed(n.key, { item: e.target.value as NeedRow['item'] })}
                  options={options(NEED_ITEM_CODES, 'care.item')}
                  error={errors[`needs.${i}.item`]}
                />
                <Field
                  label={t('m.care.form.quantity')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={9999}
                  value={n.quantity}
                  onChange={(e) => setNeed(n.key, { quantity: e.target.value.replace(/\D/g, '').slice(0, 4) })}
                  error={errors[`needs.${i}.quantity`]}
                />
                <Choice
                  legend={t('m.care.form.urgency')}
                  name={`urgency-${n.key}`}
                  options={options(URGENCIES, 'care.urgency')}
                  value={n.urgency}
                  onChange={(urgency) => setNeed(n.key, { urgency })}
                />
                <Field
                  label={t('m.care.form.needNote')}
                  value={n.note}
                  maxLength={200}
                  onChange={(e) => setNeed(n.key, { note: e.target.value })}
                  error={errors[`needs.${i}.note`]}
                />
                <Button variant="secondary" onClick={() => setNeeds((rows) => rows.filter((r) => r.key !== n.key))}>
                  {t('m.care.form.removeNeed', { n: i + 1 })}
                </Button>
              </fieldset>
            ))}
            {needs.length === 0 && <p>{t('m.care.form.noNeeds')}</p>}
            <Button
              variant="secondary"
              onClick={() => {
                const row = newNeed();
                setAdded(row.key);
                setNeeds((rows) => [...rows, row]);
              }}
              disabled={needs.length >= 20}
            >
              ＋ {t('m.care.form.addNeed')}
            </Button>
          </section>
        </>
      )}
      {outcome && (
        <>
          <Check label={t('m.care.form.followUp')} checked={followUp} onChange={setFollowUp} />
          <TextAreaField
            label={t('m.care.form.note')}
            value={note}
            maxLength={500}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
            error={errors.note}
          />
        </>
      )}
      <Button type="submit" disabled={busy} busy={busy} data-testid="call-save">
        {busy ? t('m.care.form.saving') : t('m.care.form.save')}
      </Button>
    </form>
  );
}
