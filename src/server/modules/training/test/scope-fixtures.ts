import type { TestApp } from '../../../../../test/app';
import { systemContext } from '../../../../../test/factories';
import type { ScopeFixtures } from '../../../../../test/scope-fixtures';
import { idNumber } from '../../../../../test/xlsx';
import { DEMO_QUESTIONS } from '../training.seed';

let n = 0;

/** a committee of 白渡 (its estates in turn, so each fixture gets its own) */
async function committee(t: TestApp): Promise<string> {
  n++;
  const estate = n % 2 === 0 ? '白渡一村' : '白渡花苑';
  const existing = await t.database.db
    .selectFrom('training_committees')
    .select('id')
    .where('estate_id', '=', t.org.estates[estate] as string)
    .executeTakeFirst();
  if (existing) return existing.id;
  const c = await t.services.training.registry.createCommittee(systemContext(t), {
    estateId: t.org.estates[estate] as string,
    name: `${estate}业主委员会`,
    termStart: '2022-01-01',
    termEnd: '2027-01-01',
    members: [{ name: '顾明德', idNumber: idNumber('19550312', 700 + n), role: 'director' }],
  });
  return c.id;
}

const question = async (t: TestApp) => (await t.services.training.bank.create(systemContext(t), DEMO_QUESTIONS[0]!)).id;

async function quiz(t: TestApp): Promise<string> {
  const q = await question(t);
  const z = await t.services.training.quizzes.create(systemContext(t), {
    title: '随堂测试',
    mode: 'live',
    selection: 'fixed',
    questions: [{ questionId: q, points: 1 }],
  });
  return z.id;
}

async function session(t: TestApp): Promise<string> {
  return (
    await t.services.training.registry.createSession(systemContext(t), {
      title: '示范文本解读',
      lecturer: '陈律师',
      startsAt: '2026-12-10T06:00:00.000Z',
      endsAt: '2026-12-10T07:00:00.000Z',
      mode: 'onsite',
      place: '街道会议室',
      audience: 'all',
    })
  ).id;
}

/** The training module's routes with an id: a record of 小东门街道 (白渡 for committees) for each. */
export const scopeFixtures: ScopeFixtures = {
  fixtures: {
    'GET /api/training/committees/:id': committee,
    'POST /api/training/committees/:id/ticks': committee,
    'PUT /api/training/committees/:id': committee,
    'GET /api/training/sessions/:id': session,
    'POST /api/training/sessions/:id/invite': session,
    'PUT /api/training/sessions/:id': session,
    'POST /api/training/sessions/:id/registrations': session,
    'POST /api/training/sessions/:id/material': session,
    'PUT /api/training/questions/:id': question,
    'GET /api/training/questions/:id/history': question,
    'GET /api/training/quizzes/:id': quiz,
    'GET /api/training/quizzes/:id/results': quiz,
    'POST /api/training/quizzes/:id/live': quiz,
    'GET /api/training/quizzes/:id/events': quiz,
    'GET /api/training/quizzes/:id/live': quiz,
  },
  bodies: {
    'POST /api/training/committees/:id/ticks': { itemKey: 're:0', done: true },
    'PUT /api/training/questions/:id': DEMO_QUESTIONS[1],
    // the committee is looked up in scope before the estate, so any estate id reaches the 404
    'PUT /api/training/committees/:id': {
      estateId: '01938a6e-0000-7000-8000-000000000001',
      name: '白渡花苑业主委员会',
      termStart: '2022-01-01',
      termEnd: '2027-01-01',
    },
    'POST /api/training/sessions/:id/registrations': { personId: '01938a6e-0000-7000-8000-000000000002' },
    'PUT /api/training/sessions/:id': {
      title: '示范文本解读（改）',
      lecturer: '陈律师',
      startsAt: '2026-12-10T06:00:00.000Z',
      endsAt: '2026-12-10T07:00:00.000Z',
      mode: 'online',
      place: '腾讯会议 123 456 789',
      audience: 'all',
    },
    'POST /api/training/quizzes/:id/live': { action: 'open', version: 0 },
  },
};
