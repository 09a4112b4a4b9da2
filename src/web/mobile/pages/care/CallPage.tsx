import './messages';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import type { CallPhones, CallScreen, Queue, RecordCallResult } from '../../../../contracts/care';
import { api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded, StaffGate } from '../../kit/Gate';
import { setFlash, takeFlash, useLoad, useStaffSession } from '../../kit/session';
import { Link, navigate, useParams } from '../../router';
import { CallForm } from './CallForm';
import './care.css';

type Screen = z.infer<typeof CallScreen>;
type Phones = z.infer<typeof CallPhones>;

/** One call: who it is, what to say, the numbers (revealed on demand, audited), and the outcome form. */
export default function CallPage() {
  const { id = '' } = useParams();
  // a new task is a new form (and a new submission key), not the last one's state
  return <CallTask key={id} id={id} />;
}

function CallTask({ id }: { id: string }) {
  const { t } = useI18n();
  const [flash] = useState(takeFlash);
  const staff = useStaffSession('care:call');
  const load = useLoad(staff.status === 'ready' ? `task:${id}` : null, () => api.get<Screen>(`/api/care/tasks/${id}`));
  const s = load.data;
  const queuePath = s ? `/m/care/campaigns/${s.campaignId}` : '/m/care';

  const onSaved = async (result: z.infer<typeof RecordCallResult>) => {
    if (!s) return;
    const name = s.beneficiary.name;
    const note = result.requeued ? t('m.care.requeued', { name }) : t('m.care.saved', { name });
    let next: string | undefined;
    try {
      const queue = await api.get<z.infer<typeof Queue>>(`/api/care/campaigns/${s.campaignId}/queue`);
      next = queue.items.find((i) => i.status === 'pending' && i.taskId !== id)?.taskId;
    } catch {
      // the call is saved; the list page will show what is left
    }
    setFlash(next ? note : `${note}${t('m.care.allDone')}`);
    navigate(next ? `/m/care/tasks/${next}` : queuePath);
  };

  return (
    <Page title={s?.beneficiary.name ?? t('m.care.title')} back={{ to: queuePath }}>
      {flash && <Notice>{flash}</Notice>}
      <StaffGate staff={staff} forbidden={t('m.care.forbidden')}>
        <Loaded load={load}>
          {(screen) => (
            <>
              <Summary s={screen} />
              <section className="card" aria-labelledby="points">
                <h2 id="points">{t('m.care.call.points')}</h2>
                <p className="points">{screen.talkingPoints}</p>
              </section>
              {/* what happened before sits above the form, where the caller reads it before saving */}
              <History s={screen} />
              {screen.status === 'pending' ? (
                <Dial taskId={id} s={screen}>
                  <CallForm taskId={id} onSaved={onSaved} />
                </Dial>
              ) : (
                <>
                  <Notice>{t('m.care.call.closed', { status: t(`care.task.${screen.status}`) })}</Notice>
                  <Link to={queuePath} className="btn btn-secondary">
                    {t('m.back')}
                  </Link>
                </>
              )}
            </>
          )}
        </Loaded>
      </StaffGate>
    </Page>
  );
}

function Summary({ s }: { s: Screen }) {
  const { t } = useI18n();
  const b = s.beneficiary;
  const who = [b.gender ? t(`care.gender.${b.gender}`) : null, b.age !== null ? t('care.age', { age: b.age }) : null, b.category]
    .filter(Boolean)
    .join(' · ');
  return (
    <section className="card" aria-labelledby="summary" data-testid="call-summary">
      <h2 id="summary">{t('m.care.call.summary')}</h2>
      <p className="big">{who}</p>
      <p>{b.address}</p>
      {(b.livingSituation || b.flags.length > 0) && (
        <p>{[b.livingSituation, ...b.flags.filter((f) => f !== b.livingSituation)].filter(Boolean).join('、')}</p>
      )}
      <p className="lead">{t('m.care.call.attempt', { n: s.attempts + 1, max: s.maxAttempts })}</p>
    </section>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A server time in the phone's own time zone: 2026-11-26 09:30. */
const localTime = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const spaced = (phone: string) => (/^1\d{10}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone);

/**
 * The first tap on 「拨打电话」 reveals the numbers (the server records that) and dials the main one
 * at once through its tel: link; the other numbers stay as links to tap. Then the outcome form.
 */
function Dial({ taskId, s, children }: { taskId: string; s: Screen; children: ReactNode }) {
  const { t } = useI18n();
  const [phones, setPhones] = useState<Phones | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revealAndDial = async () => {
    setBusy(true);
    setError(null);
    try {
      const got = await api.post<Phones>(`/api/care/tasks/${taskId}/phones`);
      setPhones(got);
      const first = got.phone ?? got.altPhone ?? got.emergencyPhone;
      // one tap: the audited reveal, then the phone's dialler
      if (first) dial(telOf(first));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!phones) {
    return (
      <section className="card" aria-labelledby="dial">
        <h2 id="dial">{t('m.care.call.dial')}</h2>
        <p>
          {t('m.care.call.phone')}：<strong className="big phone-number">{s.beneficiary.phoneMasked ?? '—'}</strong>
        </p>
        <p className="hint">{t('m.care.call.dialHint')}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <Button onClick={revealAndDial} disabled={busy} busy={busy} data-testid="dial">
          {t('m.care.call.dial')}
        </Button>
      </section>
    );
  }
  const numbers = [
    { label: t('m.care.call.phone'), value: phones.phone },
    { label: t('m.care.call.altPhone'), value: phones.altPhone },
    { label: t('m.care.call.emergency', { name: s.beneficiary.emergencyName ?? '' }), value: phones.emergencyPhone },
  ].filter((n): n is { label: string; value: string } => !!n.value);
  return (
    <>
      <section className="card" aria-labelledby="dial">
        <h2 id="dial">{t('m.care.call.dial')}</h2>
        {numbers.length === 0 && <Notice kind="error">{t('m.care.call.noPhone')}</Notice>}
        <div className="phones" data-testid="phones">
          {numbers.map((n) => (
            <a key={n.label} className="btn btn-primary phone-link" href={telOf(n.value)}>
              <span>{n.label}</span>
              <span className="phone-number">{spaced(n.value)}</span>
            </a>
          ))}
        </div>
      </section>
      {children}
    </>
  );
}

/** hands a tel: link to the phone's dialler, as a tap on the link would */
function dial(href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

const telOf = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

function History({ s }: { s: Screen }) {
  const { t } = useI18n();
  if (s.recentCalls.length === 0 && s.openNeeds.length === 0) return null;
  return (
    <>
      {s.recentCalls.length > 0 && (
        <section className="card" aria-labelledby="recent">
          <h2 id="recent">{t('m.care.call.recent')}</h2>
          <ul className="plain">
            {s.recentCalls.map((c) => (
              <li key={c.id}>
                {localTime(c.at)} {t(`care.outcome.${c.outcome}`)}
                {c.callerName ? `（${c.callerName}）` : ''}
                {c.note ? `：${c.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.openNeeds.length > 0 && (
        <section className="card" aria-labelledby="open-needs">
          <h2 id="open-needs">{t('m.care.call.openNeeds')}</h2>
          <ul className="plain">
            {s.openNeeds.map((n) => (
              <li key={n.id}>
                {t(`care.item.${n.item}`)} × {n.quantity}（{t(`care.needStatus.${n.status}`)}）
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
