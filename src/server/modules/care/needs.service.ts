import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { CreateNeedBody, NeedExportQuery, NeedQuery } from '../../../contracts/care';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { lookupHash } from '../../core/crypto/fields';
import { conflict, invalid, notFound } from '../../core/errors';
import { type ExportDownload, keysetPages, openExport } from '../../core/excel/export';
import { personSearch } from '../../core/people/person-search';
import { displayTime } from '../../core/time';
import * as bRepo from './beneficiaries.repository';
import { presentNeed, presentTodo } from './care.presenter';
import { NEED_ITEMS } from './domain/catalogue';
import { canMove, NEED_STATUS_LABEL, type NeedStatus, OPEN_STATUSES } from './domain/needs';
import * as repo from './needs.repository';
import { isUrgent, notifyUrgentNeeds, urgentFacts } from './urgent';

type NeedFilterInput = z.output<typeof NeedExportQuery>;

const URGENCY_LABEL: Record<string, string> = { normal: '一般', urgent: '紧急', critical: '特急' };

export class NeedsService {
  constructor(readonly core: Core) {}

  private filter(q: NeedFilterInput): repo.NeedFilter {
    return {
      status: q.status,
      statuses: q.open === 'true' ? OPEN_STATUSES : undefined,
      item: q.item,
      neighborhoodId: q.neighborhoodId,
      ...(q.q && { search: { terms: personSearch(q.q, (v) => lookupHash(this.core.keys.lookup, v)), ilike: this.core.dialect.ilike } }),
    };
  }

