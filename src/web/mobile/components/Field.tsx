import { type InputHTMLAttributes, type ReactNode, useId } from 'react';
import { useI18n } from '../../i18n';

/** A labelled input with its hint and, when wrong, an error said in words (not only in red). */
export function Field({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('m.errorPrefix')}
          {error}
        </p>
      )}
    </div>
  );
}

/** A message for the whole screen: an error (in words) or a plain note. */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'error'; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {kind === 'error' && (
        <strong>
          <span aria-hidden="true">⚠ </span>
          {t('m.errorPrefix')}
        </strong>
      )}
      {children}
    </div>
  );
}
