import './messages';
import { useCallback, useEffect, useState } from 'react';
import type { AnswerResult, LiveView, PlayState } from '../../../../contracts/training';
import { ApiError, api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { navigate } from '../../router';
import { AnswerInput, Explained } from './shared';

/**
 * The class quiz on the phone. The class arrives by its live stream (a snapshot on every connect,
 * so a late joiner or a dropped connection lands where the class is); my own answers come from
 * /play/state, read again whenever the question or its state changes.
 */
export default function PlayPage() {
  const { t } = useI18n();
  const [view, setView] = useState<LiveView | null>(null);
  const [me, setMe] = useState<PlayState | null>(null);
  const [lost, setLost] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadMe = useCallback(() => {
    api.get<PlayState>('/api/training/play/state').then(
      (s) => {
        setMe(s);
        setView((v) => v ?? s.view);
      },
      (err) => {
        if (err instanceof ApiError && err.status === 401) navigate('/m/training', { replace: true });
        else setError(errorText(err));
      },
    );
  }, []);

  useEffect(() => {
    loadMe();
    const source = new EventSource('/api/training/play/events');
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as Partial<LiveView>;
    source.addEventListener('snapshot', (e) => {
      setView(data(e) as LiveView);
      setLost(false);
    });
    source.addEventListener('delta', (e) => setView((prev) => (prev ? { ...prev, ...data(e) } : prev)));
    source.addEventListener('end', () => source.close());
    source.onerror = () => setLost(true);
    return () => source.close();
  }, [loadMe]);

  // a new question or a closed one: start a fresh choice, and read my answers again
  const stage = view ? `${view.index}:${view.state}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `stage` is what changed
  useEffect(() => {
    if (!stage) return;
    setChosen([]);
    setError(null);
    loadMe();
  }, [stage]);

  const q = view?.question ?? null;
  const mine = q && me ? me.mine[q.id] : undefined;
  const submit = async () => {
    if (!q) return;
    if (chosen.length === 0) {
      setError(t('tm.play.choose'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post<AnswerResult>('/api/training/play/answer', { questionId: q.id, choice: chosen });
      loadMe();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={view?.title ?? t('tm.join.title')} back={{ to: '/m/training' }}>
      {lost && <Notice kind="error">{t('tm.play.reconnecting')}</Notice>}
      {me && <p className="progress-line">{t('tm.play.joinedAs', { name: me.name })}</p>}
      {view && view.state === 'waiting' && (
        <p className="big-status" data-testid="play-status">
          {t('tm.play.waiting')}
        </p>
      )}
      {view && q && (view.state === 'open' || view.state === 'closed') && (
        <section data-testid="play-question">
          <p className="progress-line">{t('tm.play.question', { n: view.index + 1, total: view.total })}</p>
          <p className="stem">{q.stem}</p>
          {view.state === 'open' && !mine && (
            <>
              <AnswerInput name={`q-${q.id}`} kind={q.kind} options={q.options} value={chosen} onChange={setChosen} error={error} />
              <Button onClick={submit} busy={busy} disabled={busy} data-testid="play-submit">
                {t('tm.play.submit')}
              </Button>
            </>
          )}
          {view.state === 'open' && mine && (
            <p className="big-status" data-testid="play-status">
              {t('tm.play.submitted')}
            </p>
          )}
          {view.state === 'closed' && q.answer && (
            <>
              <Explained
                kind={q.kind}
                options={q.options}
                answer={q.answer}
                explanation={q.explanation}
                chosen={mine?.choice ?? null}
                score={mine?.score ?? 0}
                points={q.points}
              />
              <p className="progress-line">{t('tm.play.waitNext')}</p>
            </>
          )}
        </section>
      )}
      {view?.state === 'finished' && (
        <section data-testid="play-finished">
          <p className="big-status">{t('tm.play.finished')}</p>
          {me?.myScore !== null && me?.myScore !== undefined && <p className="stem">{t('tm.play.myScore', { score: me.myScore })}</p>}
          {me?.myRank && <p>{t('tm.play.myRank', { rank: me.myRank })}</p>}
          {view.ranking && (
            <>
              <h2>{t('tm.play.ranking')}</h2>
              <ol className="ranking">
                {view.ranking.map((r) => (
                  <li key={`${r.rank}-${r.name}`}>
                    <span>
                      {r.rank}. {r.name}
                    </span>
                    <span>{r.score}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
      {error && view?.state !== 'open' && <Notice kind="error">{error}</Notice>}
    </Page>
  );
}
