/**
 * 无接触配送: pure rules of deliveries — verified needs grouped per household, households batched
 * into runs that are a short walk (same neighborhood and road, lanes next to each other), runs
 * given to volunteers balanced by households, and the task's status machine. No I/O.
 */
import { DELIVERY_STATUS_LABEL, type DeliveryStatus } from '../../../../contracts/care-deliveries.vocab';

export * from '../../../../contracts/care-deliveries.vocab';

/** A Shanghai address broken into what a walk is ordered by: road, lane (弄), number (号), room (室). */
export interface AddressKey {
  road: string;
  lane: number | null;
  number: number | null;
  room: string | null;
}

const num = (s: string | null | undefined): number | null => {
  const m = s ? /\d+/.exec(s.normalize('NFKC')) : null;
  return m ? Number(m[0]) : null;
};

/**
 * The walking key of an address. Structured parts (as the people registry keeps them) win; a
 * free-text address like 「中山南路505弄3号201室」 or 「外马路 88 号」 is parsed.
 */
export function parseAddress(a: {
  road?: string | null;
  lane?: string | null;
  building?: string | null;
  room?: string | null;
}): AddressKey {
  const text = (a.road ?? '').normalize('NFKC').replace(/\s+/g, '');
  const m = /^(.*?)(?:(\d+)弄)?(?:(\d+)(?:号|幢|栋)?)?(?:(\d+)室)?$/.exec(text);
  const road = m?.[1] ?? text;
  return {
    road,
    lane: num(a.lane) ?? (m?.[2] ? Number(m[2]) : null),
    number: num(a.building) ?? (m?.[3] ? Number(m[3]) : null),
    room: a.room ?? m?.[4] ?? null,
  };
}

/** compares two addresses in walking order: road, then lane, then number (missing parts last) */
export function compareAddress(x: AddressKey, y: AddressKey): number {
  const n = (v: number | null) => v ?? Number.MAX_SAFE_INTEGER;
  return (
    x.road.localeCompare(y.road, 'zh-CN') ||
    n(x.lane) - n(y.lane) ||
    n(x.number) - n(y.number) ||
    (x.room ?? '').localeCompare(y.room ?? '')
  );
}

export interface PlanNeed {
  id: string;
  beneficiaryId: string;
  neighborhoodId: string;
  item: string;
  quantity: number;
  urgency: 'normal' | 'urgent' | 'critical';
}

export interface Household {
  beneficiaryId: string;
  neighborhoodId: string;
  address: AddressKey;
  needIds: string[];
  /** item → quantity, summed over the household's needs */
  items: { item: string; quantity: number }[];
  /** most urgent need: 0 特急, 1 紧急, 2 一般 */
  urgency: number;
}

const URGENCY_RANK = { critical: 0, urgent: 1, normal: 2 } as const;

/** One household per beneficiary with all their needs; items of the same kind summed. */
export function groupHouseholds(needs: readonly PlanNeed[], addressOf: (beneficiaryId: string) => AddressKey): Household[] {
  const by = new Map<string, Household>();
  for (const n of needs) {
    let h = by.get(n.beneficiaryId);
    if (!h) {
      h = {
        beneficiaryId: n.beneficiaryId,
        neighborhoodId: n.neighborhoodId,
        address: addressOf(n.beneficiaryId),
        needIds: [],
        items: [],
        urgency: 2,
      };
      by.set(n.beneficiaryId, h);
    }
    h.needIds.push(n.id);
    const same = h.items.find((i) => i.item === n.item);
    if (same) same.quantity += n.quantity;
    else h.items.push({ item: n.item, quantity: n.quantity });
    h.urgency = Math.min(h.urgency, URGENCY_RANK[n.urgency]);
  }
  return [...by.values()];
}

export interface Run {
  neighborhoodId: string;
  road: string;
  /** households in walking order */
  households: Household[];
}

/**
 * Households batched into runs: same neighborhood and road, in walking order, at most `maxPerRun`
 * households each; a road longer than that is cut between lanes, so a run stays a short walk.
 * Runs with the most urgent household first.
 */
