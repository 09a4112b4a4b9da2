import type { Db } from '../../db/index';
import { auditTargetNamer } from '../modules/install';

/**
 * How the audit page names the record an entry is about: the account, the org unit, the person
 * (masked: the surname only), or what a module says for its own record types. A record deleted
 * since has no name; the page shows its type and number.
 */
export type AuditTargetNamer = (db: Db, ids: string[]) => Promise<Map<string, string>>;

/** 张三 → 张*, 欧阳修远 → 欧***: enough to tell entries apart, not enough to identify a resident */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

const CORE_TARGETS: Record<string, AuditTargetNamer> = {
  account: async (db, ids) => {
    const rows = await db.selectFrom('accounts').select(['id', 'display_name', 'username']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, `${r.display_name}（${r.username}）`]));
  },
  org_unit: async (db, ids) => {
    const rows = await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  person: async (db, ids) => {
    const rows = await db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, maskName(r.name)]));
  },
};

/** `type:id` → display name, for the entries of one page */
export async function nameTargets(db: Db, entries: { target_type: string | null; target_id: string | null }[]) {
  const byType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.target_type || !e.target_id) continue;
    const ids = byType.get(e.target_type) ?? new Set<string>();
    ids.add(e.target_id);
    byType.set(e.target_type, ids);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const namer = CORE_TARGETS[type] ?? auditTargetNamer(type);
      if (!namer) return;
      for (const [id, name] of await namer(db, [...ids])) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}
