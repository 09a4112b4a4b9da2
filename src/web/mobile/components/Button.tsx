import type { ButtonHTMLAttributes } from 'react';

/** A full-width button, at least 44 px tall (60 px in large-text mode). */
export function Button({
  variant = 'primary',
  busy,
  className,
  children,
  ...rest
}: { variant?: 'primary' | 'secondary' | 'link'; busy?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="button" className={`btn btn-${variant} ${className ?? ''}`} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}
