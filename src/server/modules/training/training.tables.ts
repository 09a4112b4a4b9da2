/** Row types of the training module (业委会培训), merged into Kysely's DB by the manifest. */

export interface TrainingCommitteesTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  estate_id: string;
  name: string;
  assembly_formed_on: string | null;
  term_start: string;
  term_end: string;
  office_phone: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingCommitteeMembersTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  committee_id: string;
  person_id: string;
  role: string;
  created_at: string;
}

export interface TrainingChecklistItemsTable {
  id: string;
  subdistrict_id: string;
  label: string;
  weight: number;
  sort: number;
  active: number;
  created_at: string;
}

export interface TrainingCommitteeTicksTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  committee_id: string;
  item_key: string;
  done: number;
  ticked_by: string | null;
  ticked_at: string;
}

export interface TrainingSessionsTable {
  id: string;
  subdistrict_id: string;
  title: string;
  lecturer: string;
  starts_at: string;
  ends_at: string;
  mode: string;
  place: string;
  audience: string;
  audience_detail: string;
  material_file_id: string | null;
  checkin_code: string;
  created_by: string | null;
  created_at: string;
}

export interface TrainingCheckinsTable {
  id: string;
  subdistrict_id: string;
  session_id: string;
  name: string;
  phone_hash: string;
  phone_enc: string;
  person_id: string | null;
  registered_at: string;
  checked_in_at: string | null;
  feedback_rating: number | null;
  feedback_text: string | null;
}

export interface TrainingQuestionsTable {
  id: string;
  subdistrict_id: string;
  kind: string;
  stem: string;
  /** JSON `[{ key, text }]` */
  options: string;
  /** JSON `["A", …]` */
  answer: string;
  explanation: string;
  /** `|业主大会|换届改选|` */
  tags: string;
  difficulty: number;
  version: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

export interface TrainingQuestionHistoryTable {
  id: string;
  subdistrict_id: string;
  question_id: string;
  version: number;
  snapshot: string;
  changed_by: string | null;
  changed_at: string;
}

export interface TrainingQuizzesTable {
  id: string;
  subdistrict_id: string;
  session_id: string | null;
  title: string;
  mode: string;
  selection: string;
  rules: string;
  multiple_rule: string;
  time_limit_seconds: number | null;
  max_attempts: number | null;
  opens_at: string | null;
  closes_at: string | null;
  show_ranking: number;
  join_code: string;
  live_state: string;
  live_index: number;
  live_version: number;
  created_by: string | null;
  created_at: string;
}

export interface TrainingQuizQuestionsTable {
  id: string;
  subdistrict_id: string;
  quiz_id: string;
  question_id: string;
  position: number;
  points: number;
}

export interface TrainingParticipantsTable {
  id: string;
  subdistrict_id: string;
  quiz_id: string;
  name: string;
  phone_hash: string;
  phone_enc: string;
  person_id: string | null;
  token_hash: string;
  joined_at: string;
}

export interface TrainingAttemptsTable {
  id: string;
  subdistrict_id: string;
  quiz_id: string;
  participant_id: string;
  attempt_no: number;
  started_at: string;
  submitted_at: string | null;
  score: number | null;
  max_score: number | null;
}

export interface TrainingResponsesTable {
  id: string;
  subdistrict_id: string;
  quiz_id: string;
  attempt_id: string;
  question_id: string;
  /** JSON `["A"]` */
  choice: string;
  score: number;
  answered_at: string;
}

export interface TrainingSurveysTable {
  id: string;
  subdistrict_id: string;
  neighborhood_id: string;
  committee_id: string;
  name: string;
  phone_hash: string;
  topics: string;
  difficulties: string | null;
  created_at: string;
}

export interface TrainingTables {
  training_committees: TrainingCommitteesTable;
  training_committee_members: TrainingCommitteeMembersTable;
  training_checklist_items: TrainingChecklistItemsTable;
  training_committee_ticks: TrainingCommitteeTicksTable;
  training_sessions: TrainingSessionsTable;
  training_checkins: TrainingCheckinsTable;
  training_questions: TrainingQuestionsTable;
  training_question_history: TrainingQuestionHistoryTable;
  training_quizzes: TrainingQuizzesTable;
  training_quiz_questions: TrainingQuizQuestionsTable;
  training_participants: TrainingParticipantsTable;
  training_attempts: TrainingAttemptsTable;
  training_responses: TrainingResponsesTable;
  training_surveys: TrainingSurveysTable;
}
