import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ok } from '../../../contracts/common';
import { ImportKindList, ImportParams, ImportPreview } from '../../../contracts/imports';
import { invalid } from '../errors';
import { type ImportService, uploadBroken } from './imports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const attachment = (fileName: string) => `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/**
 * Routes per registered kind, each guarded by the kind's own permission, so the access
 * walker sees them like any other route. Kinds must be registered before this plugin runs.
 */
export const importRoutes: FastifyPluginAsyncZod<{ imports: ImportService }> = async (app, { imports }) => {
  imports.registry.freeze();

  app.get(
    '/api/imports',
    { config: { access: 'signed-in' }, schema: { tags: ['imports'], response: { 200: ImportKindList } } },
    async (req) => imports.kinds(req.ctx),
  );

  for (const kind of imports.registry.list()) {
    const base = `/api/imports/${kind.kind}`;
    const access = kind.permission;
    const tags = ['imports'];

    app.get(`${base}/template`, { config: { access }, schema: { tags } }, async (req, reply) => {
      const t = await imports.template(req.ctx, kind.kind);
      return reply.type(XLSX).header('content-disposition', attachment(t.fileName)).send(t.body);
    });

    app.post(base, { config: { access }, schema: { tags, response: { 200: ImportPreview } } }, async (req) => {
      if (!req.isMultipart()) throw invalid('请选择要上传的文件（.xlsx 或 .csv）', [{ path: 'file', message: '请选择文件' }]);
      // a body cut off before the file part even began fails here
      const file = await req.file().catch(() => {
        throw uploadBroken();
      });
      if (!file) throw invalid('请选择要上传的文件（.xlsx 或 .csv）', [{ path: 'file', message: '请选择文件' }]);
      return imports.upload(req.ctx, kind.kind, { filename: file.filename, file: file.file });
    });

    app.get(`${base}/:id`, { config: { access }, schema: { tags, params: ImportParams, response: { 200: ImportPreview } } }, async (req) =>
      imports.preview(req.ctx, kind.kind, req.params.id),
    );

    app.post(
      `${base}/:id/commit`,
      { config: { access }, schema: { tags, params: ImportParams, response: { 200: ImportPreview } } },
      async (req) => imports.commit(req.ctx, kind.kind, req.params.id),
    );

    app.delete(`${base}/:id`, { config: { access }, schema: { tags, params: ImportParams, response: { 200: Ok } } }, async (req) => {
      await imports.discard(req.ctx, kind.kind, req.params.id);
      return { ok: true as const };
    });
  }
};
