/** Row types of the party module (组织生活), merged into Kysely's DB by the manifest. */

export interface PartyOrgsTable {
  id: string;
  subdistrict_id: string;
  /** the general branch's neighborhood (null for the subdistrict committee) */
  neighborhood_id: string | null;
  parent_id: string | null;
  level: string;
  name: string;
  sort: number;
  created_at: string;
}

export interface PartyMembersTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  person_id: string;
  branch_id: string;
  status: string;
  joined_on: string | null;
  /** the day the current status began (for thought reports owed) */
  status_since: string | null;
  branch_role: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartyTransfersTable {
  id: string;
  subdistrict_id: string;
  member_id: string;
  from_branch_id: string | null;
  to_branch_id: string;
  at: string;
  by_account_id: string | null;
}

export interface PartyActivitiesTable {
  id: string;
  subdistrict_id: string;
  kind: string;
  title: string;
  theme: string | null;
  starts_at: string;
  mode: string;
  /** a meeting link or room number (online), a place (on site) */
  location: string | null;
  agenda: string | null;
  materials: string | null;
  minutes: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PartyActivityBranchesTable {
  activity_id: string;
  branch_id: string;
  subdistrict_id: string;
  neighborhood_id: string;
}

export interface PartyCheckinsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  activity_id: string;
  person_id: string;
  branch_id: string;
  at: string;
  on_behalf: number;
  recorded_by: string | null;
}

export interface PartyThoughtsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  activity_id: string;
  person_id: string;
  branch_id: string;
  client_key: string;
  text: string;
  created_at: string;
}

export interface PartyThoughtPhotosTable {
  file_id: string;
  subdistrict_id: string;
  thought_id: string;
  activity_id: string;
  publishable: number;
  created_at: string;
}

export interface PartyPackageRemindersTable {
  id: string;
  subdistrict_id: string;
  package_id: string;
  branch_id: string;
  day: string;
  reminded: number;
  created_at: string;
}

export interface PartyCommentsTable {
  id: string;
  subdistrict_id: string;
  thought_id: string;
  person_id: string;
  client_key: string;
  text: string;
  created_at: string;
}

export interface PartyMaterialsTable {
  id: string;
  subdistrict_id: string;
  package_id: string;
  title: string;
  url: string | null;
  body: string | null;
  file_id: string | null;
  sort: number;
  created_at: string;
}

export interface PartyPackagesTable {
  id: string;
  subdistrict_id: string;
  title: string;
  sent_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PartyPackageBranchesTable {
  package_id: string;
  branch_id: string;
  subdistrict_id: string;
  neighborhood_id: string;
}

export interface PartyReadsTable {
  id: string;
  subdistrict_id: string;
  material_id: string;
  person_id: string;
  at: string;
}

export interface PartyStudyCheckinsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  person_id: string;
  branch_id: string;
  day: string;
  what: string;
  minutes: number;
  created_at: string;
}

export interface PartyReportsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  person_id: string;
  branch_id: string;
  kind: string;
  quarter: string | null;
  title: string;
  body: string;
  client_key: string;
  submitted_at: string;
  submitted_on: string;
  status: string;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface PartyCampaignsTable {
  id: string;
  subdistrict_id: string;
  name: string;
  kind: string;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
}

export interface PartyCampaignBranchesTable {
  campaign_id: string;
  branch_id: string;
  subdistrict_id: string;
  neighborhood_id: string;
}

export interface PartyDonationsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  campaign_id: string;
  person_id: string;
  branch_id: string;
  amount_fen: number;
  kind: string;
  given_on: string;
  method: string | null;
  receipt_no: string | null;
  note: string | null;
  client_key: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface PartyTables {
  party_orgs: PartyOrgsTable;
  party_members: PartyMembersTable;
  party_transfers: PartyTransfersTable;
  party_activities: PartyActivitiesTable;
  party_activity_branches: PartyActivityBranchesTable;
  party_checkins: PartyCheckinsTable;
  party_thoughts: PartyThoughtsTable;
  party_thought_photos: PartyThoughtPhotosTable;
  party_package_reminders: PartyPackageRemindersTable;
  party_comments: PartyCommentsTable;
  party_packages: PartyPackagesTable;
  party_package_branches: PartyPackageBranchesTable;
  party_materials: PartyMaterialsTable;
  party_reads: PartyReadsTable;
  party_study_checkins: PartyStudyCheckinsTable;
  party_reports: PartyReportsTable;
  party_campaigns: PartyCampaignsTable;
  party_campaign_branches: PartyCampaignBranchesTable;
  party_donations: PartyDonationsTable;
}
