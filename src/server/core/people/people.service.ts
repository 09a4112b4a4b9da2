import { uuidv7 } from 'uuidv7';
import type { Gender, PersonDetail, PersonQuery, RevealField, UpsertOutcome } from '../../../contracts/people';
import type { Permission } from '../../../contracts/permissions';
import type { Executor, Tx } from '../../db/index';
import type { PersonContactHistoryTable, PersonsTable } from '../../db/schema';
import { scopeCovers, scopeFor } from '../access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../context';
import { decryptField, encryptField, lookupHash } from '../crypto/fields';
import { FieldSealer } from '../crypto/sealer';
import { AppError, invalid, notFound } from '../errors';
import { type ExportDownload, openExport } from '../excel/export';
import { type IdNumberResult, parseIdNumber, todayIso } from './id-number';
import { addressPart, formatAddress, namePinyin, normalizeName, parseMobile, parsePhone, phoneTail } from './people.domain';
import { GENDER_LABEL, presentDetail, presentPerson } from './people.presenter';
import * as repo from './people.repository';
import { personSearch } from './person-search';

/**
 * A person as a module hands it over. `undefined` keeps what is stored (an import with an
 * empty phone cell does not erase a phone another import gave); `null` clears it.
 */
export interface PersonInput {
  name: string;
  idNumber: string;
  gender?: Gender | null;
  phone?: string | null;
  altPhone?: string | null;
  neighborhoodId?: string | null;
  road?: string | null;
  lane?: string | null;
  building?: string | null;
  room?: string | null;
}

export type PersonField = keyof PersonInput;

export type UpsertResult = { ok: true; personId: string; outcome: UpsertOutcome } | { ok: false; field: PersonField; message: string };

export interface UpsertOptions {
  /** 'manual', 'import:people', 'import:beneficiaries', … — written to the contact history */
  source: string;
  /** whose scope decides which neighborhoods may be written; modules pass their own manage permission */
  permission?: Permission;
  /** work out the outcomes only: nothing is encrypted or written (an import preview) */
  dryRun?: boolean;
  /** the batch's hashes and sealed values, worked out beforehand by `sealAhead` */
  ahead?: SealedAhead;
}

/** A batch's hashes and sealed values, worked out before the batch is written. */
export interface SealedAhead {
  hashes: Map<string, string>;
  /** each value's sealed forms, one for each place it may be stored; each is used once */
  sealed: Map<string, string[]>;
}

/**
 * The one answer for a person this actor may not write: a neighborhood outside their scope,
 * or an ID number already registered outside it. Word for word the same, so that the answer
 * does not tell whether an ID number exists somewhere else.
 */
export const NOT_IN_SCOPE = '该居民或所选居民区不在您的管辖范围内，无法登记或修改；如有疑问请联系街道工作人员';

const ADDRESS_FIELDS = ['neighborhood_id', 'road', 'lane', 'building', 'room'] as const;

const NO_PINYIN = { full: '', initials: '' };

type Pending = { row: PersonsTable; isNew: boolean; changed: boolean };

/** stands in a row for a value being sealed until the batch's values come back sealed */
const SEALING = '\u0000sealing:';

/** what an upsert looks a person up by and hashes: the ID number, and with `phones` the valid phones, canonical */
function keyValues(input: PersonInput, today: string, phones: boolean): { id: IdNumberResult; phones: string[] } {
  const id = parseIdNumber(input.idNumber, today);
  if (!phones) return { id, phones: [] };
  const phone = input.phone ? parseMobile(input.phone) : null;
  const alt = input.altPhone ? parsePhone(input.altPhone, '备用电话') : null;
  return { id, phones: [phone?.ok ? phone.value : null, alt?.ok ? alt.value : null].filter((v): v is string => v !== null) };
}

export class PeopleService {
  /** seals and hashes an import's fields in a batch, off the main thread */
  private readonly sealer: FieldSealer;

