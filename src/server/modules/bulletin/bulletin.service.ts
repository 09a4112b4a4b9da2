import { uuidv7 } from 'uuidv7';
import type { Bulletin, BulletinFigure, BulletinSummary } from '../../../contracts/bulletin';
import type { HistoryAction } from '../../../contracts/bulletin.vocab';
import { BULLETIN_STATUS_LABELS, type BulletinStatus } from '../../../contracts/bulletin.vocab';
import { scopeCovers, scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, invalidField, notFound } from '../../core/errors';
import type { FiguresService } from '../../core/figures/figures.service';
import type { Executor } from '../../db/index';
import * as repo from './bulletin.repository';
import { sanitizeHtml } from './domain/sanitize';
import { draftSections } from './domain/templates';

function summary(r: repo.BulletinRow): BulletinSummary {
  const [y, m] = r.month.split('-');
  return {
    id: r.id,
    month: r.month,
    org: { id: r.org_id, name: r.org_name },
    title: r.title,
    issueNo: `${y}年第${Number(m)}期`,
    status: r.status as BulletinStatus,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    approvedBy: r.approved_by_name,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
  };
}

/**
 * The monthly bulletin (工作简报): drafted from every module's figures through core's
 * FiguresService, edited by staff (each change kept in its history), approved, published.
 */
export class BulletinService {
  constructor(
    readonly core: Core,
    private readonly figures: FiguresService,
  ) {}

  private scope(ctx: RequestContext, permission: 'bulletin:read' | 'bulletin:manage') {
    return scopeFor(requireActor(ctx), permission);
  }

  private async row(ctx: RequestContext, id: string, permission: 'bulletin:read' | 'bulletin:manage', db: Executor = this.core.db) {
    const row = await repo.find(db, this.scope(ctx, permission), id);
    if (!row) throw notFound('简报');
    return row;
  }

  private async full(db: Executor, row: repo.BulletinRow): Promise<Bulletin> {
    const secs = await repo.sections(db, row.id);
    return {
      ...summary(row),
      sections: secs.map((s) => ({
        id: s.id,
        module: s.module,
        title: s.title,
        headline: s.headline,
        html: s.html,
        sort: Number(s.sort),
        figures: JSON.parse(s.figures) as BulletinFigure[],
        photos: [],
      })),
    };
  }

  /** the month's photos offered to this bulletin, as the actor may read them (outside any transaction: it reads every module) */
  private offeredFor(ctx: RequestContext, b: { id: string; month: string; org: { id: string } }) {
    return this.figures.photos(ctx, { month: b.month, orgId: b.org.id });
  }

  /**
   * The chosen photos put into their sections — only those still offered: a photo un-marked (or
   * its consent taken back) since it was chosen is left out of the bulletin and every output.
   */
  private async withPhotos(ctx: RequestContext, b: Bulletin): Promise<Bulletin> {
    const chosen = await repo.photos(this.core.db, b.id);
    if (chosen.length === 0) return b;
    const offered = new Map((await this.offeredFor(ctx, b)).map((p) => [p.fileId, p]));
    return {
      ...b,
      sections: b.sections.map((s) => ({
        ...s,
        photos: chosen.flatMap((c) => {
          const o = c.section_id === s.id ? offered.get(c.file_id) : undefined;
          return o
            ? [
                {
                  fileId: c.file_id,
                  caption: c.caption,
                  date: o.date,
                  place: o.place,
                  source: o.source,
                  url: this.photoUrl(b.id, c.file_id),
                },
              ]
            : [];
        }),
      })),
    };
  }

  private photoUrl(bulletinId: string, fileId: string) {
    return `/api/bulletin/bulletins/${bulletinId}/photos/${fileId}`;
  }

  /** the photos staff may pick for this bulletin: the month's, of its place, marked publishable */
  async offered(ctx: RequestContext, id: string) {
    const row = await this.row(ctx, id, 'bulletin:read');
    const photos = await this.offeredFor(ctx, summary(row));
    return photos.map((p) => ({ ...p, url: this.photoUrl(row.id, p.fileId) }));
  }

  /** one photo's content, when it is offered to this bulletin (core checks the offer: publishable, in reach) */
  async photo(ctx: RequestContext, id: string, fileId: string) {
    const row = await this.row(ctx, id, 'bulletin:read');
    return this.figures.openPhoto(ctx, { month: row.month, orgId: row.org_id }, fileId);
  }

