import type { Application, Employer, Fair, Position, Seeker } from '../../../contracts/jobs';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus, type FairStatus, type SeekerStatus } from '../../../contracts/jobs.vocab';
import type { ApplicationRow, EmployerRow, FairRow, PositionRow } from './jobs.repository';
import type { JobsSeekersTable } from './jobs.tables';

export const parseList = (v: string | null | undefined): string[] => {
  if (!v) return [];
  try {
    const a = JSON.parse(v);
    return Array.isArray(a) ? a.map(String) : [];
  } catch {
    return [];
  }
};

export function presentFair(r: FairRow, seekers = 0): Fair {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    organiser: r.organiser,
    partners: parseList(r.partners),
    description: r.description,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    registrationDeadline: r.registration_deadline,
    status: r.status as FairStatus,
    publishedAt: r.published_at,
    positions: Number(r.position_count ?? 0),
    seekers,
  };
}

export function presentEmployer(r: EmployerRow): Employer {
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    description: r.description,
    positions: Number(r.position_count ?? 0),
  };
}

export function presentPosition(r: PositionRow): Position {
  return {
    id: r.id,
    employerId: r.employer_id,
    employerName: r.employer_name,
    fairId: r.fair_id,
    title: r.title,
    category: r.category,
    industry: r.industry,
    district: r.district,
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    education: r.education,
    majors: parseList(r.majors),
    experienceYears: r.experience_years,
    headcount: r.headcount,
    description: r.description,
    skills: r.skills,
    open: r.open === 1,
    applicants: Number(r.applicant_count ?? 0),
  };
}

/** a seeker as staff or a consenting seeker's employer sees them: the phone masked to its tail */
export function presentSeeker(r: JobsSeekersTable): Seeker {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthYear: r.birth_year,
    phoneMasked: r.phone_tail,
    status: r.status as SeekerStatus,
    education: r.education,
    school: r.school,
    major: r.major,
    graduationYear: r.graduation_year,
    categories: parseList(r.categories),
    industries: parseList(r.industries),
    districts: parseList(r.districts),
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    experienceYears: r.experience_years,
    skills: r.skills,
    smsOptIn: r.sms_opt_in === 1,
    available: r.available ? (JSON.parse(r.available) as [string, string][]) : null,
    consented: r.consented === 1,
    consentedAt: r.consented_at,
    registeredBy: r.registered_by === 'staff' ? 'staff' : 'self',
    createdAt: r.created_at,
  };
}

export function presentApplication(
  r: ApplicationRow,
  extra: { score?: number | null; reasons?: string[]; seeker?: JobsSeekersTable | null } = {},
): Application {
  return {
    id: r.id,
    positionId: r.position_id,
    positionTitle: r.position_title,
    employerName: r.employer_name,
    seekerId: r.seeker_id,
    seekerName: r.seeker_name,
    status: r.status,
    statusLabel: APPLICATION_STATUS_LABEL[r.status as ApplicationStatus] ?? r.status,
    createdBy: r.created_by_kind === 'staff' ? 'staff' : 'self',
    createdAt: r.created_at,
    score: extra.score ?? null,
    reasons: extra.reasons ?? [],
    seeker: extra.seeker ? presentSeeker(extra.seeker) : null,
  };
}
