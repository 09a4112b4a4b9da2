import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor, Scope } from '../../core/access/actor';
import { scopeWhere } from '../../core/access/actor';
import type { Executor } from '../../db/index';
import type {
  PartyActivitiesTable,
  PartyCampaignsTable,
  PartyCheckinsTable,
  PartyCommentsTable,
  PartyDonationsTable,
  PartyMaterialsTable,
  PartyMembersTable,
  PartyOrgsTable,
  PartyPackageRemindersTable,
  PartyPackagesTable,
  PartyReadsTable,
  PartyReportsTable,
  PartyStudyCheckinsTable,
  PartyThoughtPhotosTable,
  PartyThoughtsTable,
} from './party.tables';

/**
 * The party module's SQL. Every read of tenant rows is scoped: rows carry `subdistrict_id`,
 * `neighborhood_id` (the general branch's neighborhood) and `branch_id`, so the office (a grant on
 * the subdistrict) sees them all and a branch secretary (a grant on a `party.branch`) its own.
 */
export const BRANCH_RESOURCE = 'party.branch';

export function scoped(scope: Scope, alias: string): Expression<SqlBool> {
  return scopeWhere(scope, `${alias}.subdistrict_id`, `${alias}.neighborhood_id`, { [BRANCH_RESOURCE]: `${alias}.branch_id` });
}

// ---- organisations
export function orgs(exec: Executor, subdistrictId: string): Promise<PartyOrgsTable[]> {
  return exec.selectFrom('party_orgs').selectAll().where('subdistrict_id', '=', subdistrictId).orderBy('sort').orderBy('name').execute();
}

export async function insertOrg(exec: Executor, row: PartyOrgsTable) {
  await exec.insertInto('party_orgs').values(row).execute();
}

/** a branch by id, with its general branch's neighborhood */
export function branch(exec: Executor, subdistrictId: string, id: string) {
  return exec
    .selectFrom('party_orgs')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('id', '=', id)
    .where('level', '=', 'branch')
    .executeTakeFirst();
}

// ---- members
export interface MemberFilter {
  branchId?: string;
  status?: string;
  q?: string;
  personIds?: string[];
}

const memberColumns = [
  'm.id',
  'm.person_id',
  'm.branch_id',
  'm.neighborhood_id',
  'm.status',
  'm.joined_on',
  'm.status_since',
  'm.branch_role',
  'm.note',
  'p.name',
  'p.gender',
  'p.phone_enc',
] as const;

export type MemberRow = Pick<
  PartyMembersTable,
  'id' | 'person_id' | 'branch_id' | 'neighborhood_id' | 'status' | 'joined_on' | 'status_since' | 'branch_role' | 'note'
> & {
  name: string;
  gender: string | null;
  phone_enc: string | null;
};

function memberQuery(exec: Executor, scope: Scope, f: MemberFilter, ilike: 'like' | 'ilike') {
  let q = exec.selectFrom('party_members as m').innerJoin('persons as p', 'p.id', 'm.person_id').where(scoped(scope, 'm'));
  if (f.branchId) q = q.where('m.branch_id', '=', f.branchId);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.personIds) q = q.where('m.person_id', 'in', f.personIds.length ? f.personIds : ['-']);
  if (f.q) q = q.where('p.name', ilike, `%${f.q}%`);
  return q;
}