  constructor(private readonly core: Core) {
    this.sealer = new FieldSealer(core.keys);
  }

  private encrypt = (v: string) => encryptField(this.core.keys.field, v);
  private decrypt = (v: string) => decryptField(this.core.keys.field, v);
  private hash = (v: string) => lookupHash(this.core.keys.lookup, v);

  /** Neighborhoods (id, name) the actor may work in with a permission. */
  neighborhoods(exec: Executor, ctx: RequestContext, permission: Permission = 'people:manage') {
    return repo.neighborhoodsInScope(exec, scopeFor(requireActor(ctx), permission));
  }

  private filter(q: Pick<PersonQuery, 'q' | 'neighborhoodId' | 'gender'>): repo.PersonFilter {
    return { neighborhoodId: q.neighborhoodId, gender: q.gender, ...personSearch(q.q, this.hash) };
  }

  async search(ctx: RequestContext, q: PersonQuery) {
    const scope = scopeFor(requireActor(ctx), 'people:read');
    const { rows, total } = await repo.listPersons(this.core.db, scope, this.filter(q), this.core.dialect.ilike, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => presentPerson(r, this.decrypt)), total };
  }

  private async find(exec: Executor, ctx: RequestContext, id: string, permission: Permission) {
    const row = await repo.personInScope(exec, scopeFor(requireActor(ctx), permission), id);
    if (!row) throw notFound('居民');
    return row;
  }

  /**
   * A module that holds a person for its own purpose (a beneficiary, a seeker) reads and reveals
   * them under its own permission, scoped alike, so its staff need not hold the whole registry.
   */
  async get(ctx: RequestContext, id: string, exec: Executor = this.core.db, permission: Permission = 'people:read'): Promise<PersonDetail> {
    const row = await this.find(exec, ctx, id, permission);
    return presentDetail(row, await repo.historyOf(exec, id), this.decrypt);
  }

  /** The full ID number or phone: its own permission, audited every time, in the same transaction as the read. */
  async reveal(
    ctx: RequestContext,
    id: string,
    field: RevealField,
    permission: Permission = 'people:reveal',
  ): Promise<{ field: RevealField; value: string | null }> {
    return this.core.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, ctx, id, permission);
      const stored = field === 'idNumber' ? row.id_number_enc : field === 'phone' ? row.phone_enc : row.alt_phone_enc;
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'people.reveal',
        targetType: 'person',
        targetId: id,
        detail: { field, name: row.name },
      });
      return { field, value: stored ? this.decrypt(stored) : null };
    });
  }

  async create(ctx: RequestContext, input: PersonInput): Promise<{ outcome: UpsertOutcome; person: PersonDetail }> {
    return this.core.db.transaction().execute(async (trx) => {
      const r = await this.upsertByIdNumber(trx, ctx, input, { source: 'manual' });
      await this.core.audit.record(trx, auditActor(ctx), {
        action: r.outcome === 'created' ? 'people.create' : 'people.merge',
        targetType: 'person',
        targetId: r.personId,
        detail: { outcome: r.outcome },
      });
      return { outcome: r.outcome, person: await this.get(ctx, r.personId, trx) };
    });
  }

  async update(ctx: RequestContext, id: string, patch: Partial<PersonInput>): Promise<PersonDetail> {
    return this.core.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, ctx, id, 'people:manage');
      const current = row.id_number_enc ? this.decrypt(row.id_number_enc) : null;
      const idNumber = patch.idNumber ?? current;
      if (!idNumber) throw invalid('请填写身份证号', [{ path: 'idNumber', message: '请填写身份证号' }]);
      const parsed = parseIdNumber(idNumber);
      const newId = parsed.ok && parsed.info.value !== current ? parsed.info.value : null;
      if (newId) {
        const [other] = await repo.personsByIdHash(trx, row.subdistrict_id, [this.hash(newId)]);
        // someone the actor cannot see: the same answer as for any person out of scope (no oracle)
        if (other && !scopeCovers(scopeFor(requireActor(ctx), 'people:manage'), other.subdistrict_id, other.neighborhood_id))
          throw invalid(NOT_IN_SCOPE, [{ path: 'neighborhoodId', message: NOT_IN_SCOPE }]);
        if (other)
          throw new AppError(409, 'CONFLICT', '该身份证号已属于另一位居民', [{ path: 'idNumber', message: '该身份证号已属于另一位居民' }]);
      }
      // matched by the (possibly corrected) ID number, so apply() updates this very row
      const { neighborhood_name: _, ...stored } = row;
      const self = { ...stored, id_hash: newId ? this.hash(newId) : row.id_hash };
      const [r] = await this.apply(trx, ctx, [{ name: row.name, ...patch, idNumber }], { source: 'manual' }, [self]);
      if (!r?.ok) throw invalid(r?.message ?? '提交的内容有误', r ? [{ path: r.field, message: r.message }] : undefined);
      if (newId) {
        await repo.updatePerson(trx, id, {
          id_number_enc: this.encrypt(newId),
          id_hash: this.hash(newId),
          id_tail: newId.slice(-4),
          updated_at: nowIso(),
        });
      }
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'people.update',
        targetType: 'person',
        targetId: id,
        // which fields changed, never their values
        detail: { fields: Object.keys(patch) },
      });
      return this.get(ctx, id, trx);
    });
  }

  /**
   * Finds the person by ID number (keyed hash, per subdistrict) and creates, updates or
   * leaves them. Runs in the caller's transaction, so modules attach their own rows to the
   * returned id and everything commits together.
   */
  async upsertByIdNumber(trx: Tx, ctx: RequestContext, input: PersonInput, opts: UpsertOptions) {
    const [r] = await this.upsertMany(trx, ctx, [input], opts);
    if (!r?.ok) throw invalid(r?.message ?? '提交的内容有误', r ? [{ path: r.field, message: r.message }] : undefined);
    return r;
  }

  /**
   * Hashes and seals the ID numbers and phones of an import's batch in one trip to the sealing
   * worker, so that it happens while the batch before is written. `upsertMany` takes what it
   * needs from here and seals anything else itself. A preview hashes the ID numbers only.
   */
  async sealAhead(inputs: PersonInput[], opts: { dryRun?: boolean } = {}): Promise<SealedAhead> {
    const today = todayIso();
    const hash = new Set<string>();
    const seal: string[] = [];
    for (const input of inputs) {
      const { id, phones } = keyValues(input, today, !opts.dryRun);
      for (const v of id.ok ? [id.info.value, ...phones] : phones) {
        hash.add(v);
        if (!opts.dryRun) seal.push(v);
      }
    }
    const values = [...hash];
    const r = await this.sealer.run({ hash: values, seal });
    const sealed = new Map<string, string[]>();
    seal.forEach((v, i) => {
      const list = sealed.get(v);
      if (list) list.push(r.sealed[i] as string);
      else sealed.set(v, [r.sealed[i] as string]);
    });
    return { hashes: new Map(values.map((v, i) => [v, r.hashes[i] as string])), sealed };
  }

  /** Batch form of upsertByIdNumber for imports: one lookup per batch, results in input order. */
  async upsertMany(trx: Tx, ctx: RequestContext, inputs: PersonInput[], opts: UpsertOptions): Promise<UpsertResult[]> {
    const actor = requireActor(ctx);
    const today = todayIso();
    const known = opts.ahead?.hashes;
    // each ID number parsed once here, and hashed with the batch's phones in one go; apply() takes them from these maps
    const parsed = new Map<string, IdNumberResult>();
    const ids = new Set<string>();
    const toHash = new Set<string>();
    for (const input of inputs) {
      const { id, phones } = keyValues(input, today, !opts.dryRun);
      parsed.set(input.idNumber, id);
      if (id.ok) ids.add(id.info.value);
      for (const v of phones) toHash.add(v);
    }
    for (const id of ids) toHash.add(id);
    const values = [...toHash].filter((v) => !known?.has(v));
    const hashed = await this.sealer.hash(values);
    const hashes = new Map(values.map((v, i) => [v, hashed[i] as string]));
    for (const v of toHash) if (!hashes.has(v)) hashes.set(v, known?.get(v) as string);
    const existing = await repo.personsByIdHash(
      trx,
      actor.subdistrictId,
      [...ids].map((v) => hashes.get(v) as string),
    );
    return this.apply(trx, ctx, inputs, opts, existing, hashes, parsed);
  }

  private async apply(
    trx: Tx,
    ctx: RequestContext,
    inputs: PersonInput[],
    opts: UpsertOptions,
    existing: PersonsTable[],
    idHashes = new Map<string, string>(),
    parsedIds = new Map<string, IdNumberResult>(),
  ): Promise<UpsertResult[]> {
    const today = todayIso();
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, opts.permission ?? 'people:manage');
    // values are sealed together once the batch is worked out (off the main thread for a large batch): till then a row holds a marker
    const toSeal: string[] = [];
    const encrypt = opts.dryRun
      ? () => ''
      : (v: string) => {
          const ready = opts.ahead?.sealed.get(v)?.pop();
          if (ready) return ready;
          toSeal.push(v);
          return `${SEALING}${toSeal.length - 1}`;
        };
    const hashOf = (v: string) => idHashes.get(v) ?? this.hash(v);
    const phoneHash = opts.dryRun ? () => '' : hashOf;
    const allowed = new Map((await repo.neighborhoodsInScope(trx, scope)).map((n) => [n.id, n.name]));
    const byHash = new Map<string, Pending>(
      existing.map((row) => [row.id_hash as string, { row: { ...row }, isNew: false, changed: false }]),
    );
    const history: PersonContactHistoryTable[] = [];
    const now = nowIso();
    const by = ctx.actor?.system ? null : actor.accountId;
    const byName = auditActor(ctx).actorName;
    const results: UpsertResult[] = [];

    for (const input of inputs) {
      const fail = (field: PersonField, message: string) => results.push({ ok: false, field, message });
      const id = parsedIds.get(input.idNumber) ?? parseIdNumber(input.idNumber, today);
      if (!id.ok) {
        fail('idNumber', id.message);
        continue;
      }
      const name = normalizeName(input.name);
      if (!name || name.length > 40) {
        fail('name', name ? '姓名不能超过 40 个字' : '请填写姓名');
        continue;
      }
      if (input.gender && input.gender !== id.info.gender) {
        fail('gender', `性别与身份证号不符（身份证号显示为${GENDER_LABEL[id.info.gender]}）`);
        continue;
      }
      let phone: string | null | undefined = input.phone;
      if (phone) {
        const p = parseMobile(phone);
        if (!p.ok) {
          fail('phone', p.message);
          continue;
        }
        phone = p.value;
      }
      let altPhone: string | null | undefined = input.altPhone;
      if (altPhone) {
        const p = parsePhone(altPhone, '备用电话');
        if (!p.ok) {
          fail('altPhone', p.message);
          continue;
        }
        altPhone = p.value;
      }
      if (input.neighborhoodId === null && scope.subdistrictIds.length === 0) {
        fail('neighborhoodId', '请选择居民区');
        continue;
      }
      if (input.neighborhoodId && !allowed.has(input.neighborhoodId)) {
        fail('neighborhoodId', NOT_IN_SCOPE);
        continue;
      }
      const idHash = hashOf(id.info.value);
      const found = byHash.get(idHash);
      if (found && !found.isNew && !scopeCovers(scope, found.row.subdistrict_id, found.row.neighborhood_id)) {
        fail('neighborhoodId', NOT_IN_SCOPE);
        continue;
      }
      const part = (v: string | null | undefined, unit?: '弄' | '号' | '室') =>
        v === undefined ? undefined : v === null ? null : (unit ? addressPart(v, unit) : v.trim()) || null;
      const next = {
        name,
        gender: id.info.gender,
        birth_date: id.info.birthDate,
        neighborhood_id: input.neighborhoodId,
        road: part(input.road),
        lane: part(input.lane, '弄'),
        building: part(input.building, '号'),
        room: part(input.room, '室'),
      };

      if (!found) {
        // a neighborhood worker's new person must land where they can see it
        let nb = next.neighborhood_id ?? null;
        if (!nb && scope.subdistrictIds.length === 0 && scope.neighborhoodIds.length === 1) nb = scope.neighborhoodIds[0] ?? null;
        if (!nb && scope.subdistrictIds.length === 0) {
          fail('neighborhoodId', '请选择居民区');
          continue;
        }
        // a preview writes nothing: pinyin is only ever stored
        const { full, initials } = opts.dryRun ? NO_PINYIN : namePinyin(name);
        const row: PersonsTable = {
          id: uuidv7(),
          subdistrict_id: actor.subdistrictId,
          neighborhood_id: nb,
          name,
          name_pinyin: full,
          name_initials: initials,
          gender: next.gender,
          birth_date: next.birth_date,
          id_number_enc: encrypt(id.info.value),
          id_hash: idHash,
          id_tail: id.info.value.slice(-4),
          phone_enc: phone ? encrypt(phone) : null,
          phone_hash: phone ? phoneHash(phone) : null,
          phone_tail: phone ? phoneTail(phone) : null,
          alt_phone_enc: altPhone ? encrypt(altPhone) : null,
          alt_phone_hash: altPhone ? phoneHash(altPhone) : null,
          alt_phone_tail: altPhone ? phoneTail(altPhone) : null,
          road: next.road ?? null,
          lane: next.lane ?? null,
          building: next.building ?? null,
          room: next.room ?? null,
          created_at: now,
          updated_at: now,
          created_by: by,
          updated_by: by,
        };
        byHash.set(idHash, { row, isNew: true, changed: true });
        results.push({ ok: true, personId: row.id, outcome: 'created' });
        continue;
      }

      const row = found.row;
      let changed = false;
      const set = <K extends keyof PersonsTable>(k: K, v: PersonsTable[K] | undefined) => {
        if (v === undefined || row[k] === v) return;
        row[k] = v;
        changed = true;
      };
      if (row.name !== name) {
        const { full, initials } = opts.dryRun ? NO_PINYIN : namePinyin(name);
        set('name', name);
        set('name_pinyin', full);
        set('name_initials', initials);
      }
      set('gender', next.gender);
      set('birth_date', next.birth_date);
      const moved = ADDRESS_FIELDS.some((k) => next[k] !== undefined && next[k] !== row[k]);
      const addressBefore = moved ? formatAddress(row, allowed.get(row.neighborhood_id ?? '') ?? null) : '';
      for (const k of ADDRESS_FIELDS) set(k, next[k]);
      const addressAfter = moved ? formatAddress(row, allowed.get(row.neighborhood_id ?? '') ?? null) : '';
      const change = (field: string, before: string | null, after: string | null) =>
        history.push({
          id: uuidv7(),
          subdistrict_id: row.subdistrict_id,
          neighborhood_id: row.neighborhood_id,
          person_id: row.id,
          field,
          before_value: before,
          after_value: after,
          source: opts.source,
          changed_at: now,
          changed_by: by,
          changed_by_name: byName,
        });
      if (addressBefore !== addressAfter && !found.isNew) change('address', addressBefore || null, addressAfter || null);
      for (const [field, value, prefix] of [
        ['phone', phone, 'phone'],
        ['altPhone', altPhone, 'alt_phone'],
      ] as const) {
        if (value === undefined) continue;
        const h = value ? hashOf(value) : null;
        if (row[`${prefix}_hash`] === h) continue;
        const before = row[`${prefix}_enc`];
        const enc = value ? encrypt(value) : null;
        row[`${prefix}_enc`] = enc;
        row[`${prefix}_hash`] = h;
        row[`${prefix}_tail`] = value ? phoneTail(value) : null;
        changed = true;
        if (!found.isNew) change(field, before, enc);
      }
      if (changed) {
        row.updated_at = now;
        row.updated_by = by;
        found.changed = true;
      }
      results.push({ ok: true, personId: row.id, outcome: found.isNew ? 'created' : changed ? 'updated' : 'unchanged' });
    }

    if (opts.dryRun) return results;
    const pending = [...byHash.values()];
    if (toSeal.length) {
      const sealed = await this.sealer.seal(toSeal);
      const unmark = <T extends string | null>(v: T): T => (v?.startsWith(SEALING) ? (sealed[Number(v.slice(SEALING.length))] as T) : v);
      for (const { row } of pending) {
        row.id_number_enc = unmark(row.id_number_enc);
        row.phone_enc = unmark(row.phone_enc);
        row.alt_phone_enc = unmark(row.alt_phone_enc);
      }
      for (const h of history) {
        h.before_value = unmark(h.before_value);
        h.after_value = unmark(h.after_value);
      }
    }
    await repo.insertPersons(
      trx,
      this.core.dialect,
      pending.filter((p) => p.isNew).map((p) => p.row),
    );
    for (const p of pending) {
      if (p.isNew || !p.changed) continue;
      const { id, ...rest } = p.row;
      await repo.updatePerson(trx, id, rest);
    }
    if (history.length) await repo.insertHistory(trx, history);
    return results;
  }

  /** Streams the filtered list to .xlsx through the export kit: masked, who and when on top, audited. */
  async exportList(ctx: RequestContext, q: Pick<PersonQuery, 'q' | 'neighborhoodId' | 'gender'>): Promise<ExportDownload> {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'people:read');
    const f = this.filter(q);
    const total = await repo.countPersons(this.core.db, scope, f, this.core.dialect.ilike);
    const nb = q.neighborhoodId ? (await repo.neighborhoodsInScope(this.core.db, scope)).find((n) => n.id === q.neighborhoodId) : undefined;
    const filters = [
      q.q ? `关键词：${q.q}` : '',
      q.neighborhoodId ? `居民区：${nb?.name ?? q.neighborhoodId}` : '',
      q.gender ? `性别：${GENDER_LABEL[q.gender]}` : '',
    ]
      .filter(Boolean)
      .join('；');
    const decrypt = this.decrypt;
    const rows = (async function* (db, ilike) {
      for await (const r of repo.iteratePersons(db, scope, f, ilike)) {
        const p = presentPerson(r, decrypt);
        yield {
          name: p.name,
          gender: p.gender ? GENDER_LABEL[p.gender] : null,
          birthDate: p.birthDate,
          idNumber: p.idNumberMasked,
          phone: p.phoneMasked,
          altPhone: p.altPhoneMasked,
          neighborhood: p.neighborhoodName,
          address: p.address.text,
        };
      }
    })(this.core.db, this.core.dialect.ilike);
    return openExport(
      this.core,
      ctx,
      {
        title: '居民名单',
        columns: [
          { header: '姓名', key: 'name', width: 12 },
          { header: '性别', key: 'gender', width: 6 },
          { header: '出生日期', key: 'birthDate', width: 12 },
          { header: '身份证号', key: 'idNumber', width: 22, sensitive: 'idNumber' },
          { header: '手机号码', key: 'phone', width: 14, sensitive: 'phone' },
          { header: '备用电话', key: 'altPhone', width: 16, sensitive: 'phone' },
          { header: '居民区', key: 'neighborhood', width: 10 },
          { header: '地址', key: 'address', width: 36 },
        ],
        rows,
        filters,
      },
      { action: 'people.export', targetType: 'person', detail: { filters: q, rows: total } },
    );
  }
}
