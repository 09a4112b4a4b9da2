import { describe, expect, it } from 'vitest';
import { findRoute, matchPath } from './router';

const Page = () => null;

describe('phone router paths', () => {
  it('reads named segments', () => {
    expect(matchPath('/m/care/tasks/:id', '/m/care/tasks/01ab')).toEqual({ id: '01ab' });
    expect(matchPath('/m/care/tasks/:id', '/m/care/tasks/01ab/')).toEqual({ id: '01ab' });
    expect(matchPath('/m/care/tasks/:id', '/m/care/tasks')).toBeNull();
    expect(matchPath('/m/care/tasks/:id', '/m/care/tasks/1/2')).toBeNull();
    expect(matchPath('/m/care/tasks/:id', '/m/care/tasks/%E0%A4%A')).toBeNull();
  });

  it('prefers an exact path to a pattern', () => {
    const exact = { path: '/m/care/new', component: Page };
    const pattern = { path: '/m/care/:id', component: Page };
    expect(findRoute([pattern, exact], '/m/care/new')?.route).toBe(exact);
    expect(findRoute([pattern, exact], '/m/care/7')).toEqual({ route: pattern, params: { id: '7' } });
    expect(findRoute([pattern], '/m/other')).toBeNull();
  });
});
