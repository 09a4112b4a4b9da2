import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../../../test/app';
import { buildBeneficiary, systemContext } from '../../../../../test/factories';

/** A delivery task of 白渡 for the demo volunteer (made through the services, as staff would). */
export async function deliveryTask(t: TestApp): Promise<string> {
  const ctx = systemContext(t);
  const care = t.services.care;
  const b = await buildBeneficiary(t);
  const need = await care.needs.create(ctx, { beneficiaryId: b.id, item: 'masks', quantity: 10, urgency: 'normal' });
  await care.needs.move(ctx, need.id, 'verified');
  const volunteer = await t.database.db.selectFrom('accounts').select('id').where('username', '=', 'volunteer').executeTakeFirstOrThrow();
  const made = await care.deliveries.createRuns(ctx, {
    clientKey: `fixture-${uuidv7()}`,
    mode: 'contactless',
    dueAt: '2026-12-03T02:00:00.000Z',
    runs: [{ title: '白渡 · 中山南路', volunteerId: volunteer.id, households: [{ beneficiaryId: b.id, needIds: [need.id] }] }],
  });
  const task = await t.database.db
    .selectFrom('care_delivery_tasks')
    .select('id')
    .where('run_id', '=', made.runIds[0] as string)
    .executeTakeFirstOrThrow();
  return task.id;
}

/** the run of such a task */
export async function deliveryRun(t: TestApp): Promise<string> {
  const id = await deliveryTask(t);
  const task = await t.database.db.selectFrom('care_delivery_tasks').select('run_id').where('id', '=', id).executeTakeFirstOrThrow();
  return task.run_id;
}
