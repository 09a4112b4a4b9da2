import { uuidv7 } from 'uuidv7';
import type { Executor } from '../db/index';
import type { OrgUnitsTable } from '../db/schema';

export interface SeededOrg {
  districtId: string;
  subdistrictId: string;
  neighborhoods: Record<string, string>;
  estates: Record<string, string>;
}

/** The demo subdistrict 小东门街道 of 黄浦区 with its four neighborhoods (estates are fictional). */
export const DEMO_TREE: Record<string, string[]> = {
  白渡: ['白渡一村', '白渡花苑'],
  中华: ['中华新苑', '中华公寓'],
  金坛: ['金坛小区', '金坛雅居'],
  乔家路: ['乔家路一弄', '乔家路名邸'],
};

export async function insertOrgTree(exec: Executor, district = '黄浦区', subdistrict = '小东门街道', tree = DEMO_TREE): Promise<SeededOrg> {
  const now = new Date().toISOString();
  const unit = (id: string, parent: OrgUnitsTable | null, kind: string, name: string, sort: number, sd: string | null): OrgUnitsTable => ({
    id,
    subdistrict_id: sd,
    parent_id: parent?.id ?? null,
    kind,
    name,
    code: null,
    sort,
    path: `${parent?.path ?? '/'}${id}/`,
    created_at: now,
    updated_at: now,
  });
  const d = unit(uuidv7(), null, 'district', district, 0, null);
  const sdId = uuidv7();
  const s = unit(sdId, d, 'subdistrict', subdistrict, 0, sdId);
  const rows = [d, s];
  const neighborhoods: Record<string, string> = {};
  const estates: Record<string, string> = {};
  Object.entries(tree).forEach(([name, estateNames], i) => {
    const n = unit(uuidv7(), s, 'neighborhood', name, i, sdId);
    neighborhoods[name] = n.id;
    rows.push(n);
    estateNames.forEach((e, j) => {
      const row = unit(uuidv7(), n, 'estate', e, j, sdId);
      estates[e] = row.id;
      rows.push(row);
    });
  });
  await exec.insertInto('org_units').values(rows).execute();
  return { districtId: d.id, subdistrictId: sdId, neighborhoods, estates };
}
