import type { Page } from 'playwright-core';

/** A job fair a browser test makes for itself, through the API as the signed-in officer (the forms make the same calls). */
export interface FairSpec {
  title: string;
  /** position titles, all of the first employer */
  positions: string[];
  /** rooms, each serving positions given by their index in `positions` */
  rooms: { name: string; positions: number[]; meeting: string }[];
  /** applications: [consenting seeker's index, position's index] */
  applications: [number, number][];
}

export interface MadeFair {
  fairId: string;
  positionIds: string[];
  roomIds: string[];
  /** the seekers used, by the index the spec gave them */
  seekers: { id: string; name: string }[];
}

/** Makes the fair on the page's session: the fair, its positions, the seekers' applications, its rooms. */
export async function makeFair(page: Page, spec: FairSpec): Promise<MadeFair> {
  return page.evaluate(async (spec) => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const fair = await call<{ id: string }>('POST', '/api/jobs/fairs', {
      title: spec.title,
      startsAt: '2026-12-16T05:00:00.000Z',
      organiser: '小东门街道社区事务受理服务中心',
      partners: [],
      contactPhone: '021-63300000',
    });
    const employers = await call<{ employers: { id: string }[] }>('GET', '/api/jobs/employers');
    const employerId = employers.employers[0]?.id as string;
    const positionIds: string[] = [];
    for (const title of spec.positions) {
      const p = await call<{ id: string }>('POST', '/api/jobs/positions', {
        employerId,
        fairId: fair.id,
        title,
        category: '软件开发',
        salaryMin: 8000,
        salaryMax: 12000,
        headcount: 2,
      });
      positionIds.push(p.id);
    }
    const list = await call<{ items: { id: string; name: string; consented: boolean }[] }>('GET', '/api/jobs/seekers?pageSize=200');
    const seekers = list.items.filter((s) => s.consented).map((s) => ({ id: s.id, name: s.name }));
    for (const [i, [s, p]] of spec.applications.entries()) {
      await call('POST', `/api/jobs/seekers/${seekers[s]?.id}/applications`, {
        positionId: positionIds[p],
        clientKey: `e2e-${fair.id}-${i}`,
      });
    }
    const roomIds: string[] = [];
    for (const r of spec.rooms) {
      const room = await call<{ id: string }>('POST', `/api/jobs/fairs/${fair.id}/rooms`, {
        name: r.name,
        positionIds: r.positions.map((i) => positionIds[i]),
        meeting: r.meeting,
      });
      roomIds.push(room.id);
    }
    const used = [...new Set(spec.applications.map(([s]) => s))];
    return {
      fairId: fair.id,
      positionIds,
      roomIds,
      seekers: Array.from({ length: Math.max(...used) + 1 }, (_, i) => seekers[i] ?? { id: '', name: '' }),
    };
  }, spec);
}
