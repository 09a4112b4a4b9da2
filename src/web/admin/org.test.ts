import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../contracts/org';
import { buildForest, pathLabel } from './org';

const unit = (id: string, parentId: string | null, kind: OrgUnit['kind'], name: string, sort = 0): OrgUnit => ({
  id,
  parentId,
  kind,
  name,
  code: null,
  sort,
});

describe('org tree helpers', () => {
  const units = [
    unit('d', null, 'district', '黄浦区'),
    unit('s', 'd', 'subdistrict', '小东门街道'),
    unit('n2', 's', 'neighborhood', '中华', 2),
    unit('n1', 's', 'neighborhood', '白渡', 1),
    unit('e', 'n1', 'estate', '白渡小区'),
  ];

  it('nests units and orders siblings by sort', () => {
    const [root] = buildForest(units);
    expect(root?.name).toBe('黄浦区');
    expect(root?.children[0]?.children.map((n) => n.name)).toEqual(['白渡', '中华']);
    expect(root?.children[0]?.children[0]?.children[0]?.name).toBe('白渡小区');
  });

  it('treats a unit whose parent is not visible as a root', () => {
    expect(buildForest([unit('n1', 's', 'neighborhood', '白渡')]).map((n) => n.name)).toEqual(['白渡']);
  });

  it('names a unit by its path below the district', () => {
    expect(pathLabel(units, 'e')).toBe('小东门街道 / 白渡 / 白渡小区');
  });
});
