import { describe, expect, it } from 'vitest';
import { candidateView, type DayInterview, type FairDayState, fairDayViewKey, roomBoards, staffView } from './fairday';

const iv = (o: Partial<DayInterview> & Pick<DayInterview, 'id' | 'seekerId' | 'seq' | 'start'>): DayInterview => ({
  seekerName: `name-${o.seekerId}`,
  positionTitle: '仓储管理员',
  employerName: '东门物流',
  roomId: 'R1',
  end: o.start + 15,
  status: 'scheduled',
  calledMinute: null,
  ...o,
});

const state = (interviews: DayInterview[], nowMinute = 780): FairDayState => ({
  fairId: 'F',
  title: '招聘会',
  published: true,
  nowMinute,
  rooms: [{ id: 'R1', name: '一号面试间', meeting: '700 800 900', paused: false }],
  interviews,
  revokedTokens: ['revoked'],
});

describe('the fair day views', () => {
  const day = state([
    iv({ id: 'a', seekerId: 'A', seq: 1, start: 780, status: 'interviewing', calledMinute: 786 }),
    iv({ id: 'b', seekerId: 'B', seq: 2, start: 795, status: 'waiting' }),
    iv({ id: 'c', seekerId: 'C', seq: 3, start: 810 }),
    iv({ id: 'd', seekerId: 'D', seq: 4, start: 825, status: 'no_show' }),
  ]);

  it('tells a candidate how many are before them and when they go in, and the room only once called', () => {
    expect(candidateView(day, 'C', 't').items[0]).toMatchObject({
      ahead: 2,
      expected: '13:30',
      meeting: null,
      message: '您前面还有 2 人，预计 13:30 进入',
    });
    // the one being interviewed counts; with the room free the first in line is told to get ready
    expect(candidateView(day, 'B', 't').items[0]?.message).toBe('您前面还有 1 人，预计 13:15 进入');
    const free = state(day.interviews.map((x) => (x.id === 'a' ? { ...x, status: 'done' } : x)));
    expect(candidateView(free, 'B', 't').items[0]?.message).toBe('您是下一位，预计 13:15 进入，请做好准备');
    expect(candidateView(day, 'A', 't').items[0]).toMatchObject({ meeting: '700 800 900', status: 'interviewing' });
  });

  it('never shows another candidate’s name, and nothing on a revoked link', () => {
    const text = JSON.stringify(candidateView(day, 'C', 't'));
    for (const other of ['A', 'B', 'D']) expect(text).not.toContain(`name-${other}`);
    expect(candidateView(day, 'C', 'revoked')).toMatchObject({ revoked: true, items: [] });
  });

  it('an expected time is never in the past', () => {
    expect(candidateView(state(day.interviews, 820), 'C', 't').items[0]?.expected).toBe('13:40');
  });

  it('the staff board: now, next, late by how much, no-shows; the clock only on the day', () => {
    const [board] = roomBoards(day);
    expect(board).toMatchObject({ now: { id: 'a', since: '13:06' }, next: { id: 'b', start: '13:15' }, queued: 2, lateMinutes: 6 });
    expect(board?.noShows.map((n) => n.id)).toEqual(['d']);
    expect(staffView(state([], 0)).now).toBe('');
    expect(fairDayViewKey({ kind: 'candidate', seekerId: 'C', tokenId: 't' })).not.toBe(fairDayViewKey({ kind: 'staff' }));
  });
});

describe('the candidate views from one state to the next', () => {
  const seekers = ['A', 'B', 'C', 'D', 'E', 'F'];
  const first = (): FairDayState => ({
    ...state(
      seekers.flatMap((s, i) => [
        iv({ id: `${s}1`, seekerId: s, seq: i + 1, start: 780 + 15 * i }),
        iv({ id: `${s}2`, seekerId: s, seq: i + 1, start: 780 + 15 * i + 20, roomId: 'R2' }),
      ]),
    ),
    fairId: 'moving',
    rooms: [
      { id: 'R1', name: '一号面试间', meeting: '700 800 900', paused: false },
      { id: 'R2', name: '二号面试间', meeting: '100 200 300', paused: false },
    ],
  });
  // a fixed walk of the day: call-next, no-shows, a room renamed, the clock moving on
  const steps: ((s: FairDayState) => FairDayState)[] = [
    (s) => ({ ...s, nowMinute: 781 }),
    (s) => ({ ...s, interviews: s.interviews.map((x) => (x.id === 'A1' ? { ...x, status: 'interviewing', calledMinute: 781 } : x)) }),
    (s) => ({
      ...s,
      interviews: s.interviews.map((x) =>
        x.id === 'A1' ? { ...x, status: 'done' } : x.id === 'B1' ? { ...x, status: 'interviewing' } : x,
      ),
    }),
    (s) => ({ ...s, interviews: s.interviews.map((x) => (x.id === 'C2' ? { ...x, status: 'no_show' } : x)) }),
    (s) => ({ ...s, rooms: s.rooms.map((r) => (r.id === 'R2' ? { ...r, meeting: '999' } : r)) }),
    (s) => ({ ...s, nowMinute: 850 }),
    (s) => ({ ...s, interviews: s.interviews.filter((x) => x.id !== 'D2') }),
    (s) => ({ ...s, interviews: s.interviews.map((x) => (x.id === 'E1' ? { ...x, start: 900 } : x)) }),
    (s) => ({ ...s, title: '招聘会（下午场）' }),
  ];

  it('reads the same as a view built from scratch, and keeps the same object for a candidate whose interviews did not change', () => {
    let s = first();
    let before = new Map(seekers.map((k) => [k, candidateView(s, k, `t${k}`)]));
    steps.forEach((step, i) => {
      s = step(s);
      // a fair of its own name: no earlier state to reuse
      const scratch = { ...s, fairId: `scratch-${i}` };
      for (const k of seekers) {
        const view = candidateView(s, k, `t${k}`);
        expect(view).toEqual(candidateView(scratch, k, `t${k}`));
        const was = before.get(k);
        if (JSON.stringify(was) === JSON.stringify(view)) expect(view).toBe(was);
      }
      before = new Map(seekers.map((k) => [k, candidateView(s, k, `t${k}`)]));
    });
    // the clock moving past a queued start changes that candidate's expected time, not the others'
    const a = first();
    const views = seekers.map((k) => candidateView(a, k, `t${k}`));
    const later = { ...a, nowMinute: 800 };
    const changed = seekers.filter((k, i) => candidateView(later, k, `t${k}`) !== views[i]);
    expect(changed).toEqual(['A', 'B']);
  });
});
