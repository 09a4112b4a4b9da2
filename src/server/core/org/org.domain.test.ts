import { describe, expect, it } from 'vitest';
import { isInside, visibleUnits } from './org.domain';

const units = [
  { id: 'd', path: '/d/' },
  { id: 's', path: '/d/s/' },
  { id: 'n1', path: '/d/s/n1/' },
  { id: 'e1', path: '/d/s/n1/e1/' },
  { id: 'n2', path: '/d/s/n2/' },
];

describe('org subtrees', () => {
  it('shows a neighborhood grant its subtree and the ancestors leading to it, not its sibling', () => {
    expect(visibleUnits(units, ['n1']).map((u) => u.id)).toEqual(['d', 's', 'n1', 'e1']);
  });
  it('decides membership by path', () => {
    expect(isInside({ id: 'e1', path: '/d/s/n1/e1/' }, units, ['n1'])).toBe(true);
    expect(isInside({ id: 'n2', path: '/d/s/n2/' }, units, ['n1'])).toBe(false);
    expect(isInside({ id: 'n2', path: '/d/s/n2/' }, units, ['s'])).toBe(true);
  });
});
