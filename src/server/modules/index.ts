import { migrations as coreMigrations } from '../../../migrations/index';
import { moduleMigrations } from '../core/modules/install';
import type { ModuleManifest } from '../core/modules/manifest';
import { bulletinModule } from './bulletin/bulletin.module';
import { careModule } from './care/care.module';
import { jobsModule } from './jobs/jobs.module';
import { partyModule } from './party/party.module';
import { trainingModule } from './training/training.module';

/** The modules of this build. Adding a module is adding its folder and one line here. */
export const MODULES: readonly ModuleManifest<unknown>[] = [careModule, jobsModule, trainingModule, partyModule, bulletinModule];

/** every module's migrations, for `migrateToLatest` */
export const allMigrations = (modules: readonly ModuleManifest<unknown>[] = MODULES) => moduleMigrations(modules);

/** the name of every migration this program knows, core's and the modules' (a backup from a newer program is refused) */
export const allMigrationNames = () => [...Object.keys(coreMigrations), ...Object.keys(allMigrations())].sort();
