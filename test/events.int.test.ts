import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusEvent, EventBus } from '../src/server/core/events/bus';
import { openDatabase } from '../src/server/db/index';
import { type TestApp, testApp } from './app';
import { TEST_DB } from './db';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('event bus', () => {
  it('delivers to exact and wildcard subscribers in this process at once', async () => {
    const got: string[] = [];
    const off1 = t.services.core.events.subscribe('care.call.saved', (e) => got.push(`exact:${e.data.id}`));
    const off2 = t.services.core.events.subscribe('care.*', (e) => got.push(`wild:${e.topic}`));
    await t.services.core.events.publish('care.call.saved', { id: 'c1' });
    await t.services.core.events.publish('jobs.queue.moved', { id: 'j1' });
    off1();
    off2();
    await t.services.core.events.publish('care.call.saved', { id: 'c2' });
    expect(got).toEqual(['exact:c1', 'wild:care.call.saved']);
  });

  // only PostgreSQL carries events between processes (LISTEN/NOTIFY); SQLite serves one process
  if (TEST_DB === 'postgres')
    it('reaches a bus of another process through PostgreSQL, once', async () => {
      const other = openDatabase({ database: { kind: 'postgres', url: t.database.url } });
      const bus = new EventBus(other.dialect, t.services.core.log);
      await bus.start();
      try {
        const received = new Promise<BusEvent>((resolve) => bus.subscribe('care.campaign.progress', resolve));
        const mine: BusEvent[] = [];
        t.services.core.events.subscribe('care.campaign.progress', (e) => mine.push(e));
        await t.services.core.events.publish('care.campaign.progress', { campaignId: 'k1', reached: 3 });
        expect(await received).toEqual({ topic: 'care.campaign.progress', data: { campaignId: 'k1', reached: 3 } });
        // its own notification comes back through the database too; it must not be delivered twice
        // (listening before publishing: the notification may arrive before the publish call returns)
        const noop = new Promise<BusEvent>((resolve) => t.services.core.events.subscribe('noop', resolve));
        await bus.publish('noop', {});
        await noop;
        expect(mine).toHaveLength(1);
      } finally {
        await bus.stop();
        await other.close();
      }
    });
});
