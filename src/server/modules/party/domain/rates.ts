/**
 * Participation figures (issue 13 §2, §6, §7): donation participation per branch and general
 * branch, and attendance per activity and branch. Pure: the service loads the rows, these count.
 *
 * Who counts (issue 13 §7): the members of a branch are its 正式党员 (full) and 预备党员
 * (probationary) members; 入党积极分子 (activists) are not in the denominator. Donors are the
 * members who gave at least once in the campaign; an activist's gift counts in the totals, not in
 * the rate. Attendance follows the same rule: attendees are members who checked in (themselves or
 * through the secretary, 代签); activists and guests who checked in are counted apart.
 * A person belongs to one branch: if the rows name them twice, the first row wins.
 * Rates are fractions 0–1 rounded to four places (0.85 = 85%), null for a branch without members.
 */

export type MemberStatus = 'full' | 'probationary' | 'activist';

export const MEMBER_STATUS_LABEL: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员', activist: '入党积极分子' };

export interface Branch {
  id: string;
  name: string;
  /** The general branch's name (the neighborhood's), e.g. 白渡. */
  generalBranch: string;
}

export interface Member {
  personId: string;
  branchId: string;
  status: MemberStatus;
}

/** Full and probationary members are counted; activists are not. */
export function counts(status: MemberStatus): boolean {
  return status === 'full' || status === 'probationary';
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1e4) / 1e4;
}

export interface Donation {
  personId: string;
  /** The branch the gift was recorded under (the giver's branch at the time). */
  branchId: string;
  amountFen: number;
}

export interface BranchRate {
  generalBranch: string;
  branch: string;
  members: number;
  donors: number;
  rate: number | null;
  totalFen: number;
}

export interface GeneralBranchRate {
  name: string;
  members: number;
  donors: number;
  rate: number | null;
  totalFen: number;
}

export interface PartyRates {
  campaign: string;
  branches: BranchRate[];
  generalBranches: GeneralBranchRate[];
}

/** One person, one branch: the first row naming a person wins. */
function uniqueMembers(members: readonly Member[]): Member[] {
  const seen = new Set<string>();
  return members.filter((m) => {
    if (seen.has(m.personId)) return false;
    seen.add(m.personId);
    return true;
  });
}

/** Branches in scope, in the order `branches` lists them (the service sorts them for display). */
function inScope(branches: readonly Branch[], scope: readonly string[]): Branch[] {
  const wanted = new Set(scope);
  return branches.filter((b) => wanted.has(b.id));
}

/**
 * `party rates "活动名称"` (issue 13 §7). A donation recorded under a branch outside the campaign's
 * scope is in no total: the service refuses such records, so none should exist.
 */
export function donationRates(
  campaign: { name: string; branchIds: readonly string[] },
  branches: readonly Branch[],
  members: readonly Member[],
  donations: readonly Donation[],
): PartyRates {
  const gave = new Set(donations.map((d) => d.personId));
  const totalByBranch = new Map<string, number>();
  for (const d of donations) totalByBranch.set(d.branchId, (totalByBranch.get(d.branchId) ?? 0) + d.amountFen);
  const people = uniqueMembers(members);

  const rows = inScope(branches, campaign.branchIds).map((b): BranchRate => {
    const counted = people.filter((m) => m.branchId === b.id && counts(m.status));
    const donors = counted.filter((m) => gave.has(m.personId)).length;
    return {
      generalBranch: b.generalBranch,
      branch: b.name,
      members: counted.length,
      donors,
      rate: rate(donors, counted.length),
      totalFen: totalByBranch.get(b.id) ?? 0,
    };
  });

  const general = new Map<string, GeneralBranchRate>();
  for (const r of rows) {
    const g = general.get(r.generalBranch) ?? { name: r.generalBranch, members: 0, donors: 0, rate: null, totalFen: 0 };
    g.members += r.members;
    g.donors += r.donors;
    g.totalFen += r.totalFen;
    general.set(r.generalBranch, g);
  }
  for (const g of general.values()) g.rate = rate(g.donors, g.members);
  return { campaign: campaign.name, branches: rows, generalBranches: [...general.values()] };
}

export interface CheckIn {
  personId: string;
  /** Recorded by the secretary for an elderly member (代签). */
  onBehalf?: boolean;
}

export interface BranchAttendance {
  generalBranch: string;
  branch: string;
  members: number;
  attended: number;
  /** Of `attended`, how many were recorded by the secretary. */
  onBehalf: number;
  rate: number | null;
}

export interface Attendance {
  branches: BranchAttendance[];
  total: { members: number; attended: number; rate: number | null };
  /** Check-ins of activists and of people who are no member of the activity's branches. */
  others: number;
}

/**
 * Attendance of one activity in each of its branches. A member who checked in twice (or was
 * checked in by the secretary and then checked in themselves) attends once; they count as 代签
 * only if every check-in of theirs was on their behalf.
 */
export function attendance(
  activity: { branchIds: readonly string[] },
  branches: readonly Branch[],
  members: readonly Member[],
  checkIns: readonly CheckIn[],
): Attendance {
  const self = new Set(checkIns.filter((c) => !c.onBehalf).map((c) => c.personId));
  const any = new Set(checkIns.map((c) => c.personId));
  const people = uniqueMembers(members);
  const scope = inScope(branches, activity.branchIds);
  const scopeIds = new Set(scope.map((b) => b.id));
  const countedIds = new Set(people.filter((m) => scopeIds.has(m.branchId) && counts(m.status)).map((m) => m.personId));

  const rows = scope.map((b): BranchAttendance => {
    const counted = people.filter((m) => m.branchId === b.id && counts(m.status));
    const came = counted.filter((m) => any.has(m.personId));
    const onBehalf = came.filter((m) => !self.has(m.personId)).length;
    return {
      generalBranch: b.generalBranch,
      branch: b.name,
      members: counted.length,
      attended: came.length,
      onBehalf,
      rate: rate(came.length, counted.length),
    };
  });
  const members_ = rows.reduce((s, r) => s + r.members, 0);
  const attended = rows.reduce((s, r) => s + r.attended, 0);
  return {
    branches: rows,
    total: { members: members_, attended, rate: rate(attended, members_) },
    others: [...any].filter((p) => !countedIds.has(p)).length,
  };
}

/**
 * Attendance over several activities (a month's, for the monthly report): Σ attended ÷ Σ members
 * expected, activity by activity — a member at two of three meetings is 2 of 3, not "present".
 */
export function combinedAttendance(activities: readonly Attendance[]): {
  activities: number;
  expected: number;
  attended: number;
  rate: number | null;
} {
  const expected = activities.reduce((s, a) => s + a.total.members, 0);
  const attended = activities.reduce((s, a) => s + a.total.attended, 0);
  return { activities: activities.length, expected, attended, rate: rate(attended, expected) };
}
