import { describe, expect, it } from 'vitest';
import { callEntry, changeEntry, needEntry, recordChanges } from './timeline-text';

describe('timeline wording', () => {
  it('says a call’s outcome and health in one line, the rest below', () => {
    const e = callEntry({
      id: 'c1',
      at: '2026-12-01T02:00:00.000Z',
      outcome: 'reached',
      health: 'fair',
      living: 'difficult',
      mood: 'low',
      note: '腿脚不便',
      campaign: '防疫电话慰问',
      by: '张萍',
    });
    expect(e).toEqual({
      key: 'call:c1',
      kind: 'call',
      at: '2026-12-01T02:00:00.000Z',
      title: '电话慰问：已接通，身体一般',
      details: ['活动：防疫电话慰问', '生活：有困难', '情绪：低落', '备注：腿脚不便'],
      by: '张萍',
    });
    expect(
      callEntry({ id: 'c2', at: 'x', outcome: 'no_answer', health: null, living: null, mood: null, note: null, campaign: null, by: null })
        .title,
    ).toBe('电话慰问：无人接听');
  });

  it('says a need’s registration and its moves', () => {
    const base = { id: 'e', at: 'x', item: 'masks', quantity: 20, urgency: 'urgent', needNote: null, note: null, by: 'a' };
    expect(needEntry({ ...base, from: null, to: 'registered' }).title).toBe('登记需求：口罩 × 20个（紧急）');
    expect(needEntry({ ...base, from: 'registered', to: 'verified' })).toMatchObject({
      title: '需求已核实：口罩 × 20个',
      details: ['登记 → 已核实'],
    });
  });

  it('lists only the fields that changed', () => {
    const v = {
      neighborhood: '白渡',
      category: '复员军人',
      livingSituation: '独居',
      priorityReasons: '慢性病',
      disabilityGrade: null,
      staff: null,
      volunteer: null,
      emergencyName: null,
    };
    expect(recordChanges(v, { ...v, volunteer: '志愿者 王芳', livingSituation: '空巢' })).toEqual([
      { field: 'livingSituation', before: '独居', after: '空巢' },
      { field: 'volunteer', before: null, after: '志愿者 王芳' },
    ]);
    expect(changeEntry({ id: 'x', at: 'y', field: 'volunteer', before: null, after: '王芳', by: null })).toMatchObject({
      title: '修改结对志愿者',
      details: ['（空） → 王芳'],
    });
  });
});
