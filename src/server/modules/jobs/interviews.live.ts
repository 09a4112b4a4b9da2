import type { LiveTopicKind } from '../../core/events/live-hub';
import { type CandidateView, type FairDayState, type FairDayViewer, fairDayView, fairDayViewKey, type StaffView } from './domain/fairday';
import { fairDayTopic, type InterviewsService } from './interviews.service';

export const FAIRDAY_LIVE = 'jobs.fairday';

/**
 * The fair day on the hub: one read of the fair's rooms and interviews per event; staff see the
 * room boards, a candidate (by personal link) sees only their own interviews and queue.
 */
export function fairDayLive(interviews: InterviewsService): LiveTopicKind<FairDayState, FairDayViewer, CandidateView | StaffView> {
  return {
    name: FAIRDAY_LIVE,
    busTopic: fairDayTopic,
    authorize: (actor, fairId) => interviews.viewer(actor, fairId),
    viewKey: fairDayViewKey,
    load: (fairId) => interviews.state(fairId),
    view: fairDayView,
  };
}
