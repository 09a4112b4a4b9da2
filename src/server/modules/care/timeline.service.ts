import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AddNoteBody, Timeline } from '../../../contracts/care-timeline';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import type { PeopleService } from '../../core/people/people.service';
import * as bRepo from './beneficiaries.repository';
import { mergeTimeline, type TimelineEntry } from './domain/timeline';
import { changeEntry } from './domain/timeline-text';
import type { TimelineSource } from './timeline.repository';
import * as repo from './timeline.repository';

/** the care record's own sources; deliveries and visits add theirs when the module is put together */
export const OWN_SOURCES: TimelineSource[] = [repo.callTimeline, repo.needTimeline, repo.changeTimeline, repo.noteTimeline];

/**
 * 生活动态: everything that happened around one beneficiary, merged at read time from its
 * sources (calls, needs, changes of the record, notes, and any source added to the list).
 * The beneficiary is found in the actor's scope before any source runs.
 */
export class TimelineService {
  constructor(
    private readonly core: Core,
    private readonly people: PeopleService,
    private readonly sources: readonly TimelineSource[] = OWN_SOURCES,
  ) {}

  async of(ctx: RequestContext, beneficiaryId: string): Promise<Timeline> {
    const actor = requireActor(ctx);
    const row = await bRepo.beneficiaryInScope(this.core.db, scopeFor(actor, 'care:read'), beneficiaryId);
    if (!row) throw notFound('优抚对象');
    const db = this.core.db;
    const [person, ...parts] = await Promise.all([
      this.people.get(ctx, row.person_id, this.core.db, 'care:read'),
      ...this.sources.map((s) => s(db, beneficiaryId)),
    ]);
    // changes of address and phones live in core's contact history of the person (phones masked there)
    const contact: TimelineEntry[] = person.contactHistory.map((h) =>
      changeEntry({ id: h.id, at: h.changedAt, field: h.field, before: h.before, after: h.after, by: h.changedBy }),
    );
    return { beneficiaryId, entries: mergeTimeline([...parts, contact]) };
  }

  /** a staff member's note on the timeline; a repeated submission (same client key) adds it once */
  async addNote(ctx: RequestContext, beneficiaryId: string, input: z.output<typeof AddNoteBody>): Promise<Timeline> {
    const actor = requireActor(ctx);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await bRepo.beneficiaryInScope(trx, scopeFor(actor, 'care:manage'), beneficiaryId);
      if (!row) throw notFound('优抚对象');
      const earlier = await repo.noteByClientKey(trx, input.clientKey);
      if (earlier) {
        if (earlier.beneficiary_id !== beneficiaryId) throw conflict('提交编号重复，请刷新后重试');
        return;
      }
      const id = uuidv7();
      await repo.insertNote(trx, {
        id,
        subdistrict_id: row.subdistrict_id,
        neighborhood_id: row.neighborhood_id,
        beneficiary_id: beneficiaryId,
        client_key: input.clientKey,
        text: input.text,
        by_account_id: actor.accountId,
        created_at: nowIso(),
      });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'care.note_add',
        targetType: 'care_beneficiary',
        targetId: beneficiaryId,
        detail: { noteId: id, length: input.text.length },
      });
    });
    return this.of(ctx, beneficiaryId);
  }
}
