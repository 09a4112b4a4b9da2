import { createHmac } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { DbDialect } from '../../db/dialect/index';
import type { Db, Executor, Tx } from '../../db/index';
import type { AuditLogTable } from '../../db/schema';

export interface AuditActor {
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  subdistrictId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  result?: 'ok' | 'denied' | 'failed';
  /** before/after and other facts; never the plain value of a sensitive field */
  detail?: Record<string, unknown>;
}

type Hashed = Omit<AuditLogTable, 'hash'>;

export const GENESIS = '0'.repeat(64);

export function entryHash(key: Buffer, row: Hashed): string {
  const fields = [
    row.id,
    row.seq,
    row.subdistrict_id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.role,
    row.ip,
    row.request_id,
    row.action,
    row.target_type,
    row.target_id,
    row.result,
    row.detail,
    row.prev_hash,
  ];
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}

/** Append-only, hash-chained audit log. Written in the caller's transaction: no entry, no change. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly dialect: DbDialect,
    private readonly key: Buffer,
  ) {}

  async record(exec: Executor, who: AuditActor, event: AuditEvent): Promise<void> {
    if (exec.isTransaction) return this.append(exec as Tx, who, event);
    await this.db.transaction().execute((trx) => this.append(trx, who, event));
  }

  private async append(trx: Tx, who: AuditActor, event: AuditEvent): Promise<void> {
    const head = await this.dialect
      .forUpdate(trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 'chain'))
      .executeTakeFirstOrThrow();
    const row: Hashed = {
      id: uuidv7(),
      seq: head.seq + 1,
      subdistrict_id: who.subdistrictId,
      at: new Date().toISOString(),
      actor_id: who.actorId,
      actor_name: who.actorName,
      role: who.role,
      ip: who.ip,
      request_id: who.requestId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      result: event.result ?? 'ok',
      detail: event.detail ? JSON.stringify(event.detail) : null,
      prev_hash: head.hash,
    };
    const hash = entryHash(this.key, row);
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash })
      .execute();
    await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 'chain').execute();
  }

  /** Walks the chain in order; reports the first entry altered, removed or re-ordered. */
  async verify(): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null }> {
    let prev = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    const pageSize = 2000;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        if (row.seq !== expectedSeq) {
          return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: `第 ${expectedSeq} 条记录缺失` };
        }
        if (row.prev_hash !== prev) {
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: `第 ${row.seq} 条记录的前序哈希不符` };
        }
        const { hash, ...rest } = row;
        if (entryHash(this.key, rest) !== hash) {
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: `第 ${row.seq} 条记录内容被改动` };
        }
        prev = hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < pageSize) break;
    }
    const head = await this.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
    if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
      return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: `链尾缺少记录（应有 ${head.seq} 条）` };
    }
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}
