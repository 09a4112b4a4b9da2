/**
 * 登记 → 已核实 → 已安排 → 已送达, or 已取消 from any open state. Part 2 (deliveries, visits) moves
 * needs from 已安排 to 已送达 when a delivery is confirmed, so `arranged` is where a delivery hangs.
 */
export const NEED_STATUSES = ['registered', 'verified', 'arranged', 'delivered', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_STATUS_LABEL: Record<NeedStatus, string> = {
  registered: '登记',
  verified: '已核实',
  arranged: '已安排',
  delivered: '已送达',
  cancelled: '已取消',
};

const NEXT: Record<NeedStatus, NeedStatus[]> = {
  registered: ['verified', 'cancelled'],
  verified: ['arranged', 'cancelled'],
  arranged: ['delivered', 'cancelled', 'verified'],
  delivered: [],
  cancelled: [],
};

export function canMove(from: NeedStatus, to: NeedStatus): boolean {
  return NEXT[from].includes(to);
}

export const OPEN_STATUSES: NeedStatus[] = ['registered', 'verified', 'arranged'];
