import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeCards, PhoneHome } from '../../../contracts/home';
import type { ModuleManifest } from './manifest';

export interface InstalledModule {
  manifest: ModuleManifest<unknown>;
  services: unknown;
}

/**
 * The home page's cards and the phone home's entries, gathered from every module for the
 * signed-in person (each module decides from the actor's permissions and scope what to show).
 */
export const homeRoutes: FastifyPluginAsyncZod<{ modules: InstalledModule[] }> = async (app, { modules }) => {
  app.get('/api/home/cards', { config: { access: 'signed-in' }, schema: { tags: ['home'], response: { 200: HomeCards } } }, async (req) => {
    const lists = await Promise.all(modules.map((m) => m.manifest.homeCards?.(m.services, req.ctx) ?? []));
    return { cards: lists.flat() };
  });
  app.get('/api/home/phone', { config: { access: 'signed-in' }, schema: { tags: ['home'], response: { 200: PhoneHome } } }, async (req) => {
    const lists = await Promise.all(modules.map((m) => m.manifest.phoneHome?.(m.services, req.ctx) ?? []));
    return { entries: lists.flat() };
  });
};
