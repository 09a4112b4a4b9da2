import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/context';
import type { ImportRegistry } from '../../core/excel/import-kind';
import type { PeopleService } from '../../core/people/people.service';
import { BeneficiariesService } from './beneficiaries.service';
import { campaignLive } from './campaigns.live';
import { CampaignsService } from './campaigns.service';
import { beneficiariesImportKind } from './care.import';
import { careRoutes } from './care.routes';
import { NeedsService } from './needs.service';

export interface ModuleDeps {
  core: Core;
  people: PeopleService;
  imports: ImportRegistry;
}

/** Care for entitled beneficiaries: registers its import kind and its routes. */
export async function careModule(app: FastifyInstance, deps: ModuleDeps) {
  const beneficiaries = new BeneficiariesService(deps.core, deps.people);
  const campaigns = new CampaignsService(deps.core, beneficiaries);
  const needs = new NeedsService(deps.core);
  deps.imports.register(beneficiariesImportKind(deps.people, beneficiaries));
  deps.core.live.register(campaignLive(campaigns));
  await app.register(careRoutes, { core: deps.core, beneficiaries, campaigns, needs });
  return { beneficiaries, campaigns, needs };
}
