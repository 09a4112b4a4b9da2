import './messages';
import { useState } from 'react';
import type { Graded, Paper } from '../../../../contracts/training';
import { ApiError, api, errorText } from '../../../api';
import { useI18n } from '../../../i18n';
import { Button } from '../../components/Button';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { navigate } from '../../router';
import { AnswerInput, Explained } from './shared';

/** A self-paced quiz: start (or resume) an attempt, answer every question, hand in, see the grade with explanations. */
export default function QuizPage() {
  const { t } = useI18n();
  const [paper, setPaper] = useState<Paper | null>(null);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [graded, setGraded] = useState<Graded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) navigate('/m/training', { replace: true });
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setPaper(await api.post<Paper>('/api/training/play/start')));
  const submit = () =>
    paper && run(async () => setGraded(await api.post<Graded>('/api/training/play/submit', { attemptId: paper.attemptId, answers })));
  return (
    <Page title={paper?.title ?? t('tm.join.title')} back={{ to: '/m/training' }}>
      {error && <Notice kind="error">{error}</Notice>}
      {!paper && (
        <Button onClick={start} busy={busy} disabled={busy} data-testid="quiz-start">
          {t('tm.quiz.start')}
        </Button>
      )}
      {paper && !graded && (
        <>
          {paper.deadline && (
            <p className="progress-line">
              {t('tm.quiz.deadline', { time: new Date(paper.deadline).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) })}
            </p>
          )}
          {paper.questions.map((q, i) => (
            <section key={q.id}>
              <p className="stem">
                {i + 1}. {q.stem}
              </p>
              <AnswerInput
                name={`q-${q.id}`}
                kind={q.kind}
                options={q.options}
                value={answers[q.id] ?? []}
                onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
              />
            </section>
          ))}
          <Button onClick={submit} busy={busy} disabled={busy} data-testid="quiz-submit">
            {t('tm.quiz.submit')}
          </Button>
        </>
      )}
      {graded && (
        <>
          <p className="big-status" data-testid="quiz-score">
            {t('tm.quiz.score', { score: graded.score, max: graded.max })}
          </p>
          {graded.questions.map((q, i) => (
            <section key={q.id}>
              <p className="stem">
                {i + 1}. {q.stem}
              </p>
              <Explained
                kind={q.kind}
                options={q.options}
                answer={q.answer ?? []}
                explanation={q.explanation}
                chosen={q.chosen}
                score={q.score}
                points={q.points}
              />
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
