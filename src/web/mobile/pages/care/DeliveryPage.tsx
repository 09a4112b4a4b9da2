import './deliveries.messages';
import { type FormEvent, useEffect, useState } from 'react';
import type { DeliveryTask } from '../../../../contracts/care-deliveries';
import { DELIVERY_FAIL_REASONS } from '../../../../contracts/care-deliveries.vocab';
import { ApiError, api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded, StaffGate } from '../../kit/Gate';
import { Choice, TextAreaField } from '../../kit/Inputs';
import { newClientKey, setFlash, useLoad } from '../../kit/session';
import { navigate, useParams } from '../../router';
import { cachedTasks, enqueue, flush, shrinkPhoto, takeFailures } from './outbox';
import { useVolunteerSession } from './volunteer';
import './care.css';
import './deliveries.css';

const LIST = '/m/care/deliveries';
const pad = (n: number) => String(n).padStart(2, '0');
const localTime = (iso: string) => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const spaced = (phone: string) => (/^1\d{10}$/.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone);

/** One delivery: the address, what to bring, a call button, and the steps 领取 → 出发 → 已送达 / 未能送达. */
export default function DeliveryPage() {
  const { id = '' } = useParams();
  return <Task key={id} id={id} />;
}

function Task({ id }: { id: string }) {
  const { t } = useI18n();
  const staff = useVolunteerSession();
  const [n, setN] = useState(0);
  const load = useLoad(staff.status === 'ready' ? `delivery:${id}:${n}` : null, async () => {
    try {
      return await api.get<DeliveryTask>(`/api/care/volunteer/tasks/${id}`);
    } catch (err) {
      // without a connection, the task as the list last saw it
      const cached = cachedTasks()?.find((x) => x.id === id);
      if (err instanceof ApiError && err.status === 0 && cached) return cached;
      throw err;
    }
  });
  return (
    <Page title={load.data?.name ?? t('m.dl.title')} back={{ to: LIST }}>
      <StaffGate staff={staff} forbidden={t('m.dl.forbidden')}>
        <Loaded load={load}>{(task) => <TaskScreen task={task} reload={() => setN((x) => x + 1)} />}</Loaded>
      </StaffGate>
    </Page>
  );
}

