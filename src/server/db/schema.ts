import type { AuthTables } from '../core/auth/auth.tables';

/** Row types of every table, as Kysely sees them. Flags are 0/1, times ISO-8601 UTC text. */
export interface OrgUnitsTable {
  id: string;
  subdistrict_id: string | null;
  parent_id: string | null;
  kind: string;
  name: string;
  code: string | null;
  sort: number;
  path: string;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  subdistrict_id: string;
  username: string;
  display_name: string;
  kind: string;
  phone_hash: string | null;
  person_id: string | null;
  password_hash: string | null;
  must_change_password: number;
  password_changed_at: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountRolesTable {
  id: string;
  subdistrict_id: string;
  account_id: string;
  role: string;
  org_id: string;
  /** a module's resource kind (`jobs.employer`) when the grant is on a resource, not on org_id's subtree */
  resource_kind: string | null;
  resource_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionsTable {
  id: string;
  subdistrict_id: string;
  account_id: string;
  csrf_token: string;
  mfa_ok: number;
  /** 'password' or 'sms' (see migrations/0018_session_via.ts) */
  via: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface SmsCodesTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  ip: string | null;
  attempts: number;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: string;
  seq: number;
  subdistrict_id: string | null;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  role: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: string;
  seq: number;
  hash: string;
  /** HMAC of (seq, hash) under the audit key: the chain's end is signed too */
  mac: string | null;
  /** the last entry removed by pruning (0: none); the chain goes on from its hash */
  pruned_seq: number;
  pruned_hash: string | null;
  /** HMAC of (pruned_seq, pruned_hash): the start of a pruned chain is signed like its end */
  pruned_mac: string | null;
}

export interface PersonsTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string | null;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: string | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_hash: string | null;
  id_tail: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  alt_phone_enc: string | null;
  alt_phone_hash: string | null;
  alt_phone_tail: string | null;
  road: string | null;
  lane: string | null;
  building: string | null;
  room: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
}

export interface PersonContactHistoryTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string | null;
  person_id: string;
  /** 'phone' | 'altPhone' | 'address' */
  field: string;
  before_value: string | null;
  after_value: string | null;
  /** 'manual' or 'import:<kind>' */
  source: string;
  changed_at: string;
  changed_by: string | null;
  changed_by_name: string | null;
}

export interface ImportJobsTable {
  id: string;
  subdistrict_id: string;
  account_id: string;
  kind: string;
  file_name: string;
  format: string;
  size: number;
  /** 'previewed' | 'committed' | 'discarded' */
  status: string;
  report: string;
  preview: string;
  created_at: string;
  committed_at: string | null;
  /** the upload in the blob store (0013); absent on uploads kept in the data folder before */
  file_sha256?: string | null;
}

export interface NotifyOutboxTable {
  id: string;
  subdistrict_id: string | null;
  neighborhood_id: string | null;
  channel: string;
  recipient: string | null;
  recipient_hash: string | null;
  recipient_label: string;
  recipient_account_id: string | null;
  subject: string | null;
  template: string | null;
  variables: string | null;
  body: string;
  format: string;
  link: string | null;
  secret: number;
  status: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  source_module: string | null;
  source_type: string | null;
  source_id: string | null;
}

export interface NotifyInboxTable {
  id: string;
  subdistrict_id: string | null;
  account_id: string;
  outbox_id: string;
  title: string;
  body: string;
  link: string | null;
  source_module: string | null;
  source_type: string | null;
  source_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface FilesTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string | null;
  sha256: string;
  size: number;
  mime: string;
  kind: string;
  original_name: string;
  owner_type: string;
  owner_id: string;
  uploaded_by: string | null;
  created_at: string;
}

/**
 * Every table Kysely knows: core's here; each module adds its own by declaration merging in its
 * manifest (`declare module '../../db/schema' { interface DB extends CareTables {} }`).
 */
export interface DB extends AuthTables {
  org_units: OrgUnitsTable;
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  persons: PersonsTable;
  person_contact_history: PersonContactHistoryTable;
  import_jobs: ImportJobsTable;
  notify_outbox: NotifyOutboxTable;
  notify_inbox: NotifyInboxTable;
  files: FilesTable;
}
