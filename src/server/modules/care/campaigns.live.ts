import type { CampaignDetail } from '../../../contracts/care';
import type { LiveTopicKind } from '../../core/events/live-hub';
import { type CampaignProgress, type CampaignsService, campaignTopic } from './campaigns.service';
import { type ProgressViewer, viewerKey } from './domain/progress';

export const CAMPAIGN_LIVE = 'care.campaign';

/**
 * A campaign's live progress on the hub: its counts per neighborhood and caller are read once
 * per recorded call; each watcher sees the part its grants allow (domain/progress.ts).
 */
export function campaignLive(campaigns: CampaignsService): LiveTopicKind<CampaignProgress, ProgressViewer, CampaignDetail> {
  return {
    name: CAMPAIGN_LIVE,
    busTopic: campaignTopic,
    authorize: (actor, id) => campaigns.progressViewer(actor, id),
    viewKey: viewerKey,
    load: (id) => campaigns.progressState(id),
    view: (state, viewer) => campaigns.progressView(state, viewer),
  };
}
