import type { BulletinFigure } from '../../../../contracts/bulletin';
import { escapeHtml } from './sanitize';

/**
 * The bulletin's paragraphs are written from the figures by fixed sentences with the numbers
 * filled in — never invented text. A clause whose figures are missing or undefined is left out.
 */
interface Clause {
  /** `{care.calls_reached}` placeholders, each a figure key; `{key|detail}` the figure's word (a topic's name) */
  text: string;
  /** said instead when `text` cannot be (a figure without its word) */
  orElse?: string;
}

const TEMPLATES: Record<string, { headline: string; clauses: Clause[] }> = {
  party: {
    headline: '组织生活 {party.activities_held} 次，出勤率 {party.attendance_rate}%',
    clauses: [
      { text: '本月共开展组织生活 {party.activities_held} 次，出勤率 {party.attendance_rate}%' },
      { text: '党员学习打卡活跃率 {party.study_active_rate}%' },
      { text: '审阅思想汇报和心得体会 {party.reports_reviewed} 篇' },
      { text: '捐款参与率 {party.donation_rate}%' },
      { text: '尚有 {party.reports_waiting} 篇思想汇报待审阅' },
    ],
  },
  care: {
    headline: '电话慰问优抚对象 {care.calls_phoned} 人',
    clauses: [
      { text: '本月电话慰问优抚对象 {care.calls_phoned} 人，其中接通 {care.calls_reached} 人' },
      { text: '登记生活需求 {care.needs_registered} 项' },
      { text: '已送达需求 {care.needs_delivered} 项' },
      { text: '志愿者无接触配送送达 {care.deliveries_done} 户次' },
      { text: '上门走访 {care.visits_done} 次' },
    ],
  },
  training: {
    headline: '举办培训 {training.sessions_held} 场，签到 {training.attendance} 人次',
    clauses: [
      { text: '本月举办业委会培训 {training.sessions_held} 场，签到 {training.attendance} 人次' },
      { text: '随堂测验平均得分率 {training.quiz_mean}%' },
      {
        text: '薄弱知识点：{training.weakest_tag_rate|detail}，答对率 {training.weakest_tag_rate}%，下阶段将加强讲解',
        orElse: '答对率最低的知识点答对率为 {training.weakest_tag_rate}%，下阶段将加强讲解',
      },
      { text: '任期已届满、需换届改选的业委会 {training.terms_expired} 个' },
    ],
  },
  jobs: {
    headline: '举办招聘会 {jobs.fairs_held} 场，新增岗位 {jobs.positions} 个',
    clauses: [
      { text: '本月举办招聘会 {jobs.fairs_held} 场，新增招聘岗位 {jobs.positions} 个' },
      { text: '新登记求职者 {jobs.seekers_registered} 人' },
      { text: '求职者投递简历 {jobs.applications} 份' },
    ],
  },
};

/** a number as the bulletin prints it: whole numbers plainly, rates with at most one decimal */
export function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
}

function fill(text: string, values: Map<string, number | null>, details: Map<string, string | undefined> = new Map()): string | null {
  let ok = true;
  const out = text.replace(/\{([a-z0-9_.]+)(\|detail)?\}/g, (_m, key: string, detail?: string) => {
    if (detail) {
      const d = details.get(key);
      if (!d) ok = false;
      return escapeHtml(d ?? '');
    }
    const v = values.get(key);
    if (v === null || v === undefined) {
      ok = false;
      return '';
    }
    return formatValue(v);
  });
  return ok ? out : null;
}

export interface DraftSection {
  module: string;
  title: string;
  headline: string;
  html: string;
  figures: BulletinFigure[];
}

/** One section per line of work that has figures: headline and paragraph from its template. */
export function draftSections(figures: (BulletinFigure & { module: string; section: string })[]): DraftSection[] {
  const modules = [...new Set(figures.map((f) => f.module))];
  const order = (m: string) => {
    const i = Object.keys(TEMPLATES).indexOf(m);
    return i < 0 ? 99 : i;
  };
  modules.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const sections: DraftSection[] = [];
  for (const module of modules) {
    const own = figures.filter((f) => f.module === module);
    if (own.every((f) => f.value === null)) continue;
    const values = new Map(own.map((f) => [f.key, f.value]));
    const details = new Map(own.map((f) => [f.key, f.detail]));
    const tpl = TEMPLATES[module];
    let clauses: string[];
    let headline: string | null;
    if (tpl) {
      clauses = tpl.clauses
        .map((c) => fill(c.text, values, details) ?? (c.orElse ? fill(c.orElse, values) : null))
        .filter((c): c is string => c !== null);
      headline = fill(tpl.headline, values);
    } else {
      clauses = own
        .filter((f) => f.value !== null)
        .map((f) => `${f.label} ${formatValue(f.value as number)}${f.unit === '%' ? '%' : ` ${f.unit}`}`);
      headline = null;
    }
    const title = own[0]?.section ?? module;
    sections.push({
      module,
      title,
      headline: headline ?? title,
      html: clauses.length ? `<p>${clauses.join('；')}。</p>` : '',
      figures: own.map(({ key, label, value, detail, unit, how }) => ({ key, label, value, ...(detail ? { detail } : {}), unit, how })),
    });
  }
  return sections;
}