export function batchRuns(households: readonly Household[], maxPerRun = 8): Run[] {
  const sorted = [...households].sort(
    (a, b) =>
      a.neighborhoodId.localeCompare(b.neighborhoodId) ||
      compareAddress(a.address, b.address) ||
      a.beneficiaryId.localeCompare(b.beneficiaryId),
  );
  const runs: Run[] = [];
  for (const h of sorted) {
    const last = runs.at(-1);
    if (last && last.neighborhoodId === h.neighborhoodId && last.road === h.address.road && last.households.length < maxPerRun) {
      last.households.push(h);
    } else runs.push({ neighborhoodId: h.neighborhoodId, road: h.address.road, households: [h] });
  }
  const worst = (r: Run) => Math.min(...r.households.map((h) => h.urgency));
  return runs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => worst(a.r) - worst(b.r) || a.i - b.i)
    .map((x) => x.r);
}

export interface VolunteerSlot {
  accountId: string;
  /** neighborhoods the volunteer serves; empty = the whole subdistrict */
  neighborhoodIds: string[];
  /** most households they can take today (their availability); null = no limit */
  capacity: number | null;
}

/**
 * Runs given to volunteers, balanced by households: each run (largest first) goes to the least
 * loaded volunteer who serves its neighborhood and still has room; when none serves it, to the
 * least loaded with room. A run no one has room for stays unassigned (null).
 */
export function assignRuns(runs: readonly Run[], volunteers: readonly VolunteerSlot[]): (string | null)[] {
  const load = new Map(volunteers.map((v) => [v.accountId, 0]));
  const out: (string | null)[] = runs.map(() => null);
  const order = runs.map((r, i) => ({ r, i })).sort((a, b) => b.r.households.length - a.r.households.length || a.i - b.i);
  for (const { r, i } of order) {
    const size = r.households.length;
    const room = volunteers.filter((v) => v.capacity === null || (load.get(v.accountId) ?? 0) + size <= v.capacity);
    const serving = room.filter((v) => v.neighborhoodIds.length === 0 || v.neighborhoodIds.includes(r.neighborhoodId));
    const pool = serving.length > 0 ? serving : room;
    let best: VolunteerSlot | null = null;
    for (const v of pool) if (!best || (load.get(v.accountId) ?? 0) < (load.get(best.accountId) ?? 0)) best = v;
    if (best) {
      out[i] = best.accountId;
      load.set(best.accountId, (load.get(best.accountId) ?? 0) + size);
    }
  }
  return out;
}

/**
 * 待领取 → 已领取 → 配送中 → 已送达 / 未能送达 → 已回访确认. The volunteer takes, sets out and
 * reports (已送达 also straight from 已领取: the door may be next to the pick-up point); staff
 * confirm a delivery after a call.
 */
const NEXT: Record<DeliveryStatus, { to: DeliveryStatus; by: 'volunteer' | 'staff' }[]> = {
  open: [{ to: 'taken', by: 'volunteer' }],
  taken: [
    { to: 'on_way', by: 'volunteer' },
    { to: 'delivered', by: 'volunteer' },
    { to: 'failed', by: 'volunteer' },
  ],
  on_way: [
    { to: 'delivered', by: 'volunteer' },
    { to: 'failed', by: 'volunteer' },
  ],
  delivered: [{ to: 'confirmed', by: 'staff' }],
  failed: [],
  confirmed: [],
};

export function canMoveDelivery(from: DeliveryStatus, to: DeliveryStatus, by: 'volunteer' | 'staff'): boolean {
  return NEXT[from].some((n) => n.to === to && n.by === by);
}

export function deliveryMoveRefusal(from: DeliveryStatus, to: DeliveryStatus): string {
  return `配送任务状态不能从「${DELIVERY_STATUS_LABEL[from]}」改为「${DELIVERY_STATUS_LABEL[to]}」`;
}
