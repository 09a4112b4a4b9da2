import { useState } from 'react';
import { errorText, formFieldErrors } from '../../../api';
import { useI18n } from '../../../i18n';
import { Check, Choice } from '../../kit/Inputs';
import './training.css';

/** errors by the server's field path, '' for the whole form */
export type Errors = Record<string, string>;
export function toErrors(err: unknown): Errors {
  const out: Errors = {};
  for (const f of formFieldErrors(err)) out[f.name.join('.')] = f.errors.join('；');
  if (Object.keys(out).length === 0) out[''] = errorText(err);
  return out;
}

export interface Opt {
  key: string;
  text: string;
}

/** an option's label: 「A. 五年」, or 对 / 错 for a true/false question */
export function useOptionLabel() {
  const { t } = useI18n();
  return (kind: string, o: Opt) => (kind === 'true_false' ? (o.key === 'T' ? t('tm.true') : t('tm.false')) : `${o.key}. ${o.text}`);
}

/** One question's answer: large radio rows (single, true/false) or check rows (multiple). */
export function AnswerInput({
  name,
  kind,
  options,
  value,
  onChange,
  error,
}: {
  name: string;
  kind: string;
  options: Opt[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | null;
}) {
  const { t } = useI18n();
  const label = useOptionLabel();
  if (kind === 'multiple')
    return (
      <fieldset className="choices">
        <legend>{t('tm.play.multiple')}</legend>
        {options.map((o) => (
          <Check
            key={o.key}
            label={label(kind, o)}
            checked={value.includes(o.key)}
            onChange={(on) => onChange(on ? [...value, o.key].sort() : value.filter((v) => v !== o.key))}
          />
        ))}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    );
  return (
    <Choice
      legend={t('tm.play.single')}
      name={name}
      options={options.map((o) => ({ value: o.key, label: label(kind, o) }))}
      value={value[0] ?? null}
      onChange={(v) => onChange([v])}
      error={error}
    />
  );
}

/** The right answer and the explanation, after a question closed (or a quiz was graded). */
export function Explained({
  kind,
  options,
  answer,
  explanation,
  chosen,
  score,
  points,
}: {
  kind: string;
  options: Opt[];
  answer: string[];
  explanation: string | null;
  chosen: string[] | null;
  score: number | null;
  points: number;
}) {
  const { t } = useI18n();
  const label = useOptionLabel();
  const names = (keys: string[]) => keys.map((k) => label(kind, options.find((o) => o.key === k) ?? { key: k, text: k })).join('；');
  const verdict =
    chosen === null || chosen.length === 0
      ? t('tm.play.noAnswer')
      : score === points
        ? t('tm.play.right')
        : score !== null && score > 0
          ? t('tm.play.partial', { score })
          : t('tm.play.wrong');
  const good = chosen !== null && score === points;
  return (
    <div className={`explained ${good ? 'explained-right' : 'explained-wrong'}`} data-testid="explained">
      <p className="verdict">
        <span aria-hidden="true">{good ? '✔ ' : '✘ '}</span>
        {verdict}
      </p>
      {chosen && chosen.length > 0 && <p>{t('tm.play.yourChoice', { choice: names(chosen) })}</p>}
      <p className="answer">{t('tm.play.answer', { answer: names(answer) })}</p>
      {explanation && (
        <p>
          <strong>{t('tm.play.explanation')}：</strong>
          {explanation}
        </p>
      )}
    </div>
  );
}

export function useForm<T extends Record<string, string>>(initial: T) {
  const [v, setV] = useState(initial);
  return [v, (k: keyof T, value: string) => setV((x) => ({ ...x, [k]: value }))] as const;
}
