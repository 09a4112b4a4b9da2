import './kit.css';
import { type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { useI18n } from '../../i18n';

/** The error under a control, in words (not only in red). */
function ErrorText({ id, error }: { id: string; error?: string | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p id={id} className="error-text" role="alert">
      <span aria-hidden="true">⚠ </span>
      {t('m.errorPrefix')}
      {error}
    </p>
  );
}

/** Width of a label in half-width units (a Chinese character is two). */
const units = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
/** Three short answers fit side by side on a phone; others go two to a row. */
const threeAcross = (options: { label: string }[]) => options.length % 3 === 0 && options.every((o) => units(o.label) <= 6);

/** One answer out of a few, as large tappable rows (radio buttons under a legend). */
export function Choice<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: { value: T; label: string }[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | null;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className={`choices${error ? ' field-invalid' : ''}`}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      <div className={`choice-row${threeAcross(options) ? ' cols-3' : ''}`}>
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/** A yes/no question as one large tappable row. */
export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

export function SelectField({
  label,
  error,
  options,
  ...select
}: { label: string; error?: string | null; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  ...area
}: { label: string; error?: string | null } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...area} />
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}
