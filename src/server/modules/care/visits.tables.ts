/** Row types of the home-visit tables (see migrations/20261202_care_visits.ts). */
export interface CareVisitRulesTable {
  id: string;
  subdistrict_id: string;
  name: string;
  any_flag: number;
  flag: string | null;
  category_id: string | null;
  min_age: number | null;
  living_situation: string | null;
  interval_days: number;
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface CareVisitsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  beneficiary_id: string;
  status: string;
  scheduled_on: string | null;
  visitor_account_ids: string;
  done_on: string | null;
  visitors: string | null;
  condition_seen: string | null;
  supplies: string | null;
  concerns: string | null;
  next_visit_on: string | null;
  client_key: string;
  record_key: string | null;
  created_by: string;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CareVisitStateTable {
  beneficiary_id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  last_visit_on: string | null;
  next_visit_on: string | null;
  visits: number;
  updated_at: string;
}

export interface CareVisitNoticesTable {
  beneficiary_id: string;
  day: string;
  subdistrict_id: string;
  sent_at: string;
}

export interface CareVisitRobotsTable {
  org_id: string;
  subdistrict_id: string;
  webhook_enc: string;
  updated_by: string;
  updated_at: string;
}

/** a visit photo marked 可公开 because the person visited agreed (受访者同意公开); no row, not publishable */
export interface CareVisitPhotoConsentsTable {
  file_id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  visit_id: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
}

export interface CareVisitTables {
  care_visit_photo_consents: CareVisitPhotoConsentsTable;
  care_visit_rules: CareVisitRulesTable;
  care_visits: CareVisitsTable;
  care_visit_state: CareVisitStateTable;
  care_visit_notices: CareVisitNoticesTable;
  care_visit_robots: CareVisitRobotsTable;
}

declare module '../../db/schema' {
  interface DB extends CareVisitTables {}
}
