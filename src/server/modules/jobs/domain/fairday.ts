import type { CandidateItem, CandidateView, RoomBoard, StaffView } from '../../../../contracts/jobs-interviews';

export type { CandidateItem, CandidateView, RoomBoard, StaffView };

/**
 * The fair day's live state and what each watcher sees of it (pure, no I/O): the console's room
 * boards for staff, and a candidate's own interviews — never another candidate's name.
 */

export const INTERVIEW_STATUS_LABEL: Record<string, string> = {
  scheduled: '待开始',
  waiting: '候场',
  interviewing: '面试中',
  done: '已完成',
  no_show: '未到场',
  cancelled: '已取消',
};

export const OUTCOME_LABEL: Record<string, string> = { pass: '通过', hold: '待定', fail: '未通过' };

export interface DayInterview {
  id: string;
  seekerId: string;
  seekerName: string;
  positionTitle: string;
  employerName: string;
  roomId: string;
  start: number;
  end: number;
  seq: number;
  status: string;
  /** minute of the day it was called in, when it was */
  calledMinute: number | null;
}

export interface DayRoom {
  id: string;
  name: string;
  meeting: string;
  paused: boolean;
}

export interface FairDayState {
  fairId: string;
  title: string;
  published: boolean;
  /** minute of the fair day when the state was read */
  nowMinute: number;
  rooms: DayRoom[];
  /** sorted by room, then order */
  interviews: DayInterview[];
  revokedTokens: string[];
}

export type FairDayViewer = { kind: 'staff' } | { kind: 'candidate'; seekerId: string; tokenId: string };

