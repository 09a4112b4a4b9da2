import { describe, expect, it } from 'vitest';
import { CallOutcome, HealthStatus, LivingStatus, Mood, NeedItem, Urgency } from '../../../../contracts/care';
import { HEALTH, ITEMS, LIVING, MOODS, OUTCOMES, URGENCIES } from './vocab';

describe('phone care vocabularies', () => {
  it('list every value of the contracts, in their order', () => {
    expect(OUTCOMES).toEqual(CallOutcome.options);
    expect(HEALTH).toEqual(HealthStatus.options);
    expect(LIVING).toEqual(LivingStatus.options);
    expect(MOODS).toEqual(Mood.options);
    expect(ITEMS).toEqual(NeedItem.options);
    expect(URGENCIES).toEqual(Urgency.options);
  });
});
