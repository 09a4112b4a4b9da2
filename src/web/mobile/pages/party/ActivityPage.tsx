import './messages';
import { type FormEvent, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { MyActivityDetail } from '../../../../contracts/party';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { TextAreaField } from '../../kit/Inputs';
import { newClientKey, useLoad } from '../../kit/session';
import { useParams } from '../../router';
import { cst, useMemberSession } from './member';
import './party.css';

type Detail = z.infer<typeof MyActivityDetail>;

/** One activity, opened from the notice or a QR code: check in with one tap, then share a thought. */
export default function PartyActivityPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? `party-activity-${id}` : null, () => api.get<Detail>(`/api/party/me/activities/${id}`));
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [key, setKey] = useState(newClientKey);
  const shown = detail ?? load.data;

  const run = async (fn: () => Promise<Detail>) => {
    setBusy(true);
    setError(null);
    try {
      setDetail(await fn());
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** the chosen photos sent one by one (each counts once on the server; the ninth is the last) */
  const addPhotos = async (thoughtId: string, files: FileList | null) => {
    for (const f of Array.from(files ?? [])) {
      const form = new FormData();
      form.append('file', f, f.name);
      if (!(await run(() => api.postForm<Detail>(`/api/party/me/thoughts/${thoughtId}/photos`, form)))) break;
    }
  };
  const checkIn = () => run(() => api.post<Detail>(`/api/party/me/activities/${id}/checkin`));
  const post = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.post<Detail>(`/api/party/me/activities/${id}/thoughts`, { clientKey: key, text }))) {
      setText('');
      setKey(newClientKey());
    }
  };
  return (
    <Page title={shown?.title ?? t('m.party.title')} back={{ to: '/m/party' }}>
      <Loaded load={{ data: shown ?? undefined, error: load.error }}>
        {(a) => (
          <>
            <p className="lead">
              {t('m.party.time', { time: cst(a.startsAt) })}
              <br />
              {a.location
                ? t('m.party.where', { mode: t(a.mode === 'online' ? 'm.party.online' : 'm.party.onsite'), location: a.location })
                : t(a.mode === 'online' ? 'm.party.online' : 'm.party.onsite')}
            </p>
            {a.theme && <p className="theme">{a.theme}</p>}
            {a.agenda && (
              <>
                <h2>{t('m.party.agenda')}</h2>
                <p className="pre">{a.agenda}</p>
              </>
            )}
            {error && <Notice kind="error">{error}</Notice>}
            {a.checkedIn ? (
              <>
                <Notice>{t('m.party.checkedInNote')}</Notice>
                <CheckInQr />
              </>
            ) : (
              <Button onClick={checkIn} busy={busy} disabled={busy} data-testid="party-checkin">
                {t('m.party.checkIn')}
              </Button>
            )}
            <h2>{t('m.party.thoughts')}</h2>
            {a.thoughts.length === 0 ? (
              <p className="hint">{t('m.party.noThoughts')}</p>
            ) : (
              <ul className="thoughts">
                {a.thoughts.map((th) => (
                  <li key={th.id}>
                    <strong>{th.author}</strong>
                    <p className="pre">{th.text}</p>
                    {th.photos.length > 0 && (
                      <div className="photos" data-testid="party-thought-photos">
                        {th.photos.map((p) => (
                          <a key={p.fileId} href={p.url} target="_blank" rel="noreferrer">
                            <img src={p.url} alt={t('m.party.photo')} loading="lazy" />
                          </a>
                        ))}
                      </div>
                    )}
                    {th.mine && th.photos.length < 9 && (
                      <label className="add-photo">
                        {busy ? t('m.party.photoSending') : t('m.party.addPhoto', { n: 9 - th.photos.length })}
                        <input
                          type="file"
                          accept="image/*"
                          multiple
                          disabled={busy}
                          data-testid="party-photo-input"
                          onChange={(e) => {
                            void addPhotos(th.id, e.target.files);
                            e.target.value = '';
                          }}
                        />
                      </label>
                    )}
                    {th.comments.map((c) => (
                      <p key={c.id} className="comment">
                        {c.author}：{c.text}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={post}>
              <TextAreaField
                label={t('m.party.thoughtLabel')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={4}
                maxLength={2000}
                required
              />
              <Button type="submit" variant="secondary" busy={busy} disabled={busy || text.trim() === ''} data-testid="party-thought-send">
                {t('m.party.send')}
              </Button>
            </form>
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** The activity's check-in QR code (this page's address), to let a neighbour scan it; the encoder loads after the page. */
function CheckInQr() {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((q) => q.toDataURL(`${window.location.origin}${window.location.pathname}`, { margin: 1, width: 200 }))
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
      <img src={src} width={200} height={200} alt={t('m.party.qrAlt')} data-testid="party-qr" />
      <figcaption className="hint">{t('m.party.qr')}</figcaption>
    </figure>
  );
}
