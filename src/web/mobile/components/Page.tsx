import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../../i18n';
import { useLargeText } from '../largeText';
import { Link } from '../router';

export type Back = { to: string } | { onClick: () => void };

/**
 * One phone screen: a bar with the way back and the large-text switch, then one task under one
 * heading. Every phone page is built from it, so every page has both.
 */
export function Page({ title, back, children }: { title: string; back?: Back; children: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page">
      <header className="bar">
        {back ? <BackLink back={back} /> : <span className="bar-brand">{t('app.name')}</span>}
        <LargeTextToggle />
      </header>
      <main className="content">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

function BackLink({ back }: { back: Back }) {
  const { t } = useI18n();
  const label = (
    <>
      <span aria-hidden="true">‹ </span>
      {t('m.back')}
    </>
  );
  return 'to' in back ? (
    <Link to={back.to} className="back">
      {label}
    </Link>
  ) : (
    <button type="button" className="back" onClick={back.onClick}>
      {label}
    </button>
  );
}

export function LargeTextToggle() {
  const { t } = useI18n();
  const [on, set] = useLargeText();
  return (
    <button type="button" className="toggle" aria-pressed={on} onClick={() => set(!on)} data-testid="large-text-toggle">
      <span className="toggle-track" aria-hidden="true">
        <span className="toggle-knob" />
      </span>
      {t(on ? 'm.largeTextOn' : 'm.largeTextOff')}
    </button>
  );
}
