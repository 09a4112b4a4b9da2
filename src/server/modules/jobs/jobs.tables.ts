/** Row types of the job fair module's tables (see migrations/20261202_jobs_core.ts). */
export interface JobsFairsTable {
  id: string;
  subdistrict_id: string;
  title: string;
  starts_at: string;
  organiser: string;
  /** JSON array of names */
  partners: string;
  description: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  registration_deadline: string | null;
  /** draft | published | closed */
  status: string;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobsEmployersTable {
  id: string;
  subdistrict_id: string;
  name: string;
  industry: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobsPositionsTable {
  id: string;
  subdistrict_id: string;
  employer_id: string;
  fair_id: string | null;
  title: string;
  category: string | null;
  industry: string | null;
  district: string | null;
  /** yuan per month */
  salary_min: number | null;
  salary_max: number | null;
  education: string | null;
  /** JSON array */
  majors: string;
  experience_years: number | null;
  headcount: number;
  description: string | null;
  skills: string | null;
  open: number;
  created_at: string;
  updated_at: string;
}

export interface JobsSeekersTable {
  id: string;
  subdistrict_id: string;
  /** the core person (one record per real person); null until known by ID number or phone */
  person_id: string | null;
  /** the resident account that signed in by SMS, when the seeker registered themselves */
  account_id: string | null;
  phone_hash: string | null;
  phone_enc: string | null;
  phone_tail: string | null;
  name: string;
  gender: string | null;
  birth_year: number | null;
  /** graduate | unemployed | jobless | employed */
  status: string;
  education: string;
  school: string | null;
  major: string | null;
  graduation_year: number | null;
  /** JSON arrays */
  categories: string;
  industries: string;
  districts: string;
  salary_min: number | null;
  salary_max: number | null;
  experience_years: number | null;
  skills: string | null;
  sms_opt_in: number;
  /** times the seeker can attend on the fair day: JSON [["13:00","15:00"], …]; null: any time */
  available?: string | null;
  /** 1 while a consent stands (kept with the consent rows in one transaction) */
  consented: number;
  consented_at: string | null;
  /** self | staff */
  registered_by: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobsConsentsTable {
  id: string;
  subdistrict_id: string;
  seeker_id: string;
  fair_id: string | null;
  wording: string;
  given_at: string;
  given_by: string | null;
  withdrawn_at: string | null;
}

export interface JobsApplicationsTable {
  id: string;
  subdistrict_id: string;
  seeker_id: string;
  position_id: string;
  /** the position's employer, so a partner's scope is one column */
  employer_id: string;
  /** submitted | viewed | interview | unsuitable | withdrawn (part 2 adds interview outcomes) */
  status: string;
  /** self | staff */
  created_by_kind: string;
  created_by: string | null;
  client_key: string;
  created_at: string;
  updated_at: string;
}

export interface JobsTables {
  jobs_fairs: JobsFairsTable;
  jobs_employers: JobsEmployersTable;
  jobs_positions: JobsPositionsTable;
  jobs_seekers: JobsSeekersTable;
  jobs_consents: JobsConsentsTable;
  jobs_applications: JobsApplicationsTable;
}
