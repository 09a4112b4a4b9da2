import type { TestProject } from 'vitest/node';
import { startCluster } from '../../test/pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * The browser tests' database: on SQLite nothing to do (each server makes its own file); with
 * LINLI_TEST_DB=postgres one throwaway cluster for the whole run, on which each test server
 * creates its own fresh database (see startServer).
 */
export default async function setup(project: TestProject) {
  if ((process.env.LINLI_TEST_DB ?? 'sqlite') !== 'postgres') {
    project.provide('pgAdminUrl', '');
    return;
  }
  const cluster = await startCluster();
  project.provide('pgAdminUrl', cluster.url);
  return () => cluster.stop();
}
