import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildDb, childDatabase } from '../../../../test/child-db';
import { idNumber, writeXlsx } from '../../../../test/xlsx';

/**
 * `npm run linli -- import party-members|party-donations FILE [--dry-run]` and
 * `npm run linli -- party rates "活动名称"`, each in a child process on a database it opens itself.
 */
let child: ChildDb;
const MEMBER_HEADERS = ['姓名', '性别', '身份证号', '手机号码', '居民区', '支部', '类别', '入党日期', '备注'];
const DONATION_HEADERS = ['活动名称', '姓名', '身份证号', '金额（元）', '方式', '日期', '收据号', '备注'];

function cli(args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/server/main.ts', ...args], { env: { ...process.env, ...child.env }, encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return { status: r.status, json: last.startsWith('{') ? JSON.parse(last) : null, stderr: r.stderr, stdout: r.stdout };
}

async function count(table: 'party_members' | 'party_donations') {
  const database = child.open();
  try {
    return Number(
      (
        await database.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  child = await childDatabase();
  // the office has set up 白渡's 一支部 and 二支部 (and the committee above them)
  const database = child.open();
  try {
    const db = database.db;
    const sd = await db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'subdistrict').executeTakeFirstOrThrow();
    const nb = await db.selectFrom('org_units').select('id').where('name', '=', '白渡').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const committee = uuidv7();
    const general = uuidv7();
    const row = (id: string, level: string, name: string, parent: string | null, neighborhood: string | null, sort: number) => ({
      id,
      subdistrict_id: sd.id,
      neighborhood_id: neighborhood,
      parent_id: parent,
      level,
      name,
      sort,
      created_at: now,
    });
    await db
      .insertInto('party_orgs')
      .values([
        row(committee, 'committee', `${sd.name}党工委`, null, null, 0),
        row(general, 'general_branch', '白渡', committee, nb.id, 0),
        row(uuidv7(), 'branch', '一支部', general, nb.id, 1),
        row(uuidv7(), 'branch', '二支部', general, nb.id, 2),
      ])
      .execute();
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => child.close());

const ids = Array.from({ length: 12 }, (_, i) => idNumber(`1950${String(1 + (i % 12)).padStart(2, '0')}10`, 300 + i * 2));

describe('the party command line', () => {
  it('imports members; a branch that does not exist stops the whole file', { timeout: 120_000 }, async () => {
    const file = path.join(child.dir, 'members.xlsx');
    // 一支部: eight full members, one probationary, one activist; 二支部: two full members
    const rows = ids.map((id, i) => [
      `党员${String.fromCharCode(0x4e00 + i * 3)}`,
      '',
      id,
      '',
      '白渡',
      i < 10 ? '一支部' : '二支部',
      i === 8 ? '预备党员' : i === 9 ? '入党积极分子' : '正式党员',
      '1990-07-01',
      '',
    ]);
    await writeXlsx(file, [...rows, ['错支部', '', idNumber('19610101', 901), '', '白渡', '五支部', '正式党员', '', '']], {
      headers: MEMBER_HEADERS,
    });
    const bad = cli(['import', 'party-members', file]);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.json.ok).toBe(false);
    expect(bad.json.errors).toEqual([{ row: 14, column: '支部', message: '白渡党总支下没有「五支部」（现有：一支部、二支部）' }]);
    expect(await count('party_members')).toBe(0);

    await writeXlsx(file, rows, { headers: MEMBER_HEADERS });
    const dry = cli(['import', 'party-members', file, '--dry-run']);
    expect(dry.json, dry.stderr).toEqual({ ok: true, rows: 12, created: 12, updated: 0, unchanged: 0, errors: [] });
    expect(await count('party_members')).toBe(0);
    const real = cli(['import', 'party-members', file]);
    expect(real.status, real.stderr).toBe(0);
    expect(real.json).toMatchObject({ ok: true, created: 12 });
    expect(await count('party_members')).toBe(12);
  });

  it('imports gifts and prints the rates the records give', { timeout: 120_000 }, async () => {
    const file = path.join(child.dir, 'gifts.xlsx');
    const gift = (i: number, yuan: string, receipt: string) => [
      '抗疫捐款',
      `党员${String.fromCharCode(0x4e00 + i * 3)}`,
      ids[i] as string,
      yuan,
      '微信',
      '2026-02-20',
      receipt,
      '',
    ];
    // 一支部: members 0, 1, 2 and the activist 9 give (2 twice with the same receipt); 二支部: member 10
    const rows = [
      gift(0, '100', 'A1'),
      gift(1, '50.5', 'A2'),
      gift(2, '20', 'A3'),
      gift(2, '20', 'A3'),
      gift(9, '10', 'A4'),
      gift(10, '200', 'A5'),
    ];
    await writeXlsx(file, [...rows, gift(3, '1.234', 'A6')], { headers: DONATION_HEADERS });
    const bad = cli(['import', 'party-donations', file]);
    expect(bad.status).toBe(1);
    expect(bad.json.errors).toEqual([{ row: 8, column: '金额（元）', message: '金额「1.234」精确到了分以下，最多两位小数' }]);
    expect(await count('party_donations')).toBe(0);

    await writeXlsx(file, rows, { headers: DONATION_HEADERS });
    const real = cli(['import', 'party-donations', file]);
    expect(real.json, real.stderr).toMatchObject({ ok: true, rows: 6, created: 5, unchanged: 1 });
    expect(await count('party_donations')).toBe(5);

    // counted here from what the files said: members are full and probationary; donors those who gave
    const b1Members = 9;
    const b1Donors = 3;
    const b1Total = 10000 + 5050 + 2000 + 1000;
    const r = cli(['party', 'rates', '抗疫捐款']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      JSON.stringify({
        campaign: '抗疫捐款',
        branches: [
          {
            generalBranch: '白渡',
            branch: '一支部',
            members: b1Members,
            donors: b1Donors,
            rate: Math.round((b1Donors / b1Members) * 1e4) / 1e4,
            totalFen: b1Total,
          },
          { generalBranch: '白渡', branch: '二支部', members: 2, donors: 1, rate: 0.5, totalFen: 20000 },
        ],
        generalBranches: [
          { name: '白渡', members: b1Members + 2, donors: b1Donors + 1, rate: Math.round((4 / 11) * 1e4) / 1e4, totalFen: b1Total + 20000 },
        ],
      }),
    );
    const missing = cli(['party', 'rates', '没有的活动']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('没有名为「没有的活动」的捐款活动');
  });
});
