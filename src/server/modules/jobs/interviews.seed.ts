import type { RequestContext } from '../../core/context';
import { displayDate } from '../../core/time';
import { hhmm, parseHhmm } from './domain/fairday';
import type { JobsServices } from './jobs.module';

/** the demo fair's video-meeting rooms: which employers' positions (by title) each serves, and its meeting number */
const ROOMS: { name: string; titles: string[]; meeting: string; slotMinutes?: number }[] = [
  {
    name: '面试间 1 · 技术岗',
    titles: ['Java 开发工程师', '前端开发工程师', '运维工程师'],
    meeting: '腾讯会议 612 305 118',
    slotMinutes: 20,
  },
  { name: '面试间 2 · 测试与数据', titles: ['软件测试工程师', '数据分析助理', '新媒体运营'], meeting: '腾讯会议 612 305 226' },
  {
    name: '面试间 3 · 人力资源',
    titles: ['人事专员', '招聘顾问', '行政助理', '财务助理', '客服专员', '社区就业指导员'],
    meeting: '腾讯会议 612 305 334',
  },
  {
    name: '面试间 4 · 门店',
    titles: ['门店店长', '储备店长', '收银员', '市场推广专员', '电商运营', '会计'],
    meeting: '腾讯会议 612 305 442',
  },
  { name: '面试间 5 · 物流', titles: ['仓库管理员', '配送司机'], meeting: '腾讯会议 612 305 550' },
];

/**
 * The demo fair's afternoon: more applications (each consenting seeker applies for their best
 * matches, about 30 in all), five rooms, a generated and published timetable, and the first
 * interviews already held (finished with an outcome) or missed, so the console, the interviewer's
 * page and the report show figures. Deterministic: the same seekers, positions and matcher every run.
 * Everything of the fair day is stamped on the fair's own date, not the seeding day: the timetable
 * is published that morning and each interview is called, ended or missed at its place in the
 * timetable (the service's clock follows the afternoon, and is given back at the end).
 */
export async function seedInterviewsDemo(
  s: JobsServices,
  ctx: RequestContext,
  fair: { id: string; startsAt: string },
  seekerIds: string[],
  byTitle: Map<string, string>,
) {
  const fairId = fair.id;
  // every other seeker applies for their two best matches, the rest for their best one
  for (const [i, seekerId] of seekerIds.entries()) {
    if (i === 0 || i === 8) continue; // applied above
    const recs = await s.seekers.recommendationsFor(ctx, seekerId, i % 2 === 0 ? 2 : 1);
    for (const [j, r] of recs.entries()) {
      if (r.score <= 0) continue;
      await s.seekers.applyFor(ctx, seekerId, { positionId: r.position.id, clientKey: `seed-fair-${i}-${j}` });
    }
  }
  for (const r of ROOMS) {
    await s.interviews.createRoom(ctx, fairId, {
      name: r.name,
      positionIds: r.titles.map((t) => byTitle.get(t)).filter((id): id is string => !!id),
      meeting: r.meeting,
      slotMinutes: r.slotMinutes ?? null,
      available: null,
    });
  }
  const realClock = s.interviews.clock;
  const day = displayDate(fair.startsAt);
  let minute = 9 * 60; // the morning of the fair: the officers publish the timetable
  s.interviews.clock = () => new Date(`${day}T${hhmm(minute)}:00+08:00`);
  try {
    await s.interviews.generate(ctx, fairId, { slotMinutes: 15, bufferMinutes: 5 });
    await s.interviews.publish(ctx, fairId);
    // the first hour of the afternoon: rooms 1 and 3 held their first interviews, room 4's first candidate did not come
    const rooms = await s.interviews.rooms(ctx, fairId);
    const [r1, , r3, r4] = rooms;
    /** the scheduled start and end (minutes of the day) of a room's next waiting interview */
    const nextOf = async (roomId: string) => {
      const tt = await s.interviews.timetable(ctx, fairId);
      const iv = tt.rooms.find((r) => r.id === roomId)?.interviews.find((x) => x.status === 'scheduled' || x.status === 'waiting');
      return iv ? { start: parseHhmm(iv.start), end: parseHhmm(iv.end) } : null;
    };
    for (const [room, outcomes] of [
      [r1, ['pass', 'hold'] as const],
      [r3, ['fail'] as const],
    ] as const) {
      if (!room) continue;
      let current: string | null = null;
      let end = 0;
      for (const outcome of outcomes) {
        const next = await nextOf(room.id);
        if (!next) break;
        minute = Math.max(next.start, end);
        const called: { id: string } | null | undefined = (await s.interviews.callNext(ctx, room.id, { current })).called;
        if (!called) break;
        end = minute + (next.end - next.start);
        minute = end - 1; // the interviewer writes the outcome at the end of the interview
        await s.interviews.outcome(ctx, called.id, {
          outcome,
          note: outcome === 'pass' ? '基础扎实，沟通清楚' : outcome === 'hold' ? '待与部门负责人商量' : '期望薪资与岗位差距较大',
          offer: outcome === 'pass' ? '月薪 9000 元，12 月底入职' : null,
        });
        current = called.id;
      }
      minute = end;
      if (current) await s.interviews.finish(ctx, current);
      await s.interviews.callNext(ctx, room.id, { current: null });
    }
    if (r4) {
      const next = await nextOf(r4.id);
      minute = (next?.start ?? 13 * 60) + 5; // five minutes past the time, nobody came
      const called = (await s.interviews.callNext(ctx, r4.id, { current: null })).called;
      if (called) await s.interviews.noShow(ctx, called.id, { requeue: false });
    }
  } finally {
    s.interviews.clock = realClock;
  }
}
