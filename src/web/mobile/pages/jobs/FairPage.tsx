import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PublicFair } from '../../../../contracts/jobs';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { Link, useParams } from '../../router';
import { beijing, PositionCard } from './common';

/** A fair's public page, opened from its QR code or a WeChat post: no sign-in, the fair, its positions, the way to register. */
export default function FairPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const load = useLoad(`fair-${id}`, () => api.get<z.infer<typeof PublicFair>>(`/api/jobs/public/fairs/${id}`));
  return (
    <Page title={load.data?.fair.title ?? t('m.jobs.fair')}>
      <Loaded load={load}>
        {({ fair, positions }) => (
          <>
            <ul className="facts">
              <li>{t('m.jobs.fairTime', { time: beijing(fair.startsAt) })}</li>
              <li>{t('m.jobs.fairOrganiser', { organiser: fair.organiser })}</li>
              {fair.partners.length > 0 && <li>{t('m.jobs.fairPartners', { partners: fair.partners.join('、') })}</li>}
              {fair.registrationDeadline && <li>{t('m.jobs.fairDeadline', { time: beijing(fair.registrationDeadline) })}</li>}
              {fair.contactPhone && (
                <li>
                  {t('m.jobs.fairContact', { phone: '' })}
                  <a href={`tel:${fair.contactPhone}`}>{fair.contactPhone}</a>
                </li>
              )}
              {fair.contactEmail && (
                <li>
                  {t('m.jobs.fairEmail', { email: '' })}
                  <a href={`mailto:${fair.contactEmail}`}>{fair.contactEmail}</a>
                </li>
              )}
            </ul>
            {fair.description && <p className="lead">{fair.description}</p>}
            {fair.status === 'closed' && <Notice>{t('m.jobs.fairClosed')}</Notice>}
            <p className="hint">{t('m.jobs.registerHint')}</p>
            <Link to="/m/jobs" className="btn btn-primary register" data-testid="fair-register">
              {t('m.jobs.register')}
            </Link>
            <h2>{t('m.jobs.positionsTitle', { n: positions.length })}</h2>
            {positions.length === 0 ? (
              <Notice>{t('m.jobs.noPositions')}</Notice>
            ) : (
              <ul className="list" aria-label={t('m.jobs.positionsTitle', { n: positions.length })}>
                {positions.map((p) => (
                  <PositionCard key={p.id} p={p} t={t}>
                    {p.description && <p>{p.description}</p>}
                  </PositionCard>
                ))}
              </ul>
            )}
            <FairQr />
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** This page's address as a QR code, to show on a screen or pass on; the encoder loads after the page. */
function FairQr() {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((q) => q.toDataURL(window.location.href, { margin: 1, width: 220 }))
      .then(
        (url) => live && setSrc(url),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  if (!src) return null;
  return (
    <figure className="qr">
      <img src={src} width={220} height={220} alt={t('m.jobs.qrAlt')} data-testid="fair-qr" />
      <figcaption className="hint">{t('m.jobs.qr')}</figcaption>
    </figure>
  );
}