export async function listMembers(
  exec: Executor,
  scope: Scope,
  f: MemberFilter,
  ilike: 'like' | 'ilike',
  page?: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const rowsQ = memberQuery(exec, scope, f, ilike).select(memberColumns).orderBy('m.branch_id').orderBy('p.name_pinyin').orderBy('m.id');
  const rows = await (page ? rowsQ.limit(page.limit).offset(page.offset) : rowsQ).execute();
  const total = page
    ? Number(
        (
          await memberQuery(exec, scope, f, ilike)
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      )
    : rows.length;
  return { rows, total };
}

export function memberInScope(exec: Executor, scope: Scope, id: string): Promise<MemberRow | undefined> {
  return exec
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(memberColumns)
    .where('m.id', '=', id)
    .where(scoped(scope, 'm'))
    .executeTakeFirst();
}

export function memberByPerson(exec: Executor, subdistrictId: string, personId: string): Promise<MemberRow | undefined> {
  return exec
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(memberColumns)
    .where('m.subdistrict_id', '=', subdistrictId)
    .where('m.person_id', '=', personId)
    .executeTakeFirst();
}

/** the member the signed-in account is: its person, or the person with the phone it signed in with */
export function memberOfAccount(exec: Executor, actor: Actor): Promise<MemberRow | undefined> {
  return exec
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(memberColumns)
    .where('m.subdistrict_id', '=', actor.subdistrictId)
    .where((e) =>
      e.or([
        e('p.id', '=', actor.personId ?? '-'),
        e(
          'p.phone_hash',
          '=',
          e.selectFrom('accounts').select('phone_hash').where('id', '=', actor.accountId).where('phone_hash', 'is not', null),
        ),
      ]),
    )
    .orderBy('m.created_at')
    .executeTakeFirst();
}

/** every member of some branches (the roll an activity or campaign is measured against) */
export function membersOfBranches(exec: Executor, subdistrictId: string, branchIds: readonly string[]): Promise<MemberRow[]> {
  if (branchIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(memberColumns)
    .where('m.subdistrict_id', '=', subdistrictId)
    .where('m.branch_id', 'in', [...branchIds])
    .orderBy('p.name_pinyin')
    .orderBy('m.id')
    .execute();
}

export async function insertMember(exec: Executor, row: PartyMembersTable) {
  await exec.insertInto('party_members').values(row).execute();
}

export async function updateMember(exec: Executor, id: string, set: Partial<PartyMembersTable>) {
  await exec.updateTable('party_members').set(set).where('id', '=', id).execute();
}

export async function insertTransfer(
  exec: Executor,
  row: {
    id: string;
    subdistrict_id: string;
    member_id: string;
    from_branch_id: string | null;
    to_branch_id: string;
    at: string;
    by_account_id: string | null;
  },
) {
  await exec.insertInto('party_transfers').values(row).execute();
}

export function transfers(exec: Executor, memberId: string) {
  return exec.selectFrom('party_transfers').selectAll().where('member_id', '=', memberId).orderBy('at').orderBy('id').execute();
}

// ---- activities
function activityVisible(scope: Scope) {
  return sql<SqlBool>`exists (select 1 from party_activity_branches ab where ab.activity_id = a.id and ${scoped(scope, 'ab')})`;
}

export function listActivities(exec: Executor, scope: Scope, limit = 200): Promise<PartyActivitiesTable[]> {
  return exec
    .selectFrom('party_activities as a')
    .selectAll('a')
    .where(activityVisible(scope))
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

export function activityInScope(exec: Executor, scope: Scope, id: string): Promise<PartyActivitiesTable | undefined> {
  return exec.selectFrom('party_activities as a').selectAll('a').where('a.id', '=', id).where(activityVisible(scope)).executeTakeFirst();
}

export function activityById(exec: Executor, subdistrictId: string, id: string): Promise<PartyActivitiesTable | undefined> {
  return exec
    .selectFrom('party_activities')
    .selectAll()
    .where('id', '=', id)
    .where('subdistrict_id', '=', subdistrictId)
    .executeTakeFirst();
}

export function activitiesOfBranch(exec: Executor, subdistrictId: string, branchId: string): Promise<PartyActivitiesTable[]> {
  return exec
    .selectFrom('party_activities as a')
    .innerJoin('party_activity_branches as ab', 'ab.activity_id', 'a.id')
    .selectAll('a')
    .where('a.subdistrict_id', '=', subdistrictId)
    .where('ab.branch_id', '=', branchId)
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id')
    .execute();
}

export function activitiesBetween(exec: Executor, subdistrictId: string, from: string, to: string): Promise<PartyActivitiesTable[]> {
  return exec
    .selectFrom('party_activities')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute();
}

export async function insertActivity(
  exec: Executor,
  row: PartyActivitiesTable,
  branches: { branch_id: string; neighborhood_id: string }[],
) {
  await exec.insertInto('party_activities').values(row).execute();
  await exec
    .insertInto('party_activity_branches')
    .values(branches.map((b) => ({ activity_id: row.id, subdistrict_id: row.subdistrict_id, ...b })))
    .execute();
}

export function branchLinks(
  exec: Executor,
  table: 'party_activity_branches' | 'party_campaign_branches' | 'party_package_branches',
  column: 'activity_id' | 'campaign_id' | 'package_id',
  ids: readonly string[],
): Promise<{ owner: string; branch_id: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom(table)
    .select([sql.ref<string>(column).as('owner'), 'branch_id'])
    .where(sql.ref(column), 'in', [...ids])
    .execute() as Promise<{ owner: string; branch_id: string }[]>;
}

export function checkins(exec: Executor, activityIds: readonly string[]): Promise<PartyCheckinsTable[]> {
  if (activityIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_checkins')
    .selectAll()
    .where('activity_id', 'in', [...activityIds])
    .orderBy('at')
    .execute();
}

export async function insertCheckin(exec: Executor, row: PartyCheckinsTable): Promise<boolean> {
  const r = await exec
    .insertInto('party_checkins')
    .values(row)
    .onConflict((oc) => oc.columns(['activity_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setMinutes(exec: Executor, id: string, minutes: string) {
  await exec.updateTable('party_activities').set({ minutes }).where('id', '=', id).execute();
}

export function thoughts(exec: Executor, activityId: string) {
  return exec
    .selectFrom('party_thoughts as t')
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .select(['t.id', 't.person_id', 't.text', 't.created_at', 'p.name'])
    .where('t.activity_id', '=', activityId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

export function comments(exec: Executor, thoughtIds: readonly string[]) {
  if (thoughtIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_comments as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.thought_id', 'c.text', 'c.created_at', 'p.name'])
    .where('c.thought_id', 'in', [...thoughtIds])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export function thoughtById(exec: Executor, subdistrictId: string, id: string) {
  return exec.selectFrom('party_thoughts').selectAll().where('id', '=', id).where('subdistrict_id', '=', subdistrictId).executeTakeFirst();
}

// ---- study packages
function packageVisible(scope: Scope) {
  return sql<SqlBool>`exists (select 1 from party_package_branches pb where pb.package_id = k.id and ${scoped(scope, 'pb')})`;
}

export function listPackages(exec: Executor, scope: Scope) {
  return exec
    .selectFrom('party_packages as k')
    .selectAll('k')
    .where(packageVisible(scope))
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id')
    .execute();
}

export function packageInScope(exec: Executor, scope: Scope, id: string) {
  return exec.selectFrom('party_packages as k').selectAll('k').where('k.id', '=', id).where(packageVisible(scope)).executeTakeFirst();
}

export function packagesOfBranch(exec: Executor, subdistrictId: string, branchId: string) {
  return exec
    .selectFrom('party_packages as k')
    .innerJoin('party_package_branches as pb', 'pb.package_id', 'k.id')
    .selectAll('k')
    .where('k.subdistrict_id', '=', subdistrictId)
    .where('pb.branch_id', '=', branchId)
    .orderBy('k.created_at', 'desc')
    .execute();
}

export function materials(exec: Executor, packageIds: readonly string[]) {
  if (packageIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_materials')
    .selectAll()
    .where('package_id', 'in', [...packageIds])
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export function reads(exec: Executor, materialIds: readonly string[]) {
  if (materialIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_reads')
    .select(['material_id', 'person_id'])
    .where('material_id', 'in', [...materialIds])
    .execute();
}

// ---- study check-ins
export function studyCheckins(exec: Executor, subdistrictId: string, personIds: readonly string[], since: string) {
  if (personIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('party_study_checkins')
    .select(['person_id', 'day', 'what', 'minutes'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('person_id', 'in', [...personIds])
    .where('day', '>=', since)
    .orderBy('day', 'desc')
    .execute();
}

// ---- reports
export function reportsOf(exec: Executor, scope: Scope, personId?: string): Promise<PartyReportsTable[]> {
  let q = exec.selectFrom('party_reports as r').selectAll('r').where(scoped(scope, 'r'));
  if (personId) q = q.where('r.person_id', '=', personId);
  return q.orderBy('r.submitted_at', 'desc').orderBy('r.id').execute();
}

export function reportsOfPerson(exec: Executor, subdistrictId: string, personId: string): Promise<PartyReportsTable[]> {
  return exec
    .selectFrom('party_reports')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('person_id', '=', personId)
    .orderBy('submitted_at', 'desc')
    .execute();
}

export function reportInScope(exec: Executor, scope: Scope, id: string) {
  return exec.selectFrom('party_reports as r').selectAll('r').where('r.id', '=', id).where(scoped(scope, 'r')).executeTakeFirst();
}

// ---- campaigns and donations
function campaignVisible(scope: Scope) {
  return sql<SqlBool>`exists (select 1 from party_campaign_branches cb where cb.campaign_id = c.id and ${scoped(scope, 'cb')})`;
}

export function listCampaigns(exec: Executor, scope: Scope): Promise<PartyCampaignsTable[]> {
  return exec
    .selectFrom('party_campaigns as c')
    .selectAll('c')
    .where(campaignVisible(scope))
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.id')
    .execute();
}

export function campaignInScope(exec: Executor, scope: Scope, id: string): Promise<PartyCampaignsTable | undefined> {
  return exec.selectFrom('party_campaigns as c').selectAll('c').where('c.id', '=', id).where(campaignVisible(scope)).executeTakeFirst();
}

export function campaignByName(exec: Executor, subdistrictId: string, name: string): Promise<PartyCampaignsTable | undefined> {
  return exec
    .selectFrom('party_campaigns')
    .selectAll()
    .where('subdistrict_id', '=', subdistrictId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function campaignsByName(exec: Executor, name: string): Promise<PartyCampaignsTable[]> {
  return exec.selectFrom('party_campaigns').selectAll().where('name', '=', name).execute();
}

export async function insertCampaign(exec: Executor, row: PartyCampaignsTable, branches: { branch_id: string; neighborhood_id: string }[]) {
  await exec.insertInto('party_campaigns').values(row).execute();
  await exec
    .insertInto('party_campaign_branches')
    .values(branches.map((b) => ({ campaign_id: row.id, subdistrict_id: row.subdistrict_id, ...b })))
    .execute();
}

/** the donations of campaigns an actor may see the amounts of (their scope), or all (scope omitted) */
export function donations(exec: Executor, campaignIds: readonly string[], scope?: Scope) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  let q = exec
    .selectFrom('party_donations as d')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .selectAll('d')
    .select('p.name')
    .where('d.campaign_id', 'in', [...campaignIds]);
  if (scope) q = q.where(scoped(scope, 'd'));
  return q.orderBy('d.given_on', 'desc').orderBy('d.id').execute();
}

export function donationsOfPerson(exec: Executor, subdistrictId: string, personId: string) {
  return exec
    .selectFrom('party_donations as d')
    .innerJoin('party_campaigns as c', 'c.id', 'd.campaign_id')
    .innerJoin('persons as p', 'p.id', 'd.person_id')
    .selectAll('d')
    .select(['c.name as campaign', 'p.name'])
    .where('d.subdistrict_id', '=', subdistrictId)
    .where('d.person_id', '=', personId)
    .orderBy('d.given_on', 'desc')
    .execute();
}

export function donationByReceipt(exec: Executor, campaignId: string, receiptNo: string) {
  return exec
    .selectFrom('party_donations')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();
}

export function donationByKey(exec: Executor, campaignId: string, clientKey: string) {
  return exec
    .selectFrom('party_donations')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

export async function insertDonation(exec: Executor, row: PartyDonationsTable) {
  await exec.insertInto('party_donations').values(row).execute();
}

export async function updateDonation(exec: Executor, id: string, set: Partial<PartyDonationsTable>) {
  await exec.updateTable('party_donations').set(set).where('id', '=', id).execute();
}

/** person ids by ID-number lookup hash */
export function personsByIdHash(exec: Executor, subdistrictId: string, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('persons')
    .select(['id', 'id_hash', 'name'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('id_hash', 'in', [...hashes])
    .execute();
}

// ---- writes that count once (a repeated submit, a second opening, a second check-in the same day)
const inserted = (r: { numInsertedOrUpdatedRows?: bigint }) => Number(r.numInsertedOrUpdatedRows ?? 0) > 0;

export async function insertThought(exec: Executor, row: PartyThoughtsTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_thoughts')
      .values(row)
      .onConflict((oc) => oc.columns(['person_id', 'client_key']).doNothing())
      .executeTakeFirst(),
  );
}

export async function insertComment(exec: Executor, row: PartyCommentsTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_comments')
      .values(row)
      .onConflict((oc) => oc.columns(['person_id', 'client_key']).doNothing())
      .executeTakeFirst(),
  );
}

export async function insertRead(exec: Executor, row: PartyReadsTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_reads')
      .values(row)
      .onConflict((oc) => oc.columns(['material_id', 'person_id']).doNothing())
      .executeTakeFirst(),
  );
}

export async function insertStudyCheckin(exec: Executor, row: PartyStudyCheckinsTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_study_checkins')
      .values(row)
      .onConflict((oc) => oc.columns(['person_id', 'day']).doNothing())
      .executeTakeFirst(),
  );
}

export async function insertReport(exec: Executor, row: PartyReportsTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_reports')
      .values(row)
      .onConflict((oc) => oc.columns(['person_id', 'client_key']).doNothing())
      .executeTakeFirst(),
  );
}

export async function updateReport(exec: Executor, id: string, set: Partial<PartyReportsTable>) {
  await exec.updateTable('party_reports').set(set).where('id', '=', id).execute();
}

export async function insertPackage(
  exec: Executor,
  row: PartyPackagesTable,
  branches: { branch_id: string; neighborhood_id: string }[],
  items: PartyMaterialsTable[],
) {
  await exec.insertInto('party_packages').values(row).execute();
  await exec
    .insertInto('party_package_branches')
    .values(branches.map((b) => ({ package_id: row.id, subdistrict_id: row.subdistrict_id, ...b })))
    .execute();
  await exec.insertInto('party_materials').values(items).execute();
}

/** a material of a package sent to a branch (what a member of that branch may open) */
export function materialFor(exec: Executor, subdistrictId: string, materialId: string, branchId: string) {
  return exec
    .selectFrom('party_materials as m')
    .innerJoin('party_package_branches as pb', 'pb.package_id', 'm.package_id')
    .selectAll('m')
    .where('m.id', '=', materialId)
    .where('m.subdistrict_id', '=', subdistrictId)
    .where('pb.branch_id', '=', branchId)
    .executeTakeFirst();
}

export async function personNames(exec: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await exec
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name] as const));
}

/** the subdistrict and its neighborhoods, which the committee and the general branches mirror */
export function orgUnits(exec: Executor, subdistrictId: string) {
  return exec
    .selectFrom('org_units')
    .select(['id', 'kind', 'name', 'sort'])
    .where('subdistrict_id', '=', subdistrictId)
    .where('kind', 'in', ['subdistrict', 'neighborhood'])
    .orderBy('sort')
    .execute();
}

export async function insertMaterial(exec: Executor, row: PartyMaterialsTable) {
  await exec.insertInto('party_materials').values(row).execute();
}

/** the branches a material's package was sent to (who may open its document) */
export async function materialBranches(
  exec: Executor,
  materialId: string,
): Promise<{ subdistrict_id: string; branch_ids: string[] } | null> {
  const rows = await exec
    .selectFrom('party_materials as m')
    .innerJoin('party_package_branches as pb', 'pb.package_id', 'm.package_id')
    .select(['m.subdistrict_id', 'pb.branch_id'])
    .where('m.id', '=', materialId)
    .execute();
  const first = rows[0];
  return first ? { subdistrict_id: first.subdistrict_id, branch_ids: rows.map((r) => r.branch_id) } : null;
}

// ---- photos under thoughts
export function thoughtPhotos(exec: Executor, activityId: string) {
  return exec
    .selectFrom('party_thought_photos')
    .selectAll()
    .where('activity_id', '=', activityId)
    .orderBy('created_at')
    .orderBy('file_id')
    .execute();
}

export async function countThoughtPhotos(exec: Executor, thoughtId: string): Promise<number> {
  const r = await exec
    .selectFrom('party_thought_photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thought_id', '=', thoughtId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertThoughtPhoto(exec: Executor, row: PartyThoughtPhotosTable) {
  await exec.insertInto('party_thought_photos').values(row).execute();
}

export function thoughtPhotoById(exec: Executor, subdistrictId: string, fileId: string) {
  return exec
    .selectFrom('party_thought_photos')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('subdistrict_id', '=', subdistrictId)
    .executeTakeFirst();
}

export async function setPhotoPublishable(exec: Executor, fileId: string, publishable: boolean) {
  await exec
    .updateTable('party_thought_photos')
    .set({ publishable: publishable ? 1 : 0 })
    .where('file_id', '=', fileId)
    .execute();
}

// ---- 提醒未读: once a day per package and branch
export async function claimPackageReminder(exec: Executor, row: PartyPackageRemindersTable): Promise<boolean> {
  return inserted(
    await exec
      .insertInto('party_package_reminders')
      .values(row)
      .onConflict((oc) => oc.columns(['package_id', 'branch_id', 'day']).doNothing())
      .executeTakeFirst(),
  );
}

/** the sign-in accounts of these people (by person or by the phone they signed in with) */
export function accountsOfPersons(exec: Executor, subdistrictId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return exec
    .selectFrom('persons as p')
    .innerJoin('accounts as a', (j) =>
      j.on((e) =>
        e.or([
          e('a.person_id', '=', e.ref('p.id')),
          e.and([e('a.phone_hash', 'is not', null), e('a.phone_hash', '=', e.ref('p.phone_hash'))]),
        ]),
      ),
    )
    .select(['p.id as person_id', 'a.id as account_id'])
    .where('p.id', 'in', [...personIds])
    .where('a.subdistrict_id', '=', subdistrictId)
    .execute();
}
