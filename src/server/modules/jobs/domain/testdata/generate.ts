/**
 * Seeded random seekers and positions (for the fast-path test and the speed benchmark). Values are
 * drawn from small pools, so many pairs tie and free-text names (not in the taxonomy) occur.
 */

import { seededRandom } from '../../../../core/random';
import type { PositionInput, SeekerInput } from '../types';

export const rng = seededRandom;

const CATEGORIES = [
  '软件开发',
  '软件测试',
  '运维',
  '数据分析',
  '产品经理',
  '计算机/互联网',
  '文员',
  '行政专员/助理',
  '前台',
  '销售代表',
  '销售',
  '外贸',
  '会计',
  '出纳',
  '财务/会计',
  '银行柜员',
  '保险',
  '教师',
  '幼师',
  '课程顾问',
  '护士',
  '养老护理员',
  '药店店员',
  '厨师',
  '服务员',
  '物业管理',
  '保安',
  '社区工作',
  '仓库管理',
  '快递员',
  '普工',
  '数控车工',
  '电工',
  '质检',
  '机械工程师',
  '平面设计',
  'UI设计',
  '室内设计',
  '视频剪辑',
  '法务',
  '律师助理',
  '人事专员',
  '招聘',
  '新媒体运营',
  '电商运营',
  '客服',
  '施工员',
  '造价员',
  '酒店前台',
  '理货员',
  '写代码',
  '跑腿送货',
  '坐办公室',
  '带小孩',
  '开网店',
];
const TITLES: Record<string, string[]> = {
  default: ['专员', '助理', '工程师', '主管', '实习生'],
};
const SKILLS = [
  'Java',
  'Python',
  'SQL',
  'Excel',
  'Word',
  'Linux',
  'Vue',
  'React',
  'Photoshop',
  'CAD',
  '沟通',
  '英语',
  '日语',
  '驾照',
  '叉车证',
  '电工证',
  '教师资格证',
  '护士执业资格证',
  '初级会计',
  '广联达',
  '抖音',
  '公众号',
  '文案',
  '收银',
  '点钞',
  '数控',
  'PLC',
  '打字',
  '销售',
  '谈判',
  '客户服务',
  '数据分析',
  '剪辑',
  '烹饪',
  '健康证',
  '保安员证',
  '社工证',
  'SolidWorks',
  '普通话',
  '团队管理',
];
const MAJORS = [
  '软件工程',
  '计算机科学与技术',
  '计算机应用技术',
  '统计学',
  '会计学',
  '财务管理',
  '金融学',
  '市场营销',
  '人力资源管理',
  '法学',
  '英语',
  '学前教育',
  '护理学',
  '药学',
  '机械设计制造及其自动化',
  '数控技术',
  '土木工程',
  '工程造价',
  '视觉传达设计',
  '汉语言文学',
  '物流管理',
  '电子商务',
  '社会工作',
  '酒店管理',
  '哲学',
  '考古学',
];
const EDUCATION = ['初中及以下', '高中', '中专', '大专', '本科', '硕士', '博士', '不限', '专科', '研究生'];
const DISTRICTS = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '浦东新区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区',
  '不限',
  '浦东',
  '外地',
];
const INDUSTRIES = [
  '互联网/IT',
  '金融',
  '教育培训',
  '医疗健康',
  '制造业',
  '建筑/房地产',
  '零售/批发',
  '餐饮/酒店',
  '物流',
  '物业',
  '传媒',
  '专业服务',
  '外贸',
  '公益',
];

export function generate(seed: number, seekerCount: number, positionCount: number): { seekers: SeekerInput[]; positions: PositionInput[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs)))];
  const maybe = <T>(v: T, p = 0.9): T | undefined => (r() < p ? v : undefined);
  const salary = () => {
    const min = 3000 + 500 * Math.floor(r() * 30);
    return { min, max: min + 500 * Math.floor(r() * 16) };
  };
  const positions: PositionInput[] = Array.from({ length: positionCount }, (_, i) => {
    const category = pick(CATEGORIES);
    const s = salary();
    return {
      id: `P${i + 1}`,
      title: `${category}${pick(TITLES.default as string[])}`,
      employer: `上海某${pick(INDUSTRIES)}公司`,
      category: maybe(category),
      industry: maybe(pick(INDUSTRIES)),
      district: maybe(pick(DISTRICTS)),
      salaryMin: maybe(s.min),
      salaryMax: maybe(s.max),
      education: maybe(pick(EDUCATION)),
      majors: some(MAJORS, 3),
      experienceYears: maybe(Math.floor(r() * 4)),
      description: `负责${category}相关工作，要求${some(SKILLS, 4).join('、')}。`,
      skills: some(SKILLS, 5).join(' '),
      headcount: 1 + Math.floor(r() * 5),
    };
  });
  const seekers: SeekerInput[] = Array.from({ length: seekerCount }, (_, i) => {
    const s = salary();
    return {
      id: `S${i + 1}`,
      education: maybe(pick(EDUCATION.slice(0, 7))),
      major: maybe(pick(MAJORS), 0.7),
      graduationYear: 2000 + Math.floor(r() * 21),
      categories: some(CATEGORIES, 3),
      industries: some(INDUSTRIES, 2),
      districts: some(DISTRICTS, 3),
      salaryMin: maybe(s.min),
      salaryMax: maybe(s.max),
      experienceYears: maybe(Math.floor(r() * 8)),
      skills: some(SKILLS, 6).join(' '),
    };
  });
  return { seekers, positions };
}
