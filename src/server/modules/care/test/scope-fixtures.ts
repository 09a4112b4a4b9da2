import type { TestApp } from '../../../../../test/app';
import { buildBeneficiary, buildCampaign, systemContext } from '../../../../../test/factories';
import type { ScopeFixtures } from '../../../../../test/scope-fixtures';
import { deliveryRun, deliveryTask } from './deliveries-fixtures';
import { visitBodies, visitFixtures } from './visits-fixtures';

/** Care's routes with an id: a record of 白渡 for each (see test/scope-fixtures.ts). */
export const scopeFixtures: ScopeFixtures = {
  fixtures: {
    ...visitFixtures,
    'GET /api/care/beneficiaries/:id': async (t) => (await buildBeneficiary(t)).id,
    'PATCH /api/care/beneficiaries/:id': async (t) => (await buildBeneficiary(t)).id,
    'POST /api/care/beneficiaries/:id/reveal': async (t) => (await buildBeneficiary(t)).id,
    'GET /api/care/beneficiaries/:id/timeline': async (t) => (await buildBeneficiary(t)).id,
    'POST /api/care/beneficiaries/:id/notes': async (t) => (await buildBeneficiary(t)).id,
    'GET /api/care/campaigns/:id': async (t) => (await careCampaign(t)).id,
    'GET /api/care/campaigns/:id/events': async (t) => (await careCampaign(t)).id,
    'GET /api/care/campaigns/:id/live': async (t) => (await careCampaign(t)).id,
    'GET /api/care/campaigns/:id/queue': async (t) => (await careCampaign(t)).id,
    'GET /api/care/campaigns/:id/tasks': async (t) => (await careCampaign(t)).id,
    'GET /api/care/campaigns/:id/export': async (t) => (await careCampaign(t)).id,
    'PATCH /api/care/campaigns/:id': async (t) => (await careCampaign(t)).id,
    'POST /api/care/campaigns/:id/reassign': async (t) => (await careCampaign(t)).id,
    'POST /api/care/campaigns/:id/close': async (t) => (await careCampaign(t)).id,
    'GET /api/care/tasks/:id': async (t) => careTask(t),
    'POST /api/care/tasks/:id/phones': async (t) => careTask(t),
    'POST /api/care/tasks/:id/calls': async (t) => careTask(t),
    'POST /api/care/needs/:id/status': async (t) => {
      const b = await buildBeneficiary(t);
      return (await t.services.care.needs.create(systemContext(t), { beneficiaryId: b.id, item: 'masks', quantity: 10, urgency: 'normal' }))
        .id;
    },
    'PATCH /api/care/templates/:id': async (t) => (await t.services.care.templates.list(systemContext(t)))[0]?.id as string,
    'POST /api/care/todos/:id/done': async (t) => {
      const taskId = await careTask(t);
      await t.services.care.campaigns.recordCall(systemContext(t), taskId, {
        clientKey: `fixture-${taskId}`,
        outcome: 'wrong_number',
        adviceGiven: false,
        followUp: false,
        needs: [],
      });
      const todos = await t.services.care.needs.todos(systemContext(t), 'open');
      return (todos[0] as { id: string }).id;
    },
    ...deliveryFixtures(),
  },
  bodies: {
    'POST /api/care/volunteer/tasks/:id/status': { to: 'taken' },
    'POST /api/care/deliveries/runs/:id/volunteer': { volunteerId: 'someone' },
    ...visitBodies,
    'PATCH /api/care/beneficiaries/:id': { note: '改' },
    'POST /api/care/beneficiaries/:id/reveal': { field: 'phone' },
    'POST /api/care/beneficiaries/:id/notes': { clientKey: 'outsider-note-1', text: '外部记录' },
    'POST /api/care/tasks/:id/calls': { clientKey: 'outsider-call-1', outcome: 'busy' },
    'POST /api/care/needs/:id/status': { to: 'verified' },
    'PATCH /api/care/campaigns/:id': { title: '外部修改' },
    'POST /api/care/campaigns/:id/reassign': { taskIds: ['x'], callerId: 'y' },
    'POST /api/care/campaigns/:id/close': {},
    'PATCH /api/care/templates/:id': { name: '外部修改' },
  },
};

async function careCampaign(t: TestApp) {
  await buildBeneficiary(t);
  return buildCampaign(t);
}

async function careTask(t: TestApp): Promise<string> {
  const c = await careCampaign(t);
  const task = await t.database.db.selectFrom('care_call_tasks').select('id').where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
  return task.id;
}

function deliveryFixtures() {
  return {
    'GET /api/care/deliveries/tasks/:id': deliveryTask,
    'POST /api/care/deliveries/runs/:id/volunteer': deliveryRun,
    'POST /api/care/deliveries/tasks/:id/confirm': deliveryTask,
    'GET /api/care/volunteer/tasks/:id': deliveryTask,
    'POST /api/care/volunteer/tasks/:id/phone': deliveryTask,
    'POST /api/care/volunteer/tasks/:id/status': deliveryTask,
    'POST /api/care/volunteer/tasks/:id/report': deliveryTask,
  };
}
