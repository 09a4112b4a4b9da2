import { NEED_ITEMS } from '../../../../contracts/care.vocab';
import type { TimelineEntry } from './timeline';

/** Chinese wording of the timeline's entries (the same words as web/locales/care.ts). No I/O. */
export const OUTCOME_LABEL: Record<string, string> = {
  reached: '已接通',
  busy: '占线',
  no_answer: '无人接听',
  wrong_number: '号码错误',
  refused: '拒绝接听',
};
const HEALTH_LABEL: Record<string, string> = { good: '良好', fair: '一般', poor: '较差', hospitalised: '住院中' };
const LIVING_LABEL: Record<string, string> = { normal: '正常', difficult: '有困难', urgent: '急需帮助' };
const MOOD_LABEL: Record<string, string> = { good: '良好', fair: '一般', low: '低落' };
export const NEED_STATUS_LABEL: Record<string, string> = {
  registered: '登记',
  verified: '已核实',
  arranged: '已安排',
  delivered: '已送达',
  cancelled: '已取消',
};
export const URGENCY_LABEL: Record<string, string> = { normal: '一般', urgent: '紧急', critical: '特急' };
export const itemLabel = (code: string) => NEED_ITEMS.find((i) => i.code === code)?.label ?? code;
const unitOf = (code: string) => NEED_ITEMS.find((i) => i.code === code)?.unit ?? '';

export interface CallFacts {
  id: string;
  at: string;
  outcome: string;
  health: string | null;
  living: string | null;
  mood: string | null;
  note: string | null;
  campaign: string | null;
  by: string | null;
}

export function callEntry(c: CallFacts): TimelineEntry {
  const health = c.health ? `，身体${HEALTH_LABEL[c.health] ?? c.health}` : '';
  const details = [
    c.campaign ? `活动：${c.campaign}` : '',
    c.living ? `生活：${LIVING_LABEL[c.living] ?? c.living}` : '',
    c.mood ? `情绪：${MOOD_LABEL[c.mood] ?? c.mood}` : '',
    c.note ? `备注：${c.note}` : '',
  ].filter(Boolean);
  return {
    key: `call:${c.id}`,
    kind: 'call',
    at: c.at,
    title: `电话慰问：${OUTCOME_LABEL[c.outcome] ?? c.outcome}${health}`,
    details,
    by: c.by,
  };
}

export interface NeedEventFacts {
  id: string;
  at: string;
  item: string;
  quantity: number;
  urgency: string;
  needNote: string | null;
  from: string | null;
  to: string;
  note: string | null;
  by: string | null;
}

/** a need's registration, then each change of its status */
export function needEntry(e: NeedEventFacts): TimelineEntry {
  const what = `${itemLabel(e.item)} × ${e.quantity}${unitOf(e.item)}`;
  if (e.from === null) {
    return {
      key: `need:${e.id}`,
      kind: 'need',
      at: e.at,
      title: `登记需求：${what}（${URGENCY_LABEL[e.urgency] ?? e.urgency}）`,
      details: [e.needNote ? `说明：${e.needNote}` : '', e.note ? `来源：${e.note}` : ''].filter(Boolean),
      by: e.by,
    };
  }
  return {
    key: `need:${e.id}`,
    kind: 'need',
    at: e.at,
    title: `需求${NEED_STATUS_LABEL[e.to] ?? e.to}：${what}`,
    details: [`${NEED_STATUS_LABEL[e.from] ?? e.from} → ${NEED_STATUS_LABEL[e.to] ?? e.to}`, e.note ? `说明：${e.note}` : ''].filter(
      Boolean,
    ),
    by: e.by,
  };
}

/** the names of a record's fields as the timeline shows them */
export const FIELD_LABEL: Record<string, string> = {
  address: '地址',
  phone: '手机号码',
  altPhone: '其他电话',
  neighborhood: '居民区',
  category: '优抚类别',
  livingSituation: '居住状况',
  priorityReasons: '重点关注',
  disabilityGrade: '伤残等级',
  staff: '结对工作人员',
  volunteer: '结对志愿者',
  emergencyName: '紧急联系人',
};

export interface ChangeFacts {
  id: string;
  at: string;
  field: string;
  before: string | null;
  after: string | null;
  by: string | null;
}

export function changeEntry(c: ChangeFacts): TimelineEntry {
  const label = FIELD_LABEL[c.field] ?? c.field;
  return {
    key: `change:${c.id}`,
    kind: 'change',
    at: c.at,
    title: `修改${label}`,
    details: [`${c.before || '（空）'} → ${c.after || '（空）'}`],
    by: c.by,
  };
}

export function noteEntry(n: { id: string; at: string; text: string; by: string | null }): TimelineEntry {
  return { key: `note:${n.id}`, kind: 'note', at: n.at, title: '工作记录', details: [n.text], by: n.by };
}

/** what a beneficiary's record shows of the fields the timeline follows */
export type RecordView = Record<
  'neighborhood' | 'category' | 'livingSituation' | 'priorityReasons' | 'disabilityGrade' | 'staff' | 'volunteer' | 'emergencyName',
  string | null
>;

/** the view of a record row (names joined, reasons stored as `|a|b|`) */
export function recordView(r: {
  neighborhood_name: string;
  category_name: string;
  living_situation: string | null;
  priority_reasons: string;
  disability_grade: string | null;
  staff_name: string | null;
  volunteer_name: string | null;
  emergency_name: string | null;
}): RecordView {
  return {
    neighborhood: r.neighborhood_name,
    category: r.category_name,
    livingSituation: r.living_situation,
    priorityReasons: r.priority_reasons.split('|').filter(Boolean).join('、') || null,
    disabilityGrade: r.disability_grade,
    staff: r.staff_name,
    volunteer: r.volunteer_name,
    emergencyName: r.emergency_name,
  };
}

/** the fields that differ between two views of the same record, in a fixed order */
export function recordChanges(
  before: RecordView,
  after: RecordView,
): { field: keyof RecordView; before: string | null; after: string | null }[] {
  return (Object.keys(after) as (keyof RecordView)[])
    .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
