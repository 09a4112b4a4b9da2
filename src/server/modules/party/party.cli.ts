import { loadConfig } from '../../config';
import { checkedKeys } from '../../core/crypto/keys';
import { openDatabase } from '../../db/index';
import { campaignRates } from './donations.service';
import { indexOrgs } from './party.base';
import * as repo from './party.repository';

export const PARTY_USAGE = `party rates "活动名称"
                             donation participation of a campaign per branch and general branch:
                             {"campaign","branches":[{"generalBranch","branch","members","donors","rate","totalFen"}],
                              "generalBranches":[{"name","members","donors","rate","totalFen"}]}`;

/** `npm run linli -- party rates "活动名称"`: prints the campaign's participation figures as one JSON line. */
export async function partyCommand(
  args: string[],
  io = { out: (t: string) => console.log(t), err: (t: string) => console.error(t) },
): Promise<number> {
  const [sub, name] = args;
  if (sub !== 'rates' || !name) {
    io.err(`用法：npm run linli -- ${PARTY_USAGE.split('\n')[0]}`);
    return 2;
  }
  const config = loadConfig();
  const database = openDatabase(config);
  try {
    await checkedKeys(database.db, config, { create: false });
    const found = await repo.campaignsByName(database.db, name);
    if (found.length === 0) {
      io.err(`没有名为「${name}」的捐款活动`);
      return 1;
    }
    if (found.length > 1) {
      io.err(`有 ${found.length} 个街道都有名为「${name}」的捐款活动，无法确定是哪一个`);
      return 1;
    }
    const c = found[0] as (typeof found)[number];
    const idx = indexOrgs(await repo.orgs(database.db, c.subdistrict_id));
    io.out(JSON.stringify(await campaignRates(database.db, c, idx, null)));
    return 0;
  } finally {
    await database.close();
  }
}
