/**
 * Deliveries (无接触配送) of care part 2: statuses and modes with their Chinese labels, zod-free so
 * the phone pages can take them.
 */
export const DELIVERY_STATUSES = ['open', 'taken', 'on_way', 'delivered', 'failed', 'confirmed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABEL: Record<DeliveryStatus, string> = {
  open: '待领取',
  taken: '已领取',
  on_way: '配送中',
  delivered: '已送达',
  failed: '未能送达',
  confirmed: '已回访确认',
};

export const DELIVERY_MODES = ['contactless', 'handover'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const DELIVERY_MODE_LABEL: Record<DeliveryMode, string> = { contactless: '无接触（放门口）', handover: '当面交付' };

/** why a delivery could not be made: the volunteer picks one, and may add words */
export const DELIVERY_FAIL_REASONS = ['无人应门', '地址有误', '本人拒收', '已住院或外出', '其他'] as const;
