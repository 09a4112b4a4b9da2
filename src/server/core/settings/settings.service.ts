import type { SecuritySettings } from '../../../contracts/accounts';
import type { Executor } from '../../db/index';
import { DEFAULT_POLICY } from '../auth/password-policy';

export const DEFAULT_SECURITY: SecuritySettings = {
  passwordMinLength: DEFAULT_POLICY.minLength,
  passwordMinClasses: DEFAULT_POLICY.minClasses,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  idleMinutes: 30,
  absoluteHours: 12,
  staffTotpRequired: false,
};

const CACHE_MS = 5000;

/** Deployment-wide settings kept in the database; read often, so held for a few seconds. */
export class SettingsService {
  private cached: { at: number; value: SecuritySettings } | null = null;

  constructor(private readonly db: Executor) {}

  async security(): Promise<SecuritySettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', 'security').executeTakeFirst();
    const value = { ...DEFAULT_SECURITY, ...(row ? (JSON.parse(row.value) as Partial<SecuritySettings>) : {}) };
    this.cached = { at: Date.now(), value };
    return value;
  }

  async saveSecurity(exec: Executor, value: SecuritySettings, by: string): Promise<void> {
    const now = new Date().toISOString();
    const json = JSON.stringify(value);
    await exec
      .insertInto('settings')
      .values({ key: 'security', value: json, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: by }))
      .execute();
    this.cached = null;
  }
}