function TaskScreen({ task, reload }: { task: DeliveryTask; reload: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = async (to: 'taken' | 'on_way') => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/care/volunteer/tasks/${task.id}/status`, { to });
      reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <section className="card" aria-labelledby="dl-where" data-testid="delivery-summary">
        <h2 id="dl-where">{t('m.dl.address')}</h2>
        <p className="dl-address">
          {task.neighborhoodName} {task.address}
        </p>
        <p>
          <span className={`dl-status dl-${task.status}`}>{t(`care.d.status.${task.status}`)}</span> {task.runTitle} ·{' '}
          {t('m.dl.seq', { n: task.seq })}
        </p>
        <p className="lead">{t('m.dl.due', { time: localTime(task.dueAt) })}</p>
        <p>{t(`m.dl.mode.${task.mode}`)}</p>
      </section>
      <section className="card" aria-labelledby="dl-items">
        <h2 id="dl-items">{t('m.dl.items')}</h2>
        <ul className="plain big">
          {task.items.map((i) => (
            <li key={i.item}>
              {i.label} × {i.quantity}
              {i.unit}
            </li>
          ))}
        </ul>
      </section>
      {task.status !== 'confirmed' && <Call task={task} />}
      {error && <Notice kind="error">{error}</Notice>}
      {task.status === 'open' && (
        <Button onClick={() => step('taken')} disabled={busy} busy={busy} data-testid="take">
          {t('m.dl.take')}
        </Button>
      )}
      {task.status === 'taken' && (
        <div className="dl-step">
          <Button variant="secondary" onClick={() => step('on_way')} disabled={busy} busy={busy}>
            {t('m.dl.start')}
          </Button>
        </div>
      )}
      {(task.status === 'taken' || task.status === 'on_way') && <Report task={task} />}
      {(task.status === 'delivered' || task.status === 'failed' || task.status === 'confirmed') && (
        <Notice>
          {t(`care.d.status.${task.status}`)}
          {task.deliveredAt ? ` · ${localTime(task.deliveredAt)}` : ''}
          {task.failReason ? ` · ${task.failReason}` : ''}
          {task.note ? ` · ${task.note}` : ''}
        </Notice>
      )}
    </>
  );
}

/** 「拨打电话」 asks the server for the number (recorded), then dials it. */
function Call({ task }: { task: DeliveryTask }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ phone: string | null }>(`/api/care/volunteer/tasks/${task.id}/phone`);
      setPhone(r.phone);
      if (r.phone) window.location.href = `tel:${r.phone}`;
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="dl-call">
      <h2 id="dl-call">{t('m.dl.call')}</h2>
      <p className="hint">{t('m.dl.callHint')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {phone === null && <Notice kind="error">{t('m.dl.noPhone')}</Notice>}
      {phone ? (
        <a className="btn btn-primary dl-phone" href={`tel:${phone}`} data-testid="phone">
          {t('m.dl.callNumber', { phone: spaced(phone) })}
        </a>
      ) : (
        <Button variant="secondary" className="dl-call" onClick={reveal} disabled={busy || phone === null} busy={busy} data-testid="call">
          <span>{t('m.dl.call')}</span>
          {task.phoneMasked ? <span className="dl-phone">{task.phoneMasked}</span> : null}
        </Button>
      )}
    </section>
  );
}

type Outcome = 'delivered' | 'failed';

/** 已送达 with a photo from the camera, or 未能送达 with a reason; queued on the phone first, then sent. */
function Report({ task }: { task: DeliveryTask }) {
  const { t } = useI18n();
  // one key per report form: a double tap or a resend from the outbox is counted once
  const [clientKey] = useState(newClientKey);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; photo?: string; reason?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return setErrors({ outcome: t('m.dl.outcomeNeeded') });
    if (outcome === 'delivered' && !photo) return setErrors({ photo: t('m.dl.photoNeeded') });
    if (outcome === 'failed' && !reason) return setErrors({ reason: t('m.dl.reasonNeeded') });
    setBusy(true);
    setErrors({});
    try {
      const small = photo ? await shrinkPhoto(photo) : undefined;
      await enqueue({
        clientKey,
        taskId: task.id,
        name: task.name,
        outcome,
        note: note.trim() || undefined,
        reason: outcome === 'failed' ? (reason ?? undefined) : undefined,
        at: new Date().toISOString(),
        photo: outcome === 'delivered' ? small : undefined,
        photoName: photo?.name,
      });
      if (!navigator.onLine) {
        setFlash(t('m.dl.savedOffline'));
        navigate(LIST);
        return;
      }
      // send now; what cannot go now stays queued and goes when the connection is back
      await flush();
      const refused = takeFailures();
      if (refused.length > 0) {
        // refused in words (say, the photo is not an image): stay, say why, let them fix it
        setErrors({ form: refused.join('；') });
        setBusy(false);
        return;
      }
      const after = await api.get<DeliveryTask>(`/api/care/volunteer/tasks/${task.id}`).catch(() => null);
      const done = after && after.status !== 'taken' && after.status !== 'on_way';
      setFlash(done ? t('m.dl.sent', { name: task.name, status: t(`care.d.status.${after.status}`) }) : t('m.dl.savedOffline'));
      navigate(LIST);
    } catch (err) {
      setErrors({ form: errorText(err) });
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="dl-report">
      <h2 id="dl-report">{t('m.dl.report')}</h2>
      {errors.form && <Notice kind="error">{errors.form}</Notice>}
      <Choice<Outcome>
        legend={t('m.dl.outcome')}
        name="outcome"
        options={[
          { value: 'delivered', label: t('m.dl.delivered') },
          { value: 'failed', label: t('m.dl.failed') },
        ]}
        value={outcome}
        onChange={setOutcome}
        error={errors.outcome}
      />
      {outcome === 'delivered' && (
        <div className={`field${errors.photo ? ' field-invalid' : ''}`}>
          <label htmlFor="dl-photo">{t('m.dl.photo')}</label>
          <p className="hint">{t('m.dl.photoHint')}</p>
          <input
            id="dl-photo"
            className="dl-file"
            type="file"
            accept="image/*"
            capture="environment"
            aria-invalid={errors.photo ? true : undefined}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setPhoto(f);
              setPreview(f ? URL.createObjectURL(f) : null);
            }}
          />
          {preview && photo && <img className="dl-photo-preview" src={preview} alt={t('m.dl.photoTaken', { name: photo.name })} />}
          {errors.photo && (
            <p className="error-text" role="alert">
              <span aria-hidden="true">⚠ </span>
              {t('m.errorPrefix')}
              {errors.photo}
            </p>
          )}
        </div>
      )}
      {outcome === 'failed' && (
        <Choice<string>
          legend={t('m.dl.reason')}
          name="reason"
          options={DELIVERY_FAIL_REASONS.map((r) => ({ value: r, label: r }))}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
      )}
      {outcome && <TextAreaField label={t('m.dl.note')} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />}
      <Button type="submit" disabled={busy} busy={busy} data-testid="report-submit">
        {t('m.dl.submit')}
      </Button>
    </form>
  );
}
