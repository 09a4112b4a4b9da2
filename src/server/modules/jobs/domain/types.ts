/** A job seeker as the matcher sees them (择业意向 included). Names may be any text. */
export interface SeekerInput {
  id: string;
  education?: string | null;
  major?: string | null;
  graduationYear?: number | null;
  categories?: string[] | null;
  industries?: string[] | null;
  districts?: string[] | null;
  /** monthly RMB (元) */
  salaryMin?: number | null;
  salaryMax?: number | null;
  experienceYears?: number | null;
  skills?: string | null;
}

/** A position (岗位) as the matcher sees it. */
export interface PositionInput {
  id: string;
  title?: string | null;
  employer?: string | null;
  category?: string | null;
  industry?: string | null;
  district?: string | null;
  salaryMin?: number | null;
  salaryMax?: number | null;
  education?: string | null;
  majors?: string[] | null;
  experienceYears?: number | null;
  description?: string | null;
  skills?: string | null;
  /** openings; the fair-level view allows headcount × factor recommendations */
  headcount?: number | null;
}

/** Splits text into words (the jieba segmenter in production; any function in tests). */
export type Tokenize = (text: string) => string[];

export type PartName = 'category' | 'text' | 'major' | 'education' | 'salary' | 'district' | 'experience' | 'industry';

export const PART_NAMES: readonly PartName[] = ['category', 'text', 'major', 'education', 'salary', 'district', 'experience', 'industry'];

export type Weights = Record<PartName, number>;

/** Rules that exclude a pair outright instead of lowering its score; each can be switched. */
export interface HardRules {
  /** 学历低于岗位要求 → excluded */
  educationBelowRequirement: boolean;
  /** 岗位最高薪资低于求职者期望下限 → excluded */
  salaryBelowExpectation: boolean;
  /** 工作地点不在意向区 (不限 matches all) → excluded */
  districtMustMatch: boolean;
  /** 工作年限低于岗位要求 → excluded */
  experienceBelowRequirement: boolean;
}

export interface MatchOptions {
  weights: Weights;
  hardRules: HardRules;
}

/** One part's value in [0,1] and, when it says something, its reason in Chinese. */
export interface Part {
  value: number;
  reason: string | null;
  /** a reason that speaks against the match (shown after the positive ones) */
  negative?: boolean;
}

export interface Match {
  seeker: string;
  position: string;
  score: number;
  reasons: string[];
  parts: Record<PartName, number>;
}
