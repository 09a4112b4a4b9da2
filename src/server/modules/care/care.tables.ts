/** Row types of the care module's tables (see migrations/0010_care.ts). */
export interface CareCategoriesTable {
  id: string;
  subdistrict_id: string;
  name: string;
  sort: number;
  active: number;
  created_at: string;
}

export interface CareBeneficiariesTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  person_id: string;
  category_id: string;
  disability_grade: string | null;
  living_situation: string | null;
  health_notes_enc: string | null;
  priority_reasons: string;
  emergency_name: string | null;
  emergency_phone_enc: string | null;
  note: string | null;
  staff_account_id: string | null;
  volunteer_account_id: string | null;
  last_contact_at: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CareCampaignsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string | null;
  title: string;
  starts_on: string;
  ends_on: string;
  talking_points: string;
  filter: string;
  split_mode: string;
  max_attempts: number;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** set when the campaign is closed (migrations/20261202_care_fixes.ts) */
  closed_at?: string | null;
  closed_by?: string | null;
  /** JSON of the figures at close */
  summary?: string | null;
}

export interface CareCallTasksTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  campaign_id: string;
  beneficiary_id: string;
  caller_account_id: string | null;
  status: string;
  attempts: number;
  last_outcome: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

export interface CareCallsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  task_id: string;
  beneficiary_id: string;
  caller_account_id: string;
  client_key: string;
  outcome: string;
  health_status: string | null;
  living_status: string | null;
  mood: string | null;
  advice_given: number;
  follow_up: number;
  note: string | null;
  created_at: string;
}

export interface CareNeedsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  beneficiary_id: string;
  call_id: string | null;
  item: string;
  quantity: number;
  urgency: string;
  note: string | null;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CareNeedEventsTable {
  id: string;
  subdistrict_id: string;
  need_id: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  by_account_id: string;
  at: string;
}

export interface CareTodosTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  beneficiary_id: string;
  kind: string;
  status: string;
  note: string | null;
  source_call_id: string | null;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
}

export interface CareRecordChangesTable {
  id: string;
  subdistrict_id: string;
  beneficiary_id: string;
  field: string;
  before: string | null;
  after: string | null;
  by_account_id: string | null;
  at: string;
}

export interface CareNotesTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  beneficiary_id: string;
  client_key: string;
  text: string;
  by_account_id: string;
  created_at: string;
}

export interface CareTemplatesTable {
  id: string;
  subdistrict_id: string;
  name: string;
  talking_points: string;
  sort: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CareSettingsTable {
  subdistrict_id: string;
  robot_webhook_enc: string | null;
  updated_at: string;
}

export interface CareTables {
  care_categories: CareCategoriesTable;
  care_beneficiaries: CareBeneficiariesTable;
  care_campaigns: CareCampaignsTable;
  care_call_tasks: CareCallTasksTable;
  care_calls: CareCallsTable;
  care_needs: CareNeedsTable;
  care_need_events: CareNeedEventsTable;
  care_todos: CareTodosTable;
  care_record_changes: CareRecordChangesTable;
  care_notes: CareNotesTable;
  care_templates: CareTemplatesTable;
  care_settings: CareSettingsTable;
}
