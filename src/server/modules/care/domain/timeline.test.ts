import { describe, expect, it } from 'vitest';
import { mergeTimeline, type TimelineEntry } from './timeline';

const e = (key: string, at: string): TimelineEntry => ({ key, kind: 'call', at, title: key, details: [], by: null });

describe('mergeTimeline', () => {
  it('puts the newest first across sources and keeps equal times in key order', () => {
    const calls = [e('call:1', '2026-11-01T08:00:00Z'), e('call:2', '2026-11-03T08:00:00Z')];
    const needs = [e('need:b', '2026-11-02T08:00:00Z'), e('need:a', '2026-11-02T08:00:00Z')];
    expect(mergeTimeline([calls, needs]).map((x) => x.key)).toEqual(['call:2', 'need:a', 'need:b', 'call:1']);
  });
  it('cuts at the limit', () => {
    expect(mergeTimeline([[e('a', '2026-01-01'), e('b', '2026-01-02')]], 1).map((x) => x.key)).toEqual(['b']);
  });
});
