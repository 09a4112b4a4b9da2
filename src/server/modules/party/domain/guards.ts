/**
 * The refusals of issue 13's "bad input" list that depend on who someone is, decided without I/O:
 * the service loads the person's membership and the activity or campaign, asks here, and answers
 * a non-null message with a 400/403 before writing anything.
 */

import { MEMBER_STATUS_LABEL, type MemberStatus } from './rates';

export interface Membership {
  name: string;
  branchId: string;
  status: MemberStatus;
}

/** How a branch is named in a message: 白渡一支部. */
export type BranchNames = (branchId: string) => string;

function list(ids: readonly string[], names: BranchNames): string {
  return ids.map(names).join('、');
}

/** A member checks in to an activity of their own branches only (a secretary's 代签 likewise). */
export function checkInRefusal(
  activity: { title: string; branchIds: readonly string[] },
  who: Membership | null,
  names: BranchNames,
): string | null {
  if (!who) return `只有党员和入党积极分子可以签到「${activity.title}」`;
  if (!activity.branchIds.includes(who.branchId))
    return `「${activity.title}」是${list(activity.branchIds, names)}的活动，${who.name}属于${names(who.branchId)}，不能签到`;
  return null;
}

/** Reports are written by members and activists; a thought report by anyone of them, a reflection too. */
export function reportRefusal(who: Membership | null): string | null {
  if (!who) return '只有党员和入党积极分子可以提交思想汇报和心得体会';
  return null;
}

/** A gift is recorded for a member or activist of one of the campaign's branches. */
export function donationRefusal(
  campaign: { name: string; branchIds: readonly string[] },
  who: Membership | null,
  names: BranchNames,
): string | null {
  if (!who) return `捐款人不是党员或入党积极分子，不能记入「${campaign.name}」`;
  if (!campaign.branchIds.includes(who.branchId))
    return `${who.name}（${MEMBER_STATUS_LABEL[who.status]}）属于${names(who.branchId)}，不在「${campaign.name}」覆盖的支部（${list(campaign.branchIds, names)}）内`;
  return null;
}
