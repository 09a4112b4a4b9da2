import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/server/db/index';
import type { SeededOrg } from '../../src/server/seed/org';

const SURNAMES: [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
];
const GIVEN: [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
];

/** n people spread over the neighborhoods, written straight into the table in one transaction (deterministic names) */
export async function addPeople(database: Database, org: SeededOrg, n: number): Promise<void> {
  const neighborhoods = Object.values(org.neighborhoods);
  const now = new Date().toISOString();
  const columns = [
    'id',
    'subdistrict_id',
    'neighborhood_id',
    'name',
    'name_pinyin',
    'name_initials',
    'gender',
    'road',
    'lane',
    'created_at',
    'updated_at',
  ];
  await database.db.transaction().execute(async (trx) => {
    for (let at = 0; at < n; at += 5000) {
      const rows: unknown[][] = [];
      for (let i = at; i < Math.min(n, at + 5000); i++) {
        const [s, sp] = SURNAMES[i % 10] as [string, string];
        const [g1, g1p] = GIVEN[Math.floor(i / 10) % 10] as [string, string];
        const [g2, g2p] = GIVEN[Math.floor(i / 100) % 10] as [string, string];
        rows.push([
          uuidv7(),
          org.subdistrictId,
          neighborhoods[i % neighborhoods.length],
          `${s}${g1}${g2}`,
          `${sp}${g1p}${g2p}`,
          `${sp[0]}${g1p[0]}${g2p[0]}`,
          i % 2 ? 'male' : 'female',
          '中山南路',
          String(1 + (i % 300)),
          now,
          now,
        ]);
      }
      await database.dialect.insertRows(trx, 'persons', columns, rows);
    }
  });
}
