import { uuidv7 } from 'uuidv7';
import type { TestApp } from '../../../../../test/app';
import { systemContext } from '../../../../../test/factories';
import { idNumber } from '../../../../../test/xlsx';

let seq = 0;

/** An employer of the subdistrict (the demo one unless told), written directly: also the resource a partner is granted on. */
export async function buildEmployer(t: TestApp, subdistrictId = t.org.subdistrictId, name?: string): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('jobs_employers')
    .values({
      id,
      subdistrict_id: subdistrictId,
      name: name ?? `测试单位${++seq}-${id.slice(-6)}`,
      industry: null,
      contact_name: null,
      contact_phone: null,
      description: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function buildPosition(
  t: TestApp,
  o: {
    employerId?: string;
    fairId?: string;
    title?: string;
    category?: string;
    salaryMin?: number;
    salaryMax?: number;
    education?: string;
    majors?: string[];
    skills?: string;
  } = {},
) {
  const employerId = o.employerId ?? (await buildEmployer(t));
  return t.services.jobs.positions.createPosition(systemContext(t), {
    employerId,
    fairId: o.fairId ?? null,
    title: o.title ?? 'Java 开发工程师',
    category: o.category ?? '软件开发',
    industry: '互联网',
    district: '黄浦区',
    salaryMin: o.salaryMin ?? 8000,
    salaryMax: o.salaryMax ?? 12000,
    education: o.education ?? '本科',
    majors: o.majors ?? ['软件工程'],
    experienceYears: 0,
    headcount: 2,
    description: '后端开发',
    skills: o.skills ?? 'Java MySQL',
  });
}

/** A seeker registered by staff (a core person by ID number), consenting unless told. */
export async function buildSeeker(t: TestApp, o: { name?: string; consent?: boolean; major?: string; categories?: string[] } = {}) {
  seq++;
  return t.services.jobs.seekers.register(systemContext(t), {
    name: o.name ?? `求职者${seq}`,
    idNumber: idNumber(`1998${String(1 + (seq % 12)).padStart(2, '0')}10`, 600 + seq),
    phone: `1370000${String(1000 + seq).slice(-4)}`,
    gender: null,
    birthYear: 1998,
    status: 'graduate',
    education: '本科',
    school: '上海大学',
    major: o.major ?? '软件工程',
    graduationYear: 2020,
    categories: o.categories ?? ['软件开发'],
    industries: [],
    districts: ['黄浦区'],
    salaryMin: 8000,
    salaryMax: 10000,
    experienceYears: 0,
    skills: 'Java',
    smsOptIn: false,
    consent: o.consent ?? true,
  });
}

export async function buildFair(t: TestApp) {
  return t.services.jobs.fairs.create(systemContext(t), {
    title: `测试招聘会${++seq}`,
    startsAt: '2026-12-16T05:00:00.000Z',
    organiser: '小东门街道',
    partners: [],
    description: null,
    contactPhone: '021-63300000',
    contactEmail: null,
    registrationDeadline: null,
  });
}

export async function buildApplication(t: TestApp) {
  const p = await buildPosition(t);
  const s = await buildSeeker(t);
  const a = await t.services.jobs.seekers.applyFor(systemContext(t), s.id, { positionId: p.id, clientKey: `fixture-${uuidv7()}` });
  return a.id;
}
