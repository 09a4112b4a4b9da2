import { useEffect, useState } from 'react';
import type { CandidateItem, CandidateView } from '../../../../contracts/jobs-interviews';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { useParams } from '../../router';
import './queue-messages';
import './queue.css';

type Live = 'connecting' | 'live' | 'lost' | 'gone';
const POLL_MS = 10_000;

/**
 * The candidate's own page, opened from the SMS link (a personal token, no password): their wait
 * and, once called, the meeting room large with a copy button. Live over server-sent events
 * (EventSource resumes with Last-Event-ID); polling where there is no EventSource or it fails.
 */
function useQueue(token: string): { view: CandidateView | null; live: Live } {
  const [view, setView] = useState<CandidateView | null>(null);
  const [live, setLive] = useState<Live>('connecting');
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    const poll = () =>
      api.get<{ view: CandidateView }>(`/api/jobs/q/${token}`).then(
        (r) => {
          if (stopped) return;
          setView(r.view);
          setLive('live');
        },
        (err: { status?: number }) => !stopped && setLive(err?.status === 404 ? 'gone' : 'lost'),
      );
    const startPolling = () => {
      if (timer) return;
      void poll();
      timer = setInterval(poll, POLL_MS);
    };
    let source: EventSource | null = null;
    if (typeof EventSource === 'undefined') startPolling();
    else {
      source = new EventSource(`/api/jobs/q/${token}/stream`);
      const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as Partial<CandidateView>;
      source.addEventListener('snapshot', (e) => {
        setView(data(e) as CandidateView);
        setLive('live');
      });
      source.addEventListener('delta', (e) => setView((prev) => (prev ? { ...prev, ...data(e) } : prev)));
      source.addEventListener('end', () => {
        source?.close();
        startPolling();
      });
      source.onopen = () => setLive('live');
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          // refused (a revoked or expired link) or no streams through this network: ask plainly
          startPolling();
        } else setLive('lost');
      };
    }
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearInterval(timer);
    };
  }, [token]);
  return { view, live };
}

export default function QueuePage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const { view, live } = useQueue(token);
  const title = view?.title ?? t('m.jobs.q.title');
  return (
    <Page title={title}>
      <div className="queue">
        {live === 'gone' || view?.revoked ? (
          <Notice>{t('m.jobs.q.gone')}</Notice>
        ) : !view ? (
          <p className="hint">…</p>
        ) : !view.published ? (
          <Notice>{t('m.jobs.q.notYet')}</Notice>
        ) : view.items.length === 0 ? (
          <Notice>{t('m.jobs.q.none')}</Notice>
        ) : (
          <ul className="queue-list">
            {view.items.map((item) => (
              <QueueItem key={item.id} item={item} />
            ))}
          </ul>
        )}
        <p className="hint" aria-live="polite" data-testid="queue-live">
          {live === 'lost' ? t('m.jobs.q.lost') : t('m.jobs.q.live')}
        </p>
      </div>
    </Page>
  );
}

function QueueItem({ item }: { item: CandidateItem }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const called = item.status === 'interviewing';
  const queued = item.status === 'scheduled' || item.status === 'waiting';
  const headline = called
    ? t('m.jobs.q.called')
    : queued
      ? item.ahead === 0
        ? t('m.jobs.q.next', { time: item.expected })
        : t('m.jobs.q.ahead', { n: item.ahead, time: item.expected })
      : item.status === 'done'
        ? t('m.jobs.q.done')
        : t('m.jobs.q.noShow');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(item.meeting ?? '');
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <li className={`queue-item${called ? ' queue-called' : ''}`} data-testid="queue-item" data-status={item.status}>
      <h2>
        {item.employer}「{item.position}」
      </h2>
      <p className="queue-headline" aria-live="assertive" data-testid="queue-headline">
        {headline}
      </p>
      <p>{t('m.jobs.q.room', { room: item.room })}</p>
      <p>{t('m.jobs.q.time', { time: item.start })}</p>
      {called && item.meeting && (
        <div className="queue-meeting">
          <p className="queue-meeting-label">{t('m.jobs.q.meeting')}</p>
          <p className="queue-meeting-value" data-testid="queue-meeting">
            {item.meeting}
          </p>
          <button type="button" className="btn btn-primary" onClick={copy}>
            {t('m.jobs.q.copy')}
          </button>
          {/^https?:\/\//.test(item.meeting) && (
            <a className="btn btn-secondary" href={item.meeting} target="_blank" rel="noreferrer noopener">
              {t('m.jobs.q.open')}
            </a>
          )}
          {copied && (
            <p className="hint" role="status">
              {copied === 'ok' ? t('m.jobs.q.copied') : t('m.jobs.q.copyFailed')}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