  /** the chosen photos' content for the outputs, by file id */
  async images(ctx: RequestContext, b: Bulletin): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const actor = requireActor(ctx);
    for (const p of b.sections.flatMap((s) => s.photos)) {
      const opened = await this.core.files.openContent(p.fileId, actor.subdistrictId);
      if (!opened) continue;
      const parts: Buffer[] = [];
      for await (const chunk of opened.stream) parts.push(chunk as Buffer);
      out.set(p.fileId, Buffer.concat(parts));
    }
    return out;
  }

  /** The photos of a section, with captions: only photos offered to this bulletin and of the section's line of work. */
  async setPhotos(ctx: RequestContext, id: string, body: { sectionId: string; photos: { fileId: string; caption: string }[] }) {
    const first = await this.row(ctx, id, 'bulletin:manage');
    const offered = new Map((await this.offeredFor(ctx, summary(first))).map((p) => [p.fileId, p]));
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await this.row(ctx, id, 'bulletin:manage', trx);
      this.editable(row);
      const section = (await repo.sections(trx, row.id)).find((s) => s.id === body.sectionId);
      if (!section) throw invalidField('sectionId', '该栏目不在这期简报中');
      if (new Set(body.photos.map((p) => p.fileId)).size !== body.photos.length) throw invalidField('photos', '同一张照片只能选一次');
      for (const [i, p] of body.photos.entries()) {
        const o = offered.get(p.fileId);
        if (!o) throw invalidField(`photos.${i}.fileId`, `第 ${i + 1} 张照片未标记可公开或不在本期范围内，不能选用`);
        if (o.module !== section.module)
          throw invalidField(`photos.${i}.fileId`, `第 ${i + 1} 张照片来自「${o.source}」，不属于「${section.title}」栏目`);
      }
      const before = (await repo.photos(trx, row.id)).filter((p) => p.section_id === section.id);
      const now = nowIso();
      await repo.replaceSectionPhotos(
        trx,
        row.id,
        section.id,
        body.photos.map((p, i) => ({
          id: uuidv7(),
          subdistrict_id: row.subdistrict_id,
          bulletin_id: row.id,
          section_id: section.id,
          file_id: p.fileId,
          caption: p.caption,
          sort: i + 1,
          chosen_by_name: actor.displayName,
          chosen_at: now,
        })),
      );
      await this.history(trx, ctx, row, 'photos', {
        section_id: section.id,
        before: JSON.stringify(before.map((p) => ({ fileId: p.file_id, caption: p.caption }))),
        after: JSON.stringify(body.photos),
      });
      await repo.touch(trx, row.id, now);
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'bulletin.photos',
        targetType: 'bulletin',
        targetId: row.id,
        detail: { section: section.title, photos: body.photos.map((p) => p.fileId) },
      });
    });
    return this.get(ctx, id);
  }

  private history(db: Executor, ctx: RequestContext, row: repo.BulletinRow, action: HistoryAction, extra: Partial<repo.HistoryRow> = {}) {
    const actor = requireActor(ctx);
    return repo.insertHistory(db, {
      id: uuidv7(),
      subdistrict_id: row.subdistrict_id,
      bulletin_id: row.id,
      section_id: null,
      before: null,
      after: null,
      by_account_id: actor.accountId,
      by_name: actor.displayName,
      at: nowIso(),
      action,
      ...extra,
    });
  }

  async list(ctx: RequestContext, month?: string) {
    return (await repo.list(this.core.db, this.scope(ctx, 'bulletin:read'), month)).map(summary);
  }

  async get(ctx: RequestContext, id: string) {
    return this.withPhotos(ctx, await this.full(this.core.db, await this.row(ctx, id, 'bulletin:read')));
  }

  async historyOf(ctx: RequestContext, id: string) {
    const row = await this.row(ctx, id, 'bulletin:read');
    return (await repo.history(this.core.db, row.id)).map((h) => ({
      id: h.id,
      action: h.action as HistoryAction,
      sectionId: h.section_id,
      before: h.before,
      after: h.after,
      by: h.by_name,
      at: h.at,
    }));
  }

  /** a draft for a month and an audience, written from the figures the actor may read */
  async draft(ctx: RequestContext, body: { month: string; orgId?: string; title?: string }): Promise<Bulletin> {
    const actor = requireActor(ctx);
    const set = await this.figures.figures(ctx, { month: body.month, orgId: body.orgId });
    const neighborhoodId = set.org.kind === 'neighborhood' ? set.org.id : null;
    const manage = this.scope(ctx, 'bulletin:manage');
    const may = neighborhoodId
      ? scopeCovers(manage, actor.subdistrictId, neighborhoodId)
      : manage.subdistrictIds.includes(actor.subdistrictId);
    if (!may) {
      throw invalidField('orgId', '您不能为该范围编写简报');
    }
    const drafted = draftSections(set.figures);
    if (drafted.length === 0) throw invalidField('month', `${set.org.name}在 ${body.month} 没有可写入简报的统计数据`);
    const now = nowIso();
    const row: repo.BulletinRow = {
      id: uuidv7(),
      subdistrict_id: actor.subdistrictId,
      neighborhood_id: neighborhoodId,
      org_id: set.org.id,
      org_name: set.org.name,
      month: body.month,
      title: body.title ?? `${set.org.name}工作简报`,
      status: 'draft',
      created_by: actor.accountId,
      created_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
      approved_by_name: null,
      approved_at: null,
      published_at: null,
    };
    const secs: repo.SectionRow[] = drafted.map((s, i) => ({
      id: uuidv7(),
      subdistrict_id: actor.subdistrictId,
      bulletin_id: row.id,
      module: s.module,
      title: s.title,
      headline: s.headline,
      html: s.html,
      sort: i + 1,
      figures: JSON.stringify(s.figures),
    }));
    return this.core.db.transaction().execute(async (trx) => {
      await repo.insertBulletin(trx, row, secs);
      await this.history(trx, ctx, row, 'draft');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'bulletin.draft',
        targetType: 'bulletin',
        targetId: row.id,
        detail: { month: row.month, org: row.org_name, sections: secs.length },
      });
      return this.full(trx, row);
    });
  }

  private editable(row: repo.BulletinRow) {
    if (row.status !== 'draft') {
      throw conflict(`简报已是「${BULLETIN_STATUS_LABELS[row.status as BulletinStatus]}」状态，请先退回修改再编辑`);
    }
  }

  async editSection(ctx: RequestContext, id: string, body: { sectionId: string; headline: string; html: string }) {
    return this.withPhotos(ctx, await this.editSectionIn(ctx, id, body));
  }

  private async editSectionIn(ctx: RequestContext, id: string, body: { sectionId: string; headline: string; html: string }) {
    return this.core.db.transaction().execute(async (trx) => {
      const row = await this.row(ctx, id, 'bulletin:manage', trx);
      this.editable(row);
      const before = (await repo.sections(trx, row.id)).find((s) => s.id === body.sectionId);
      if (!before) throw invalidField('sectionId', '该栏目不在这期简报中');
      const html = sanitizeHtml(body.html);
      if (before.headline === body.headline && before.html === html) return this.full(trx, row);
      await repo.updateSection(trx, row.id, before.id, body.headline, html);
      await this.history(trx, ctx, row, 'edit', {
        section_id: before.id,
        before: JSON.stringify({ headline: before.headline, html: before.html }),
        after: JSON.stringify({ headline: body.headline, html }),
      });
      await repo.touch(trx, row.id, nowIso());
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'bulletin.edit',
        targetType: 'bulletin',
        targetId: row.id,
        detail: { section: before.title },
      });
      return this.full(trx, row);
    });
  }

  async reorder(ctx: RequestContext, id: string, sectionIds: string[]) {
    return this.withPhotos(ctx, await this.reorderIn(ctx, id, sectionIds));
  }

  private async reorderIn(ctx: RequestContext, id: string, sectionIds: string[]) {
    return this.core.db.transaction().execute(async (trx) => {
      const row = await this.row(ctx, id, 'bulletin:manage', trx);
      this.editable(row);
      const secs = await repo.sections(trx, row.id);
      const known = new Set(secs.map((s) => s.id));
      if (sectionIds.length !== secs.length || new Set(sectionIds).size !== secs.length || !sectionIds.every((s) => known.has(s))) {
        throw invalidField('sectionIds', '栏目顺序须包含这期简报的每个栏目各一次');
      }
      for (const [i, sid] of sectionIds.entries()) await repo.setSort(trx, row.id, sid, i + 1);
      const titles = (ids: string[]) => ids.map((sid) => secs.find((s) => s.id === sid)?.title).join('、');
      await this.history(trx, ctx, row, 'reorder', { before: titles(secs.map((s) => s.id)), after: titles(sectionIds) });
      await repo.touch(trx, row.id, nowIso());
      await this.core.audit.record(trx, auditActor(ctx), { action: 'bulletin.reorder', targetType: 'bulletin', targetId: row.id });
      return this.full(trx, row);
    });
  }

  private async move(ctx: RequestContext, id: string, from: BulletinStatus, to: BulletinStatus, action: HistoryAction) {
    return this.core.db.transaction().execute(async (trx) => {
      const row = await this.row(ctx, id, 'bulletin:manage', trx);
      // a repeated click on a step already taken answers with the bulletin as it is
      if (row.status === to) return { bulletin: await this.full(trx, row), moved: false };
      if (row.status !== from) {
        throw conflict(
          `简报当前为「${BULLETIN_STATUS_LABELS[row.status as BulletinStatus]}」，不能${action === 'publish' ? '发布' : action === 'approve' ? '审核' : '退回'}`,
        );
      }
      const now = nowIso();
      const actor = requireActor(ctx);
      const set: Partial<repo.BulletinRow> & { status: string; updated_at: string } = { status: to, updated_at: now };
      if (to === 'approved') Object.assign(set, { approved_by_name: actor.displayName, approved_at: now });
      if (to === 'draft') Object.assign(set, { approved_by_name: null, approved_at: null });
      if (to === 'published') set.published_at = now;
      if (!(await repo.moveStatus(trx, row.id, from, set))) throw conflict('该简报刚被他人更新，请刷新后重试');
      await this.history(trx, ctx, row, action, { before: from, after: to });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: `bulletin.${action}`,
        targetType: 'bulletin',
        targetId: row.id,
        detail: { before: { status: from }, after: { status: to } },
      });
      const moved = { ...row, ...set } as repo.BulletinRow;
      return { bulletin: await this.full(trx, moved), moved: true, row: moved, trx };
    });
  }

  async approve(ctx: RequestContext, id: string) {
    return this.withPhotos(ctx, (await this.move(ctx, id, 'draft', 'approved', 'approve')).bulletin);
  }

  async reopen(ctx: RequestContext, id: string) {
    return this.withPhotos(ctx, (await this.move(ctx, id, 'approved', 'draft', 'reopen')).bulletin);
  }

  /** publishes an approved bulletin: its link goes to the group robots and to the inboxes of who drafted and approved it */
  async publish(ctx: RequestContext, id: string, robots: { channel: 'wecom' | 'dingtalk'; webhook: string }[], baseUrl: string) {
    const actor = requireActor(ctx);
    const sent = { robots: 0, inbox: 0 };
    const result = await this.core.db.transaction().execute(async (trx) => {
      const row = await this.row(ctx, id, 'bulletin:manage', trx);
      if (row.status === 'published') return this.full(trx, row);
      if (row.status !== 'approved') throw conflict('简报须先审核通过才能发布');
      const now = nowIso();
      if (!(await repo.moveStatus(trx, row.id, 'approved', { status: 'published', published_at: now, updated_at: now }))) {
        throw conflict('该简报刚被他人更新，请刷新后重试');
      }
      await this.history(trx, ctx, row, 'publish', { before: 'approved', after: 'published' });
      const link = `${baseUrl}/bulletin/${row.id}`;
      const variables = { title: row.title, issue: summary(row).issueNo, org: row.org_name, link };
      const source = { module: 'bulletin', type: 'bulletin', id: row.id };
      for (const robot of robots) {
        await this.core.notify.enqueue(trx, {
          subdistrictId: row.subdistrict_id,
          to: robot,
          subject: row.title,
          template: '**{title}**（{issue}）已发布\n{org}\n[阅读全文]({link})',
          variables,
          format: 'markdown',
          source,
          createdBy: actor.accountId,
        });
        sent.robots += 1;
      }
      const approver = (await repo.history(trx, row.id)).filter((h) => h.action === 'approve').map((h) => h.by_account_id);
      for (const accountId of new Set([row.created_by, ...approver])) {
        await this.core.notify.enqueue(trx, {
          subdistrictId: row.subdistrict_id,
          neighborhoodId: row.neighborhood_id,
          to: { channel: 'inapp', accountId },
          subject: `${row.title}（${variables.issue}）已发布`,
          template: '{org}{issue}工作简报已发布，可下载 PDF、Word 和公众号版本。',
          variables,
          link: `/bulletin/${row.id}`,
          source,
          createdBy: actor.accountId,
        });
        sent.inbox += 1;
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'bulletin.publish',
        targetType: 'bulletin',
        targetId: row.id,
        detail: { after: { status: 'published', ...sent } },
      });
      return this.full(trx, { ...row, status: 'published', published_at: now, updated_at: now });
    });
    if (sent.robots + sent.inbox > 0) this.core.notify.wake();
    return { bulletin: await this.withPhotos(ctx, result), sent };
  }

  /** records a download in the audit log (the bulletin holds no personal data, but who took it out is kept) */
  async downloaded(ctx: RequestContext, id: string, format: string) {
    await this.core.audit.record(this.core.db, auditActor(ctx), {
      action: 'bulletin.download',
      targetType: 'bulletin',
      targetId: id,
      detail: { format },
    });
  }
}
