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

/**
 * The chain's end, signed: deleting the newest entries and setting the head back to an earlier row
 * would otherwise leave a shorter chain that checks out.
 */
export function headMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['audit_head', seq, hash]))
    .digest('hex');
}

function anchorMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['audit_anchor', seq, hash]))
    .digest('hex');
}

/** where a chain born with signed heads starts (a chain from before starts at GENESIS) */
export function signedGenesis(key: Buffer): string {
  return createHmac('sha256', key).update('audit_head genesis').digest('hex');
}

/** written once, when a database from before signed heads first starts: from then on the head must be signed */
export const HEAD_SIGNED = 'audit.head_signed';

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
    await trx
      .updateTable('audit_head')
      .set({ seq: row.seq, hash, mac: headMac(this.key, row.seq, hash) })
      .where('id', '=', 'chain')
      .execute();
  }

  /**
   * A database from before signed heads: its head is signed now, with an entry saying so. Only
   * once: a head found unsigned after that entry is a tampered one, and stays so for verify.
   */
  async signHead(): Promise<void> {
    const head = await this.db.selectFrom('audit_head').select(['seq', 'mac']).where('id', '=', 'chain').executeTakeFirst();
    if (!head || head.mac) return;
    if (head.seq === 0) {
      // a new chain is born signed: its first entry will point back to a keyed genesis, so a head
      // found unsigned later cannot pass for one of before signed heads
      const genesis = signedGenesis(this.key);
      await this.db
        .updateTable('audit_head')
        .set({ hash: genesis, mac: headMac(this.key, 0, genesis) })
        .where('id', '=', 'chain')
        .where('seq', '=', 0)
        .execute();
      return;
    }
    const signedBefore = await this.db.selectFrom('audit_log').select('seq').where('action', '=', HEAD_SIGNED).executeTakeFirst();
    if (signedBefore) return;
    await this.record(
      this.db,
      { actorId: null, actorName: 'linli', role: null, subdistrictId: null, ip: null, requestId: null },
      { action: HEAD_SIGNED, detail: { from: head.seq } },
    );
  }

  /**
   * Removes the entries older than `before` (the retention period), keeping the chain checkable:
   * it goes on from the last removed entry, whose seq and hash are kept signed, and the pruning
   * itself is an entry. Returns how many were removed.
   */
  async prune(before: Date): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const head = await this.dialect
        .forUpdate(trx.selectFrom('audit_head').select(['seq', 'pruned_seq']).where('id', '=', 'chain'))
        .executeTakeFirstOrThrow();
      // never the newest entry: the head must keep pointing at a row
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('at', '<', before.toISOString())
        .where('seq', '<', head.seq)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) return 0;
      const removed = await trx.deleteFrom('audit_log').where('seq', '<=', last.seq).executeTakeFirst();
      await trx
        .updateTable('audit_head')
        .set({ pruned_seq: last.seq, pruned_hash: last.hash, pruned_mac: anchorMac(this.key, last.seq, last.hash) })
        .where('id', '=', 'chain')
        .execute();
      const count = Number(removed.numDeletedRows);
      await this.append(
        trx,
        { actorId: null, actorName: 'linli', role: null, subdistrictId: null, ip: null, requestId: null },
        { action: 'audit.pruned', detail: { through: last.seq, count, before: before.toISOString() } },
      );
      return count;
    });
  }

  /** Walks the chain in order; reports the first entry altered, removed or re-ordered. */
  async verify(): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null }> {
    const born = signedGenesis(this.key);
    let bornSigned = false;
    let prev = GENESIS;
    let expectedSeq = 1;
    let checked = 0;
    const anchor = await this.db.selectFrom('audit_head').select(['pruned_seq', 'pruned_hash', 'pruned_mac']).executeTakeFirst();
    const pruned = !!anchor && anchor.pruned_seq > 0;
    if (pruned) {
      if (!anchor.pruned_hash || anchor.pruned_mac !== anchorMac(this.key, anchor.pruned_seq, anchor.pruned_hash)) {
        return {
          ok: false,
          checked,
          firstBrokenSeq: anchor.pruned_seq,
          reason: `链首签名不符：第 ${anchor.pruned_seq} 条及之前的记录可能已被删除`,
        };
      }
      prev = anchor.pruned_hash;
      expectedSeq = anchor.pruned_seq + 1;
    }
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
        if (row.seq === 1 && row.prev_hash === born) {
          bornSigned = true;
          prev = born;
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
    const head = await this.db.selectFrom('audit_head').select(['seq', 'hash', 'mac']).executeTakeFirst();
    if (checked === 0 && head?.hash === born) prev = born;
    if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
      return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: `链尾缺少记录（应有 ${head.seq} 条）` };
    }
    // a pruned chain was signed before it was pruned (the entry saying so may be pruned itself)
    const signed = head?.mac
      ? head.mac === headMac(this.key, head.seq, head.hash)
      : !pruned && (checked === 0 || !(bornSigned || (await this.everSigned())));
    if (!signed) {
      return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: `链尾签名不符：第 ${expectedSeq - 1} 条之后的记录可能已被删除` };
    }
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }

  private async everSigned(): Promise<boolean> {
    return !!(await this.db.selectFrom('audit_log').select('seq').where('action', '=', HEAD_SIGNED).executeTakeFirst());
  }
}
