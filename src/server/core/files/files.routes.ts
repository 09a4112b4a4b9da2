import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import type { FileKind } from '../../../contracts/files';
import { disposition } from './files.domain';
import type { FilesService } from './files.service';

export const filesRoutes: FastifyPluginAsyncZod<{ files: FilesService }> = async (app, { files }) => {
  // signed-in: who may see a file is decided by the record it belongs to (its owner check)
  app.get('/api/files/:id', { config: { access: 'signed-in' }, schema: { tags: ['files'], params: IdParams } }, async (req, reply) => {
    const { file, stream } = await files.open(req.ctx, req.params.id);
    return reply
      .header('content-type', file.mime)
      .header('content-length', file.size)
      .header('content-disposition', disposition(file.kind as FileKind, file.original_name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${file.sha256}"`)
      .send(stream);
  });
};
