import type { CommitteeItem, QuestionItem, QuestionWrite, SessionItem } from '../../../contracts/training';
import type { MemberRole, QuestionKindCode } from '../../../contracts/training.vocab';
import { maskPhone } from '../../core/crypto/fields';
import { complianceScore, RE_ELECTION_STEPS, termStatus } from './domain/committees';
import type { CommitteeRow } from './training.repository';
import type {
  TrainingChecklistItemsTable,
  TrainingCommitteeTicksTable,
  TrainingQuestionsTable,
  TrainingSessionsTable,
} from './training.tables';

export type Decrypt = (stored: string) => string;

export const tagsOf = (stored: string) => stored.split('|').filter(Boolean);
export const storeTags = (tags: readonly string[]) => `|${[...new Set(tags.map((t) => t.trim()).filter(Boolean))].join('|')}|`;
export const parseJson = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

export const reKey = (i: number) => `re:${i}`;

export interface MemberRow {
  committee_id: string;
  person_id: string;
  role: string;
  name: string;
  phone_enc: string | null;
}

export function presentMember(m: MemberRow, decrypt: Decrypt) {
  return {
    personId: m.person_id,
    name: m.name,
    role: m.role as MemberRole,
    phoneMasked: m.phone_enc ? maskPhone(decrypt(m.phone_enc)) : null,
  };
}

export function presentCommittee(
  c: CommitteeRow,
  members: MemberRow[],
  items: TrainingChecklistItemsTable[],
  ticks: TrainingCommitteeTicksTable[],
  today: string,
  decrypt: Decrypt,
): CommitteeItem {
  const done = Object.fromEntries(ticks.map((t) => [t.item_key, t.done === 1]));
  const score = complianceScore(
    items.map((i) => ({ id: i.id, label: i.label, weight: i.weight })),
    done,
  );
  const director = members.find((m) => m.role === 'director');
  return {
    id: c.id,
    name: c.name,
    estateId: c.estate_id,
    estateName: c.estate_name,
    neighborhoodId: c.neighborhood_id,
    neighborhoodName: c.neighborhood_name,
    termStart: c.term_start,
    termEnd: c.term_end,
    term: termStatus(c.term_end, today),
    director: director ? presentMember(director, decrypt) : null,
    memberCount: members.length,
    score: score.score,
    missing: score.missing,
    reElectionDone: RE_ELECTION_STEPS.filter((_, i) => done[reKey(i)]).length,
    reElectionSteps: RE_ELECTION_STEPS.length,
  };
}

export function presentSession(s: TrainingSessionsTable & { checked_in: number | string | null }): SessionItem {
  return {
    id: s.id,
    title: s.title,
    lecturer: s.lecturer,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    mode: s.mode as 'online' | 'onsite',
    place: s.place,
    audience: s.audience as SessionItem['audience'],
    audienceDetail: parseJson<string[]>(s.audience_detail, []),
    checkinCode: s.checkin_code,
    checkedIn: Number(s.checked_in ?? 0),
  };
}

export function presentQuestion(q: TrainingQuestionsTable): QuestionItem {
  return {
    id: q.id,
    kind: q.kind as QuestionKindCode,
    stem: q.stem,
    options: parseJson<{ key: string; text: string }[]>(q.options, []),
    answer: parseJson<string[]>(q.answer, []),
    explanation: q.explanation,
    tags: tagsOf(q.tags),
    difficulty: q.difficulty,
    version: q.version,
    updatedAt: q.updated_at,
  };
}

/** the editable part of a question, as kept in its history */
export function questionSnapshot(q: TrainingQuestionsTable): QuestionWrite {
  const p = presentQuestion(q);
  return {
    kind: p.kind,
    stem: p.stem,
    options: p.options,
    answer: p.answer,
    explanation: p.explanation,
    tags: p.tags,
    difficulty: p.difficulty,
  };
}
