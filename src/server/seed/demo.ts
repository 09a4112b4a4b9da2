import { uuidv7 } from 'uuidv7';
import { replaceGrants } from '../core/accounts/accounts.repository';
import { insertStaffAccount } from '../core/accounts/accounts.service';
import { hashPassword } from '../core/auth/passwords';
import type { Db } from '../db/index';
import { insertOrgTree, type SeededOrg } from './org';

export const DEMO_PASSWORD = 'Linli@Demo2020';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  scope: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'sysadmin', scope: '小东门街道' },
  { username: 'secadmin', displayName: '安全管理员', role: 'secadmin', scope: '小东门街道' },
  { username: 'auditor', displayName: '审计管理员', role: 'auditadmin', scope: '小东门街道' },
  { username: 'leader', displayName: '街道副主任 何平', role: 'leader', scope: '小东门街道' },
  { username: 'registry', displayName: '居民信息管理员 孙丽', role: 'registry_officer', scope: '小东门街道' },
  { username: 'care', displayName: '优抚科 周敏', role: 'care_staff', scope: '小东门街道' },
  { username: 'jobs', displayName: '就业服务 陈立', role: 'jobs_staff', scope: '小东门街道' },
  { username: 'training', displayName: '自治办 王菁', role: 'training_staff', scope: '小东门街道' },
  { username: 'party', displayName: '党建办 李航', role: 'party_staff', scope: '小东门街道' },
  { username: 'baidu', displayName: '白渡居委 张萍', role: 'neighborhood_staff', scope: '白渡' },
  { username: 'zhonghua', displayName: '中华居委 刘畅', role: 'neighborhood_staff', scope: '中华' },
  { username: 'volunteer', displayName: '志愿者 赵晓东', role: 'volunteer', scope: '白渡' },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Loads the demo subdistrict into an empty database. Demo accounts exist only here. */
export async function seedDemo(db: Db): Promise<{ org: SeededOrg; accounts: DemoAccount[] }> {
  if (!(await isEmpty(db))) throw new Error('数据库中已有数据，拒绝写入演示数据 (database is not empty: refusing to seed)');
  const hash = await hashPassword(DEMO_PASSWORD);
  const org = await db.transaction().execute(async (trx) => {
    const org = await insertOrgTree(trx);
    for (const a of DEMO_ACCOUNTS) {
      const id = uuidv7();
      await insertStaffAccount(trx, {
        id,
        subdistrictId: org.subdistrictId,
        username: a.username,
        displayName: a.displayName,
        passwordHash: hash,
        mustChange: false,
      });
      const orgId = a.scope === '小东门街道' ? org.subdistrictId : (org.neighborhoods[a.scope] as string);
      await replaceGrants(trx, id, org.subdistrictId, [{ role: a.role, orgId }], null, uuidv7);
    }
    return org;
  });
  return { org, accounts: DEMO_ACCOUNTS };
}
