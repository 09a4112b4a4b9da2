import { describe, expect, it } from 'vitest';
import { jiebaTokenize } from '../segmenter';
import { Matcher } from './matcher';
import positions from './testdata/positions.json';
import seekers from './testdata/seekers.json';
import type { PositionInput, SeekerInput } from './types';

describe('a matcher built once over the positions serves seeker after seeker', () => {
  it('gives each seeker exactly what a matcher built with that seeker gives, and keeps no seeker', () => {
    const P = positions as PositionInput[];
    const shared = new Matcher([], P, jiebaTokenize);
    for (const s of (seekers as SeekerInput[]).slice(0, 15)) {
      const own = new Matcher([s], P, jiebaTokenize).topPositions(0, 10);
      expect(shared.topPositionsFor(s, jiebaTokenize, 10)).toEqual(own);
    }
    expect(shared.seekers).toHaveLength(0);
  });
});