export const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function parseHhmm(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

const QUEUED = new Set(['scheduled', 'waiting']);

export function roomBoards(state: FairDayState): RoomBoard[] {
  const byRoom = new Map<string, DayInterview[]>();
  for (const iv of state.interviews) byRoom.set(iv.roomId, [...(byRoom.get(iv.roomId) ?? []), iv]);
  return state.rooms.map((room) => {
    const ivs = (byRoom.get(room.id) ?? []).slice().sort((a, b) => a.seq - b.seq);
    const cur = ivs.find((iv) => iv.status === 'interviewing') ?? null;
    const next = ivs.find((iv) => QUEUED.has(iv.status)) ?? null;
    let late = 0;
    if (cur?.calledMinute != null) late = Math.max(0, cur.calledMinute - cur.start, state.nowMinute - cur.end);
    else if (next) late = Math.max(0, state.nowMinute - next.start);
    return {
      id: room.id,
      name: room.name,
      meeting: room.meeting,
      paused: room.paused,
      now: cur
        ? { id: cur.id, name: cur.seekerName, position: cur.positionTitle, since: cur.calledMinute == null ? null : hhmm(cur.calledMinute) }
        : null,
      next: next ? { id: next.id, name: next.seekerName, position: next.positionTitle, start: hhmm(next.start) } : null,
      queued: ivs.filter((iv) => QUEUED.has(iv.status)).length,
      done: ivs.filter((iv) => iv.status === 'done').length,
      noShows: ivs.filter((iv) => iv.status === 'no_show').map((iv) => ({ id: iv.id, name: iv.seekerName, position: iv.positionTitle })),
      lateMinutes: late,
    };
  });
}

interface DayIndex {
  title: string;
  published: boolean;
  nowMinute: number;
  rooms: Map<string, DayRoom>;
  list: DayInterview[];
  /** built when first asked for (byIdOf) */
  byId: Map<string, DayInterview> | null;
  /** built on the first view that cannot be reused */
  bySeeker: Map<string, DayInterview[]> | null;
  /** for each queued interview: people before it in its room (the one being interviewed counts unless it is the same candidate) */
  ahead: Map<string, number>;
  revoked: Set<string>;
  /** the index of the state before (same fair), whose views can be reused; dropped once this one is built */
  prev: DayIndex | null;
  /** seekers whose interviews read differently than in `prev` (null: every seeker) */
  stale: Set<string> | null;
  /** candidate views built so far, by viewer (the hub's, or seeker and link) */
  views: Map<unknown, CandidateView>;
}

// one index per state, however many candidates watch it: each view is then a few map look-ups
const indexes = new WeakMap<FairDayState, DayIndex>();
// the last index of each fair: a candidate whose interviews read the same keeps the same view
// object (and so the hub its JSON), and only the few whose queue moved are built again
const latest = new Map<string, DayIndex>();

const expectedMinute = (iv: DayInterview, nowMinute: number) => (QUEUED.has(iv.status) ? Math.max(iv.start, nowMinute) : iv.start);

function indexOf(state: FairDayState): DayIndex {
  let index = indexes.get(state);
  if (index) return index;
  const byRoom = new Map<string, DayInterview[]>();
  for (const iv of state.interviews) {
    const room = byRoom.get(iv.roomId);
    if (room) room.push(iv);
    else byRoom.set(iv.roomId, [iv]);
  }
  const ahead = new Map<string, number>();
  for (const ivs of byRoom.values()) {
    const current = ivs.filter((x) => x.status === 'interviewing').map((x) => x.seekerId);
    let before = 0;
    for (const iv of ivs.filter((x) => QUEUED.has(x.status)).sort((a, b) => a.seq - b.seq)) {
      ahead.set(iv.id, before + current.filter((s) => s !== iv.seekerId).length);
      before++;
    }
  }
  const rooms = new Map(state.rooms.map((r) => [r.id, r]));
  const prev = latest.get(state.fairId) ?? null;
  index = {
    title: state.title,
    published: state.published,
    nowMinute: state.nowMinute,
    rooms,
    list: state.interviews,
    byId: null,
    bySeeker: null,
    ahead,
    revoked: new Set(state.revokedTokens),
    prev,
    stale: null,
    views: new Map(),
  };
  if (prev) {
    index.stale = staleSeekers(prev, index, state);
    prev.prev = null;
  }
  indexes.set(state, index);
  latest.set(state.fairId, index);
  return index;
}

function byIdOf(index: DayIndex): Map<string, DayInterview> {
  index.byId ??= new Map(index.list.map((iv) => [iv.id, iv]));
  return index.byId;
}

/** the seekers whose items could differ from `prev`'s (null: all of them) */
function staleSeekers(prev: DayIndex, index: DayIndex, state: FairDayState): Set<string> | null {
  if (prev.title !== state.title || prev.published !== state.published) return null;
  // a room's name shows on every item of it, its meeting only to the one being interviewed
  const renamed = new Set<string>();
  const newMeeting = new Set<string>();
  for (const r of index.rooms.values()) {
    const was = prev.rooms.get(r.id);
    if (!was || was.name !== r.name) renamed.add(r.id);
    else if (was.meeting !== r.meeting) newMeeting.add(r.id);
  }
  const stale = new Set<string>();
  const { list, ahead } = index;
  // the same interview at the same place (the usual case): no look-up
  let inPlace = 0;
  for (let i = 0; i < list.length; i++) {
    const iv = list[i] as DayInterview;
    let was = prev.list[i];
    if (was?.id === iv.id) inPlace++;
    else was = byIdOf(prev).get(iv.id);
    const same =
      was !== undefined &&
      (was === iv ||
        (was.seekerId === iv.seekerId &&
          was.status === iv.status &&
          was.start === iv.start &&
          was.roomId === iv.roomId &&
          was.positionTitle === iv.positionTitle &&
          was.employerName === iv.employerName)) &&
      !renamed.has(iv.roomId) &&
      !(newMeeting.has(iv.roomId) && iv.status === 'interviewing') &&
      (prev.ahead.get(iv.id) ?? 0) === (ahead.get(iv.id) ?? 0) &&
      expectedMinute(was, prev.nowMinute) === expectedMinute(iv, state.nowMinute);
    if (!same) {
      stale.add(iv.seekerId);
      if (was) stale.add(was.seekerId);
    }
  }
  if (inPlace !== prev.list.length) {
    const now = byIdOf(index);
    for (const was of prev.list) if (!now.has(was.id)) stale.add(was.seekerId);
  }
  return stale;
}

export function candidateView(
  state: FairDayState,
  seekerId: string,
  tokenId: string,
  cacheKey: unknown = `${seekerId} ${tokenId}`,
): CandidateView {
  const index = indexOf(state);
  const revoked = index.revoked.has(tokenId);
  if (revoked || !state.published) return { role: 'candidate', title: state.title, revoked, published: state.published, items: [] };
  let view = index.views.get(cacheKey);
  if (view) return view;
  const before = index.stale?.has(seekerId) === false ? index.prev?.views.get(cacheKey) : undefined;
  view = before ?? {
    role: 'candidate',
    title: state.title,
    revoked: false,
    published: true,
    items: candidateItems(state, index, seekerId),
  };
  index.views.set(cacheKey, view);
  return view;
}

function candidateItems(state: FairDayState, index: DayIndex, seekerId: string): CandidateItem[] {
  const items: CandidateItem[] = [];
  if (!index.bySeeker) {
    const bySeeker = new Map<string, DayInterview[]>();
    for (const iv of state.interviews) {
      const mine = bySeeker.get(iv.seekerId);
      if (mine) mine.push(iv);
      else bySeeker.set(iv.seekerId, [iv]);
    }
    index.bySeeker = bySeeker;
  }
  const mine = (index.bySeeker.get(seekerId) ?? []).filter((iv) => iv.status !== 'cancelled').sort((a, b) => a.start - b.start);
  for (const iv of mine) {
    const room = index.rooms.get(iv.roomId);
    const ahead = index.ahead.get(iv.id) ?? 0;
    const expected = hhmm(expectedMinute(iv, state.nowMinute));
    let message: string;
    if (iv.status === 'interviewing') message = `轮到您了！请进入${room?.name ?? ''}：${room?.meeting ?? ''}`;
    else if (QUEUED.has(iv.status))
      message = ahead === 0 ? `您是下一位，预计 ${expected} 进入，请做好准备` : `您前面还有 ${ahead} 人，预计 ${expected} 进入`;
    else if (iv.status === 'done') message = '本场面试已结束，感谢参加';
    else message = '您未能按时到场，如需重新安排请联系工作人员';
    items.push({
      id: iv.id,
      position: iv.positionTitle,
      employer: iv.employerName,
      room: room?.name ?? '',
      start: hhmm(iv.start),
      status: iv.status,
      statusLabel: INTERVIEW_STATUS_LABEL[iv.status] ?? iv.status,
      ahead,
      expected,
      meeting: iv.status === 'interviewing' ? (room?.meeting ?? null) : null,
      message,
    });
  }
  return items;
}

export function staffView(state: FairDayState): StaffView {
  return {
    role: 'staff',
    title: state.title,
    published: state.published,
    now: state.nowMinute > 0 && state.nowMinute < 24 * 60 ? hhmm(state.nowMinute) : '',
    rooms: roomBoards(state),
  };
}

export function fairDayView(state: FairDayState, viewer: FairDayViewer): CandidateView | StaffView {
  // the hub keeps each viewer object: the views are cached by it (no key to build per view)
  return viewer.kind === 'staff' ? staffView(state) : candidateView(state, viewer.seekerId, viewer.tokenId, viewer);
}

export const fairDayViewKey = (viewer: FairDayViewer) => (viewer.kind === 'staff' ? 'staff' : `c:${viewer.seekerId}:${viewer.tokenId}`);
