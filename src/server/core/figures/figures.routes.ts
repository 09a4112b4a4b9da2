import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FigureQuery, FigureRecords, FigureRecordsQuery, FigureSet, Trend, TrendQuery } from '../../../contracts/figures';
import type { FiguresService } from './figures.service';

const tags = ['figures'];

/** Every module's figures for a month and a place; each figure is filtered by what the actor may read. */
export const figuresRoutes: FastifyPluginAsyncZod<{ figures: FiguresService }> = async (app, { figures }) => {
  app.get(
    '/api/figures',
    { config: { access: 'signed-in' }, schema: { tags, querystring: FigureQuery, response: { 200: FigureSet } } },
    (req) => figures.figures(req.ctx, req.query),
  );
  app.get(
    '/api/figures/records',
    { config: { access: 'signed-in' }, schema: { tags, querystring: FigureRecordsQuery, response: { 200: FigureRecords } } },
    (req) => figures.records(req.ctx, req.query),
  );
  app.get(
    '/api/figures/trend',
    { config: { access: 'signed-in' }, schema: { tags, querystring: TrendQuery, response: { 200: Trend } } },
    (req) => figures.trend(req.ctx, { ...req.query, keys: req.query.keys.split(',') }),
  );
};
