/** Row types of the sign-in hardening tables (see migrations/0012_auth_hardening.ts). */
export interface RateCountersTable {
  /** what is counted, e.g. `login:ip:10.0.0.1`, `sms:phone-ip:<hash>:<ip>` */
  key: string;
  count: number;
  /** end of the current window; a hit after it starts a new window at 1 */
  expires_at: string;
}

export interface PasswordHistoryTable {
  id: string;
  account_id: string;
  password_hash: string;
  created_at: string;
}

export interface TotpStateTable {
  account_id: string;
  /** the last time-step (unix seconds / 30) accepted: a code of this step or an earlier one is refused */
  last_step: number | null;
  /** wrong codes since the last right one */
  failed_count: number;
  updated_at: string;
}

export interface AuthTables {
  rate_counters: RateCountersTable;
  password_history: PasswordHistoryTable;
  totp_state: TotpStateTable;
}