  async list(ctx: RequestContext, q: z.output<typeof NeedQuery>) {
    const scope = scopeFor(requireActor(ctx), 'care:read');
    const { rows, total } = await repo.listNeeds(this.core.db, scope, this.filter(q), {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(presentNeed), total };
  }

  /** 防疫需求清单: open needs by item and neighborhood — what to procure and where. */
  async summary(ctx: RequestContext) {
    const scope = scopeFor(requireActor(ctx), 'care:read');
    const rows = await repo.needsSummary(this.core.db, scope, OPEN_STATUSES);
    const order = (code: string) => NEED_ITEMS.findIndex((i) => i.code === code);
    return rows
      .sort((a, b) => order(a.item) - order(b.item) || a.sort - b.sort)
      .map((r) => {
        const meta = NEED_ITEMS[order(r.item)] ?? { label: r.item, unit: '' };
        return {
          item: r.item as (typeof NEED_ITEMS)[number]['code'],
          label: meta.label,
          unit: meta.unit,
          neighborhoodId: r.neighborhood_id,
          neighborhoodName: r.neighborhood_name,
          quantity: r.quantity,
          people: r.people,
          urgent: r.urgent,
        };
      });
  }

  async create(ctx: RequestContext, input: z.output<typeof CreateNeedBody>) {
    const actor = requireActor(ctx);
    const b = await bRepo.beneficiaryInScope(this.core.db, scopeFor(actor, 'care:manage'), input.beneficiaryId);
    if (!b) throw invalid('优抚对象不存在或不在您的管辖范围内', [{ path: 'beneficiaryId', message: '优抚对象不存在或不在您的管辖范围内' }]);
    const now = nowIso();
    const id = uuidv7();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.insertNeeds(
        trx,
        [
          {
            id,
            subdistrict_id: b.subdistrict_id,
            neighborhood_id: b.neighborhood_id,
            beneficiary_id: b.id,
            call_id: null,
            item: input.item,
            quantity: input.quantity,
            urgency: input.urgency,
            note: input.note || null,
            status: 'registered',
            created_by: actor.accountId,
            created_at: now,
            updated_at: now,
          },
        ],
        [
          {
            id: uuidv7(),
            subdistrict_id: b.subdistrict_id,
            need_id: id,
            from_status: null,
            to_status: 'registered',
            note: '直接登记',
            by_account_id: actor.accountId,
            at: now,
          },
        ],
      );
      await notifyUrgentNeeds(
        this.core,
        trx,
        urgentFacts(b, [{ id, item: input.item, quantity: input.quantity, urgency: input.urgency, note: input.note || null }]),
        actor.accountId,
      );
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.need_create',
        targetType: 'care_need',
        targetId: id,
        detail: { after: { item: input.item, quantity: input.quantity } },
      });
    });
    if (isUrgent(input.urgency)) this.core.notify.wake();
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.needInScope(this.core.db, scopeFor(requireActor(ctx), 'care:read'), id);
    if (!row) throw notFound('需求');
    return presentNeed(row);
  }

  async move(ctx: RequestContext, id: string, to: NeedStatus, note?: string | null) {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.needInScope(trx, scopeFor(actor, 'care:manage'), id);
      if (!row) throw notFound('需求');
      const from = row.status as NeedStatus;
      if (!canMove(from, to)) throw conflict(`需求状态不能从「${NEED_STATUS_LABEL[from]}」改为「${NEED_STATUS_LABEL[to]}」`);
      const at = nowIso();
      const ok = await repo.moveNeed(trx, id, from, to, {
        id: uuidv7(),
        subdistrict_id: row.subdistrict_id,
        need_id: id,
        from_status: from,
        to_status: to,
        note: note || null,
        by_account_id: actor.accountId,
        at,
      });
      if (!ok) throw conflict('该需求刚被他人更新，请刷新后重试');
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.need_status',
        targetType: 'care_need',
        targetId: id,
        detail: { before: { status: from }, after: { status: to } },
      });
    });
    return this.get(ctx, id);
  }

  /** The needs list as .xlsx through the core export kit: streamed page by page, audited; times in Beijing time. */
  async exportList(ctx: RequestContext, q: NeedFilterInput): Promise<ExportDownload> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'care:read');
    const f = this.filter(q);
    const db = this.core.db;
    const total = await repo.countNeeds(db, scope, f);
    const nb = q.neighborhoodId
      ? (await bRepo.neighborhoodNames(db, actor.subdistrictId)).find((n) => n.id === q.neighborhoodId)
      : undefined;
    const rows = (async function* () {
      for await (const r of keysetPages<repo.NeedPageRow>((after, limit) => repo.needsAfter(db, scope, f, after, limit))) {
        yield {
          neighborhood: r.neighborhood_name,
          name: r.name,
          item: NEED_ITEMS.find((i) => i.code === r.item)?.label ?? r.item,
          quantity: r.quantity,
          urgency: URGENCY_LABEL[r.urgency] ?? r.urgency,
          status: NEED_STATUS_LABEL[r.status as NeedStatus],
          note: r.note,
          at: displayTime(r.created_at),
        };
      }
    })();
    return openExport(
      this.core,
      ctx,
      {
        title: '防疫需求清单',
        filters: [
          q.open === 'true' ? '未完成' : '',
          q.status ? `状态：${NEED_STATUS_LABEL[q.status]}` : '',
          q.item ? `物资：${NEED_ITEMS.find((i) => i.code === q.item)?.label}` : '',
          q.neighborhoodId ? `居民区：${nb?.name ?? '（无）'}` : '',
          q.q ? `姓名：${q.q}` : '',
        ]
          .filter(Boolean)
          .join('；'),
        columns: [
          { header: '居民区', key: 'neighborhood', width: 10 },
          { header: '姓名', key: 'name', width: 10 },
          { header: '需求', key: 'item', width: 12 },
          { header: '数量', key: 'quantity', width: 8 },
          { header: '紧急程度', key: 'urgency', width: 10 },
          { header: '状态', key: 'status', width: 10 },
          { header: '说明', key: 'note', width: 30 },
          { header: '登记时间（北京时间）', key: 'at', width: 20 },
        ],
        rows,
      },
      { action: 'care.needs_export', targetType: 'care_need', detail: { filters: q, rows: total } },
    );
  }

  async todos(ctx: RequestContext, status: 'open' | 'done' | undefined) {
    const rows = await repo.listTodos(this.core.db, scopeFor(requireActor(ctx), 'care:read'), { status });
    return rows.map(presentTodo);
  }

  async closeTodo(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const ok = await repo.closeTodo(trx, scopeFor(actor, 'care:manage'), id, actor.accountId, nowIso());
      if (!ok) throw notFound('待办');
      await this.core.audit.record(trx, auditActor(ctx), { action: 'care.todo_done', targetType: 'care_todo', targetId: id });
    });
  }
}
