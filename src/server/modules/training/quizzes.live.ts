import type { LiveView } from '../../../contracts/training';
import type { LiveTopicKind } from '../../core/events/live-hub';
import { type LiveQuizState, type LiveViewer, type QuizzesService, quizTopic } from './quizzes.service';

export const QUIZ_LIVE = 'training.quiz';

/**
 * A live quiz on the hub: its state (question, counts, participants) is read once per event — a
 * burst of 500 answers makes a few loads, not 500 — and two views are derived from it: the
 * lecturer's (everything, the join code, live counts) and the phones' (one shared view: the
 * answer, explanation and counts only once the question is closed).
 */
export function quizLive(quizzes: QuizzesService): LiveTopicKind<LiveQuizState, LiveViewer, LiveView> {
  return {
    name: QUIZ_LIVE,
    busTopic: quizTopic,
    authorize: (actor, id) => quizzes.liveViewer(actor, id),
    viewKey: (v) => v.role,
    load: (id) => quizzes.liveState(id),
    view: (state, viewer) => quizzes.liveView(state, viewer),
  };
}
