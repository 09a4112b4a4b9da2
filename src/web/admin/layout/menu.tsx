import type { MenuProps } from 'antd';
import type { TFunction } from '../../i18n';
import { type Access, allows } from '../access';
import type { AppRoute } from '../module';

type Item = Required<MenuProps>['items'][number];

/** The side menu: only entries the user's flags allow; a group with nothing left in it disappears. */
export function menuItems(table: AppRoute[], access: Access, t: TFunction): Item[] {
  const items: Item[] = [];
  for (const r of table) {
    if (r.hideInMenu) continue;
    if (r.children) {
      const children = menuItems(r.children, access, t);
      if (children.length > 0) items.push({ key: r.path, icon: r.icon, label: t(r.name), children });
    } else if (allows(access, r.access)) {
      items.push({ key: r.path, icon: r.icon, label: t(r.name) });
    }
  }
  return items;
}

/** The menu entry a location belongs to: the longest menu page path that starts it. */
export function selectedKey(pages: AppRoute[], pathname: string): string | undefined {
  return pages
    .filter((p) => !p.hideInMenu)
    .map((p) => p.path)
    .filter((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

/** The groups, open from the start. */
export function groupKeys(table: AppRoute[]): string[] {
  return table.filter((r) => r.children).flatMap((r) => [r.path, ...groupKeys(r.children ?? [])]);
}
