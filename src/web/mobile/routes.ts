import HomePage from './pages/HomePage';
import LoginPage from './pages/LoginPage';
import type { PhoneRoute } from './router';

/**
 * The phone pages. A module adds `src/web/mobile/pages/<module>/routes.ts` exporting
 * `routes: PhoneRoute[]` (components via React.lazy, so each stays its own chunk); it is picked up
 * here without touching this file.
 */
const foundation: PhoneRoute[] = [
  { path: '/m', component: HomePage },
  { path: '/m/home', component: HomePage },
  { path: '/m/login', component: LoginPage },
];

const found = import.meta.glob<PhoneRoute[]>('./pages/*/routes.ts', { eager: true, import: 'routes' });

export const routes: PhoneRoute[] = [...foundation, ...Object.values(found).flat()];
