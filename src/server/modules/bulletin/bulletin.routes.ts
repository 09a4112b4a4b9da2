import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Bulletin,
  BulletinList,
  DraftBody,
  EditSectionBody,
  HistoryList,
  OfferedPhotos,
  PublishBody,
  PublishResult,
  ReorderBody,
  SectionPhotosBody,
  WechatHtml,
} from '../../../contracts/bulletin';
import { IdParams } from '../../../contracts/common';
import { attachment } from '../../http/download';
import { DOCX, PDF, renderDocx, renderPdf } from './bulletin.output';
import type { BulletinService } from './bulletin.service';
import { wechatHtml } from './domain/render';

const tags = ['bulletin'];
const ListQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
});

/** 工作简报: list, draft from the figures, edit, reorder, approve, publish, and the three outputs. */
export const bulletinRoutes: FastifyPluginAsyncZod<{ bulletins: BulletinService; publicUrl?: string }> = async (
  app,
  { bulletins, publicUrl },
) => {
  app.get(
    '/api/bulletin/bulletins',
    { config: { access: 'bulletin:read' }, schema: { tags, querystring: ListQuery, response: { 200: BulletinList } } },
    async (req) => ({ bulletins: await bulletins.list(req.ctx, req.query.month) }),
  );
  app.post(
    '/api/bulletin/bulletins',
    { config: { access: 'bulletin:manage' }, schema: { tags, body: DraftBody, response: { 200: Bulletin } } },
    (req) => bulletins.draft(req.ctx, req.body),
  );
  app.get(
    '/api/bulletin/bulletins/:id',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams, response: { 200: Bulletin } } },
    (req) => bulletins.get(req.ctx, req.params.id),
  );
  app.get(
    '/api/bulletin/bulletins/:id/history',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams, response: { 200: HistoryList } } },
    async (req) => ({ history: await bulletins.historyOf(req.ctx, req.params.id) }),
  );
  app.put(
    '/api/bulletin/bulletins/:id/section',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, body: EditSectionBody, response: { 200: Bulletin } } },
    (req) => bulletins.editSection(req.ctx, req.params.id, req.body),
  );
  app.put(
    '/api/bulletin/bulletins/:id/order',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, body: ReorderBody, response: { 200: Bulletin } } },
    (req) => bulletins.reorder(req.ctx, req.params.id, req.body.sectionIds),
  );
  app.get(
    '/api/bulletin/bulletins/:id/photos',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams, response: { 200: OfferedPhotos } } },
    async (req) => ({ photos: await bulletins.offered(req.ctx, req.params.id) }),
  );
  app.put(
    '/api/bulletin/bulletins/:id/photos',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, body: SectionPhotosBody, response: { 200: Bulletin } } },
    (req) => bulletins.setPhotos(req.ctx, req.params.id, req.body),
  );
  // an offered photo's image, through core files' blob store; core checks the offer (publishable, in the reader's reach)
  app.get(
    '/api/bulletin/bulletins/:id/photos/:fileId',
    { config: { access: 'bulletin:read' }, schema: { tags, params: z.object({ id: z.string(), fileId: z.string() }) } },
    async (req, reply) => {
      const { file, stream } = await bulletins.photo(req.ctx, req.params.id, req.params.fileId);
      return reply
        .header('content-type', file.mime)
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
  app.post(
    '/api/bulletin/bulletins/:id/approve',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, response: { 200: Bulletin } } },
    (req) => bulletins.approve(req.ctx, req.params.id),
  );
  app.post(
    '/api/bulletin/bulletins/:id/reopen',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, response: { 200: Bulletin } } },
    (req) => bulletins.reopen(req.ctx, req.params.id),
  );
  app.post(
    '/api/bulletin/bulletins/:id/publish',
    { config: { access: 'bulletin:manage' }, schema: { tags, params: IdParams, body: PublishBody, response: { 200: PublishResult } } },
    (req) => bulletins.publish(req.ctx, req.params.id, req.body.robots, publicUrl ?? `${req.protocol}://${req.host}`),
  );
  app.get(
    '/api/bulletin/bulletins/:id/wechat',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams, response: { 200: WechatHtml } } },
    async (req) => {
      const b = await bulletins.get(req.ctx, req.params.id);
      const html = wechatHtml(b, await bulletins.images(req.ctx, b));
      await bulletins.downloaded(req.ctx, b.id, 'wechat');
      return { html };
    },
  );
  app.get(
    '/api/bulletin/bulletins/:id/pdf',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const b = await bulletins.get(req.ctx, req.params.id);
      const pdf = await renderPdf(b, await bulletins.images(req.ctx, b));
      await bulletins.downloaded(req.ctx, b.id, 'pdf');
      return reply
        .header('content-type', PDF)
        .header('content-disposition', attachment(`${b.title}${b.issueNo}.pdf`))
        .send(pdf);
    },
  );
  app.get(
    '/api/bulletin/bulletins/:id/docx',
    { config: { access: 'bulletin:read' }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const b = await bulletins.get(req.ctx, req.params.id);
      const docx = await renderDocx(b, await bulletins.images(req.ctx, b));
      await bulletins.downloaded(req.ctx, b.id, 'docx');
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', attachment(`${b.title}${b.issueNo}.docx`))
        .send(docx);
    },
  );
};
