import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { startCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export const TEMPLATE_DB = 'linli_template';

/** On PostgreSQL: one cluster for the run and a migrated template database that each test file clones. */
export default async function setup(project: TestProject) {
  if ((process.env.LINLI_TEST_DB ?? 'sqlite') !== 'postgres') {
    project.provide('pgAdminUrl', '');
    return;
  }
  const cluster = await startCluster();
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const database = openDatabase({ database: { kind: 'postgres', url: cluster.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`) } });
  await migrateToLatest(database.db, allMigrations());
  await database.close();
  project.provide('pgAdminUrl', cluster.url);
  return () => cluster.stop();
}
