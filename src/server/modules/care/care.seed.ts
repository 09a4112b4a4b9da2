import { uuidv7 } from 'uuidv7';
import { systemActor } from '../../core/access/actor';
import type { Core } from '../../core/context';
import { allPermissions } from '../../core/modules/install';
import { checkDigit } from '../../core/people/id-number';
import type { SeededOrg } from '../../seed/org';
import { taskIdsOf } from './campaigns.repository';
import type { CareServices } from './care.module';
import { DEFAULT_CATEGORIES } from './domain/catalogue';

// Clearly fictional people: names from a fixed list, ID numbers of the right form with made-up
// birth dates and sequence numbers, phones in the 139-0000 block.
const NAMES = [
  '江平',
  '王建国',
  '李秀英',
  '张国华',
  '刘桂兰',
  '陈志强',
  '杨玉珍',
  '黄德明',
  '赵淑芬',
  '周卫东',
  '吴凤英',
  '徐长林',
  '孙美华',
  '朱福生',
  '马翠兰',
  '胡永康',
  '郭素珍',
  '何振华',
  '高月娥',
  '林保国',
  '罗金凤',
  '梁建华',
  '宋兰英',
  '郑国庆',
  '谢秀珍',
  '韩立新',
  '唐佩芳',
  '冯志明',
  '于桂芳',
  '董春生',
  '萧玉兰',
  '程文斌',
  '曹惠英',
  '袁洪涛',
  '邓巧云',
  '许国强',
  '傅雅琴',
  '沈建民',
  '曾丽华',
  '彭大海',
];
const LIVING = ['独居', '空巢', '与子女同住', '与子女同住', '养老机构', '空巢'] as const;
const REASONS = [['慢性病'], [], ['行动不便'], ['慢性病', '近期住院'], [], ['失能']];
const ROADS: Record<string, string> = { 白渡: '白渡路', 中华: '中华路', 金坛: '金坛路', 乔家路: '乔家路' };

function idNumberOf(i: number): string {
  const birth = `19${String(28 + (i % 22)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
  const first17 = `310101${birth}${String(300 + i * 2 + (i % 2)).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** The care module's demo: 40 beneficiaries over the four neighborhoods and a campaign in progress. */
export async function seedCareDemo({ beneficiaries, campaigns }: CareServices, org: SeededOrg, core: Core): Promise<void> {
  const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: uuidv7(), ip: 'seed', userAgent: null };
  const categories = await beneficiaries.categories(ctx);
  const neighborhoods = Object.keys(org.neighborhoods);
  for (const [i, name] of NAMES.entries()) {
    const nb = neighborhoods[i % neighborhoods.length] as string;
    await beneficiaries.create(ctx, {
      name,
      idNumber: idNumberOf(i),
      phone: `1390000${String(1000 + i * 37).padStart(4, '0')}`,
      altPhone: i % 3 === 0 ? `021-6328${String(1000 + i).padStart(4, '0')}` : null,
      neighborhoodId: org.neighborhoods[nb] as string,
      road: ROADS[nb],
      lane: String(10 + ((i * 13) % 200)),
      building: String(1 + (i % 12)),
      room: String(100 * (1 + (i % 6)) + (i % 4) + 1),
      categoryId: (categories.find((c) => c.name === DEFAULT_CATEGORIES[i % DEFAULT_CATEGORIES.length]) ?? categories[0])?.id as string,
      disabilityGrade: i % DEFAULT_CATEGORIES.length === 0 ? ['五级', '六级', '七级', '八级'][i % 4] : null,
      livingSituation: LIVING[i % LIVING.length],
      priorityReasons: REASONS[i % REASONS.length],
      emergencyName: `${name.slice(0, 1)}${['小明', '晓红', '建华', '丽萍'][i % 4]}`,
      emergencyPhone: `1390001${String(1000 + i * 41).padStart(4, '0')}`,
      healthNotes: i % 4 === 0 ? '高血压，按时服药' : null,
    });
  }
  const callers = await beneficiaries.careAccounts(ctx);
  const baidu = callers.find((c) => c.roles.includes('neighborhood_staff') && c.neighborhoodNames.includes('白渡'));
  const zhonghua = callers.find((c) => c.roles.includes('neighborhood_staff') && c.neighborhoodNames.includes('中华'));
  const care = callers.find((c) => c.roles.includes('care_staff'));
  const campaign = await campaigns.create(ctx, {
    title: '春季防疫集中电话慰问',
    startsOn: '2026-11-20',
    endsOn: '2026-12-31',
    talkingPoints:
      '1. 问候老人身体和生活情况；\n2. 提醒勤洗手、戴口罩、少聚集，出现发热及时就医；\n3. 询问口罩、消毒液、米面油、药品等需要，登记到需求清单；\n4. 核对住址和联系电话。',
    filter: {},
    splitMode: 'neighborhood',
    callerIds: [baidu?.id, zhonghua?.id, care?.id].filter((x): x is string => !!x),
    maxAttempts: 3,
  });
  // a few calls already made, so the progress and the needs list have something to show
  const tasks = await taskIdsOf(core.db, campaign.id, 6);
  const outcomes = ['reached', 'reached', 'no_answer', 'reached', 'busy', 'reached'] as const;
  for (const [i, id] of tasks.entries()) {
    const outcome = outcomes[i] ?? 'reached';
    await campaigns.recordCall(ctx, id, {
      clientKey: `seed-${id}`,
      outcome,
      healthStatus: outcome === 'reached' ? 'good' : null,
      livingStatus: outcome === 'reached' ? 'normal' : null,
      mood: outcome === 'reached' ? 'good' : null,
      adviceGiven: outcome === 'reached',
      followUp: false,
      needs:
        outcome === 'reached'
          ? [
              { item: i % 2 ? 'masks' : 'staples', quantity: i % 2 ? 20 : 1, urgency: 'normal' },
              ...(i === 3 ? [{ item: 'medicine' as const, quantity: 1, urgency: 'urgent' as const, note: '代配降压药' }] : []),
            ]
          : [],
    });
  }
}
