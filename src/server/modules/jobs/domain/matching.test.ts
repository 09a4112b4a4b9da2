import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jiebaTokenize } from '../segmenter';
import { parseEducation } from './education';
import { capacityOf, recommendForFair } from './fair';
import { DEFAULT_WEIGHTS, Matcher, matchOptions } from './matcher';
import {
  categoryName,
  categoryPart,
  districtMismatch,
  districtPart,
  educationBelow,
  educationPart,
  experiencePart,
  industryPart,
  majorPart,
  majorRequirement,
  salaryPart,
  seekerMajor,
} from './parts';
import { majorGroup, resolveCategory, resolveDistrict, resolveIndustry, SHANGHAI_DISTRICTS } from './taxonomy';
import { generate } from './testdata/generate';
import { Bm25, bigramsOf, nameSimilarity, terms } from './text';
import type { PositionInput, SeekerInput } from './types';

const edu = parseEducation;

describe('salary overlap', () => {
  it('grows with the share of the expected range the position can pay (0.3 at none, 1 at all)', () => {
    expect(salaryPart(6000, 10000, 5000, 9000)).toEqual({ value: 0.3 + 0.7 * 0.75, reason: '薪资期望与岗位范围重合 75%', negative: false });
    expect(salaryPart(6000, 10000, 4000, 7000).value).toBe(0.3 + 0.7 * 0.25);
    expect(salaryPart(6000, 10000, 4000, 6000).value).toBe(0.3);
    expect(salaryPart(6000, 10000, 4000, 7000).negative).toBe(true);
    expect(salaryPart(6000, 6000, 5000, 6000).value).toBe(1);
  });
  it('is full when the position pays at least the expectation', () => {
    expect(salaryPart(5000, 7000, 8000, 12000)).toEqual({ value: 1, reason: '岗位薪资 8000–12000 元，不低于期望' });
    expect(salaryPart(5000, 7000, 7000, 9000).value).toBe(1);
    expect(salaryPart(8000, 12000, 10000, 15000)).toEqual({ value: 1, reason: '岗位薪资 10000–15000 元，可达期望上限' });
  });
  it('falls off below the expectation and says so', () => {
    const p = salaryPart(8000, 10000, 5000, 6800);
    expect(p.value).toBeCloseTo(0.15, 10);
    expect(p.reason).toBe('岗位最高薪资 6800 元，低于期望下限 8000 元');
    expect(p.negative).toBe(true);
    expect(salaryPart(8000, 10000, 3000, 5000).value).toBe(0);
  });
  it('never jumps: a little below the minimum is a little worse than reaching it', () => {
    const below = salaryPart(15000, 25000, 10000, 14900).value;
    const at = salaryPart(15000, 25000, 10000, 15000).value;
    const above = salaryPart(15000, 25000, 10000, 16000).value;
    expect(below).toBeLessThan(at);
    expect(at).toBeLessThan(above);
    expect(at - below).toBeLessThan(0.01);
  });
  it('is neutral without numbers and accepts one-sided ranges', () => {
    expect(salaryPart(null, null, 5000, 6000)).toEqual({ value: 0.5, reason: null });
    expect(salaryPart(6000, 9000, null, null).value).toBe(0.5);
    expect(salaryPart(6000, null, null, 7000).value).toBe(1);
  });
  it('always lies in [0,1]', () => {
    const n = fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null });
    fc.assert(
      fc.property(n, n, n, n, (a, b, c, d) => {
        const v = salaryPart(a, b, c, d).value;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('education', () => {
  it('reads the seven levels and common other names', () => {
    expect(edu('本科')).toMatchObject({ kind: 'level', rank: 3 });
    expect(edu('大学本科')).toMatchObject({ level: '本科' });
    expect(edu('专科')).toMatchObject({ level: '大专' });
    expect(edu('研究生')).toMatchObject({ level: '硕士' });
    expect(edu('大专及以上')).toMatchObject({ level: '大专' });
    expect(edu('不限')).toEqual({ kind: 'any' });
    expect(edu(undefined)).toEqual({ kind: 'any' });
    expect(edu('博士后')).toEqual({ kind: 'unknown', text: '博士后' });
    // 高中 and 中专 are both upper-secondary
    expect(edu('高中')).toMatchObject({ rank: 1 });
    expect(edu('中专')).toMatchObject({ rank: 1 });
  });
  it('scores and words the fit', () => {
    expect(educationPart(edu('本科'), edu('大专'))).toEqual({ value: 1, reason: '学历符合：本科（要求大专及以上）' });
    expect(educationPart(edu('博士'), edu('高中'))).toEqual({ value: 0.7, reason: '学历高于要求较多：博士（要求高中及以上）' });
    expect(educationPart(edu('大专'), edu('本科'))).toEqual({ value: 0.3, reason: '学历低于要求：大专（要求本科及以上）', negative: true });
    expect(educationPart(edu('高中'), edu('本科')).value).toBe(0);
    expect(educationPart(edu('高中'), edu('中专')).value).toBe(1);
    expect(educationPart(edu('高中'), edu('初中及以下')).reason).toBe('学历符合：高中（要求初中及以下）');
    expect(educationPart(edu('本科'), edu('不限'))).toEqual({ value: 1, reason: '学历不限（本科）' });
    expect(educationPart(edu(''), edu('本科'))).toMatchObject({ value: 0.5, negative: true });
  });
  it('knows when the seeker is below the requirement', () => {
    expect(educationBelow(edu('大专'), edu('本科'))).toBe(true);
    expect(educationBelow(edu('本科'), edu('本科'))).toBe(false);
    expect(educationBelow(edu(''), edu('本科'))).toBe(false);
    expect(educationBelow(edu('初中'), edu('不限'))).toBe(false);
  });
});

describe('taxonomy', () => {
  it('resolves names, aliases and free text', () => {
    expect(resolveCategory('软件开发').node?.code).toBe('it.dev');
    expect(resolveCategory('程序员').node?.code).toBe('it.dev');
    expect(resolveCategory('计算机/互联网').node).toMatchObject({ code: 'it', level: 1 });
    expect(resolveCategory('IT').node?.code).toBe('it');
    expect(resolveCategory('保险理赔').node?.code).toBe('finance_ind.insurance');
    expect(resolveCategory('招生').node?.code).toBe('edu.admin');
    expect(resolveCategory('写代码')).toEqual({ node: null, text: '写代码' });
    expect(resolveCategory('')).toEqual({ node: null, text: '' });
  });
  it('has 15–25 top categories with sub-categories and the 16 districts', async () => {
    const data = (await import('../data/categories.json')).default as { categories: { children: unknown[] }[] };
    expect(data.categories.length).toBeGreaterThanOrEqual(15);
    expect(data.categories.length).toBeLessThanOrEqual(25);
    for (const c of data.categories) expect(c.children.length).toBeGreaterThan(0);
    expect(SHANGHAI_DISTRICTS).toHaveLength(16);
  });
  it('resolves districts, industries and major groups', () => {
    expect(resolveDistrict('浦东')).toEqual({ any: false, name: '浦东新区', zone: 'central' });
    expect(resolveDistrict('不限')).toEqual({ any: true });
    expect(resolveDistrict('')).toEqual({ any: true });
    expect(resolveDistrict('苏州')).toEqual({ any: false, name: '苏州', zone: null });
    expect(resolveIndustry('银行')).toEqual({ code: 'finance', name: '金融', key: '金融' });
    expect(resolveIndustry('宠物')).toEqual({ code: null, name: '宠物', key: '宠物' });
    expect(majorGroup('软件工程')?.code).toBe('cs');
    expect(majorGroup('计算机应用')?.code).toBe('cs');
    expect(majorGroup('哲学')).toBeNull();
  });
});

describe('category fit', () => {
  const pos = (c: string) => categoryName(resolveCategory(c));
  const t = (x: string) => ({ text: x, grams: bigramsOf(x) });
  it('grades exact, whole top category, same top category and unrelated', () => {
    expect(categoryPart([pos('软件开发')], pos('Java开发'), t('Java后端开发工程师'), null)).toEqual({
      value: 1,
      reason: '意向类别相符：软件开发',
    });
    expect(categoryPart([pos('计算机/互联网')], pos('软件测试'), t('测试工程师'), null)).toEqual({
      value: 0.85,
      reason: '意向类别相符：计算机/互联网',
    });
    expect(categoryPart([pos('软件开发')], pos('运维'), t('运维工程师'), null)).toEqual({
      value: 0.6,
      reason: '同属计算机/互联网大类（意向：软件开发）',
    });
    expect(categoryPart([pos('会计')], pos('厨师'), t('厨师'), null)).toMatchObject({
      value: 0,
      negative: true,
      reason: '岗位类别「厨师」不在求职意向内',
    });
  });
  it('compares names only when one of them is free text', () => {
    expect(categoryPart([pos('销售代表')], pos('厨师'), t('销售厨师'), null).value).toBe(0);
  });
  it('takes the best of several intentions', () => {
    expect(categoryPart([pos('厨师'), pos('出纳')], pos('出纳'), t('出纳'), null).value).toBe(1);
  });
  it('compares free text by name similarity', () => {
    const p = categoryPart([pos('写代码')], pos('代码编写'), t('写代码的'), null);
    expect(p.value).toBeGreaterThan(0.3);
    expect(p.reason).toBe('意向「写代码」与岗位「写代码的」相近');
    expect(nameSimilarity('写代码', '写代码')).toBe(1);
    expect(nameSimilarity('写代码', '烹饪')).toBe(0);
    expect(nameSimilarity('', '烹饪')).toBe(0);
  });
  it('without intentions, follows the major, else is neutral', () => {
    expect(categoryPart([], pos('护士'), t('护士'), majorGroup('护理学'))).toEqual({ value: 0.6, reason: '专业方向对口：护士/护理' });
    expect(categoryPart([], pos('厨师'), t('厨师'), majorGroup('护理学'))).toEqual({ value: 0.5, reason: null });
  });
});

describe('major fit', () => {
  const req = majorRequirement(['计算机科学与技术', '软件工程']);
  it('grades listed, same group, similar, other and no requirement', () => {
    expect(majorPart(seekerMajor('软件工程'), req)).toEqual({ value: 1, reason: '专业对口：软件工程' });
    expect(majorPart(seekerMajor('网络工程'), req)).toEqual({
      value: 0.7,
      reason: '专业相关：网络工程（岗位要求计算机科学与技术、软件工程）',
    });
    expect(majorPart(seekerMajor('哲学'), req)).toMatchObject({
      value: 0,
      negative: true,
      reason: '专业不在岗位要求范围内（要求计算机科学与技术、软件工程）',
    });
    expect(majorPart(seekerMajor(''), req)).toMatchObject({ value: 0, negative: true });
    expect(majorPart(seekerMajor('哲学'), majorRequirement([]))).toEqual({ value: 0.6, reason: null });
    expect(majorPart(seekerMajor('软件工程技术'), majorRequirement(['软件工程'])).value).toBe(0.7);
    expect(majorPart(seekerMajor('园艺学'), majorRequirement(['园艺']))).toEqual({
      value: 1 / 3,
      reason: '专业相近：园艺学（岗位要求园艺）',
    });
  });
});

describe('district, experience, industry', () => {
  const d = resolveDistrict;
  it('district: 不限 matches all, same zone a little, else nothing', () => {
    expect(districtPart([d('浦东新区')], d('浦东'))).toEqual({ value: 1, reason: '工作地点在意向区：浦东新区' });
    expect(districtPart([d('不限')], d('嘉定区')).value).toBe(1);
    expect(districtPart([], d('嘉定区')).value).toBe(1);
    expect(districtPart([d('黄浦区')], d('不限'))).toEqual({ value: 1, reason: '工作地点不限' });
    expect(districtPart([d('黄浦区')], d('静安区'))).toMatchObject({ value: 0.3, negative: true });
    expect(districtPart([d('黄浦区')], d('崇明区'))).toEqual({ value: 0, reason: '工作地点崇明区不在意向区（黄浦区）', negative: true });
    expect(districtMismatch([d('黄浦区')], d('崇明区'))).toBe(true);
    expect(districtMismatch([d('黄浦区'), d('不限')], d('崇明区'))).toBe(false);
  });
  it('experience: meeting the years is 1, short of them less', () => {
    expect(experiencePart(0, 0)).toEqual({ value: 1, reason: '无经验要求，接受应届生' });
    expect(experiencePart(3, 2)).toEqual({ value: 1, reason: '经验符合：3 年（要求 2 年）' });
    expect(experiencePart(0, 1)).toEqual({ value: 0.5, reason: '经验不足：0 年（要求 1 年）', negative: true });
    expect(experiencePart(null, 3).value).toBe(0.25);
  });
  it('industry: intended 1, none named neutral, other 0', () => {
    expect(industryPart([resolveIndustry('银行')], resolveIndustry('金融'))).toEqual({ value: 1, reason: '意向行业：金融' });
    expect(industryPart([], resolveIndustry('金融')).value).toBe(0.5);
    expect(industryPart([resolveIndustry('教育')], resolveIndustry('金融')).value).toBe(0);
    expect(industryPart([resolveIndustry('宠物')], resolveIndustry('宠物')).value).toBe(1);
  });
});

describe('text similarity', () => {
  it('segments with jieba and drops stop words, single characters and numbers', () => {
    const t = terms(jiebaTokenize, '熟练掌握Java和MySQL，有2年新媒体运营经验');
    expect(t).toContain('java');
    expect(t).toContain('mysql');
    expect(t).toContain('新媒体运营');
    expect(t).not.toContain('经验');
    expect(t).not.toContain('和');
    expect(t).not.toContain('2');
  });
  it('BM25: shared rare words count more; plain and postings paths agree to the bit', () => {
    const docs = ['Java 后端 开发 MySQL', '会计 报税 Excel', 'Excel 文员 录入', 'Java 测试 Excel'].map((s) => terms(jiebaTokenize, s));
    const bm = new Bm25(docs);
    const q = bm.query(terms(jiebaTokenize, 'Java MySQL 量子力学'));
    expect(bm.similarity(q, 0)).toBeGreaterThan(bm.similarity(q, 3));
    expect(bm.similarity(q, 1)).toBe(0);
    const out = new Float64Array(docs.length);
    bm.similarities(q, out);
    for (let d = 0; d < docs.length; d++) expect(out[d]).toBe(bm.similarity(q, d));
    expect(bm.matchedTerms(q, 0)).toEqual(['mysql', 'java']);
    // a word no document has is left out of the query
    expect(q.terms.length).toBe(2);
  });
});

const seeker = (o: Partial<SeekerInput> = {}): SeekerInput => ({
  id: 'S1',
  education: '本科',
  major: '软件工程',
  categories: ['Java开发'],
  districts: ['浦东新区'],
  salaryMin: 8000,
  salaryMax: 12000,
  experienceYears: 0,
  skills: 'Java Spring MySQL',
  ...o,
});
const position = (o: Partial<PositionInput> = {}): PositionInput => ({
  id: 'P1',
  title: 'Java开发工程师',
  category: '软件开发',
  industry: '互联网',
  district: '浦东新区',
  salaryMin: 10000,
  salaryMax: 15000,
  education: '本科',
  majors: ['软件工程'],
  experienceYears: 0,
  description: '负责后端接口开发',
  skills: 'Java Spring MySQL',
  ...o,
});

describe('matcher', () => {
  it('scores in [0,1] with reasons in Chinese, positive first', () => {
    // other development positions make 开发/软件/工程 common words, so the rare skills explain the match
    const others = ['Vue React', 'Python Django', 'Go Kubernetes'].map((skills, i) =>
      position({ id: `P${i + 2}`, title: '软件开发工程师', skills, description: '负责软件开发' }),
    );
    const m = new Matcher([seeker()], [position(), ...others], jiebaTokenize);
    const r = m.explain(0, 0);
    expect(r?.score).toBeGreaterThan(0.9);
    expect(r?.score).toBeLessThanOrEqual(1);
    expect(r?.reasons).toEqual([
      '意向类别相符：软件开发',
      '技能/关键词相关：java、spring、mysql',
      '专业对口：软件工程',
      '学历符合：本科（要求本科及以上）',
      '岗位薪资 10000–15000 元，可达期望上限',
      '工作地点在意向区：浦东新区',
      '无经验要求，接受应届生',
    ]);
  });
  it('applies each hard rule only when it is switched on', () => {
    const s = [seeker({ education: '大专', districts: ['崇明区'], salaryMin: 20000, salaryMax: 25000, experienceYears: 0 })];
    const p = [position({ experienceYears: 2 })];
    expect(new Matcher(s, p, jiebaTokenize).scorePair(0, 0)).toBeNull();
    const none = { educationBelowRequirement: false };
    expect(new Matcher(s, p, jiebaTokenize, matchOptions({ hardRules: none })).scorePair(0, 0)).toBeTypeOf('number');
    for (const rule of ['salaryBelowExpectation', 'districtMustMatch', 'experienceBelowRequirement'] as const) {
      expect(new Matcher(s, p, jiebaTokenize, matchOptions({ hardRules: { ...none, [rule]: true } })).scorePair(0, 0)).toBeNull();
    }
    const r = new Matcher(s, p, jiebaTokenize, matchOptions({ hardRules: none })).explain(0, 0);
    expect(r?.reasons).toEqual(
      expect.arrayContaining([
        '学历低于要求：大专（要求本科及以上）',
        '岗位最高薪资 15000 元，低于期望下限 20000 元',
        '经验不足：0 年（要求 2 年）',
      ]),
    );
    // what speaks against the match comes after what speaks for it
    const firstNegative =
      r?.reasons.findIndex((x) => x.startsWith('学历低于') || x.startsWith('岗位最高') || x.startsWith('经验不足')) ?? -1;
    expect(r?.reasons.slice(0, firstNegative).some((x) => x.startsWith('意向类别相符'))).toBe(true);
  });
  it('ranks in both directions with the same pair score', () => {
    const seekers = [seeker(), seeker({ id: 'S2', major: '会计学', categories: ['会计'], skills: '记账 报税' })];
    const positions = [position(), position({ id: 'P2', title: '会计', category: '会计', majors: ['会计学'], skills: '记账 报税 金蝶' })];
    const m = new Matcher(seekers, positions, jiebaTokenize);
    expect(m.topPositions(0, 2).map((x) => x.position)).toEqual(['P1', 'P2']);
    expect(m.topPositions(1, 2).map((x) => x.position)).toEqual(['P2', 'P1']);
    expect(m.topSeekers(1, 2).map((x) => x.seeker)).toEqual(['S2', 'S1']);
    expect(m.topSeekers(1, 1)[0]?.score).toBe(m.topPositions(1, 1)[0]?.score);
  });
  it('works on free text and missing optional fields', () => {
    const m = new Matcher(
      [{ id: 'S1', categories: ['写代码'] }, { id: 'S2' }],
      [{ id: 'P1', title: '写代码的' }, { id: 'P2' }],
      jiebaTokenize,
    );
    const r = m.topPositions(0, 2);
    expect(r.map((x) => x.position)).toEqual(['P1', 'P2']);
    for (const x of [...r, ...m.topPositions(1, 2)]) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });
  it('copes with no positions, no seekers and k beyond the list', () => {
    expect(new Matcher([seeker()], [], jiebaTokenize).topPositions(0, 5)).toEqual([]);
    expect(new Matcher([], [position()], jiebaTokenize).topSeekers(0, 5)).toEqual([]);
    const m = new Matcher([seeker()], [position(), position({ id: 'P2' })], jiebaTokenize);
    expect(m.topPositions(0, 50).map((x) => x.position)).toEqual(['P1', 'P2']);
    expect(m.topPositions(0, 0)).toEqual([]);
  });
  it('weights sum to one by default', () => {
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('fast path', () => {
  it('returns exactly the top 20 that scoring every pair returns (seeded random data, several settings)', () => {
    const settings = [
      matchOptions(),
      matchOptions({ hardRules: { educationBelowRequirement: false } }),
      matchOptions({ hardRules: { districtMustMatch: true, salaryBelowExpectation: true, experienceBelowRequirement: true } }),
      matchOptions({ weights: { category: 0.7, text: 0.05 } }),
      matchOptions({ weights: { category: 0 } }),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: settings.length - 1 }), (seed, which) => {
        const { seekers, positions } = generate(seed, 40, 150);
        const m = new Matcher(seekers, positions, jiebaTokenize, settings[which]);
        for (let si = 0; si < seekers.length; si++) {
          const fast = m.topPositionsFast(si, 20);
          expect(fast).toEqual(m.topPositionsBrute(si, 20));
          // the explained score is the ranked score
          for (const f of fast) expect(m.explain(si, f.index)?.score).toBe(f.score);
        }
      }),
      { seed: 20200416, numRuns: 12 },
    );
  });
});

describe('fair-level recommendations', () => {
  it('caps each position at headcount × factor and covers more seekers than plain top lists', () => {
    // 6 seekers all love P0 (capacity 2); each also has decent other options
    const cands = Array.from({ length: 6 }, (_, s) => [
      { seeker: s, position: 0, score: 0.95 },
      { seeker: s, position: 1 + (s % 3), score: 0.8 },
      { seeker: s, position: 4 + (s % 2), score: 0.7 },
      { seeker: s, position: 6, score: 0.65 },
    ]);
    const r = recommendForFair(cands, [1, 1, 1, 1, 2, 2, 3], { capacityFactor: 2, perSeeker: 3, threshold: 0.6, goodCount: 3 });
    expect(r.capacity).toEqual([2, 2, 2, 2, 4, 4, 6]);
    r.load.forEach((l, i) => {
      expect(l).toBeLessThanOrEqual(r.capacity[i] as number);
    });
    expect(r.maxLoadRatioUnconstrained).toBe(3);
    expect(r.overCapacityUnconstrained).toBe(1);
    expect(r.maxLoadRatio).toBeLessThanOrEqual(1);
    for (const rec of r.recommendations) expect(rec.length).toBeGreaterThanOrEqual(2);
    // the two best-scoring seekers by order (0 and 1) get P0
    expect(r.recommendations.filter((rec) => rec.some((c) => c.position === 0)).length).toBe(2);
  });
  it('serves the seeker with the fewest good options first', () => {
    // seeker 0 likes P0 most but has other good options; seeker 1 has only P0 (capacity 1)
    const cands = [
      [
        { seeker: 0, position: 0, score: 0.9 },
        { seeker: 0, position: 1, score: 0.8 },
      ],
      [{ seeker: 1, position: 0, score: 0.7 }],
    ];
    const r = recommendForFair(cands, [1, 1], { capacityFactor: 1, goodCount: 1, perSeeker: 2, threshold: 0.6 });
    expect(r.recommendations.map((l) => l.map((c) => c.position))).toEqual([[1], [0]]);
    expect(r.coverage).toBe(1);
    expect(r.coverageUnconstrained).toBe(1);
    expect(r.maxLoadRatioUnconstrained).toBe(2);
  });
  it('never recommends below the floor and reports coverage', () => {
    const r = recommendForFair([[{ seeker: 0, position: 0, score: 0.2 }], []], [1], { minScore: 0.3 });
    expect(r.recommendations).toEqual([[], []]);
    expect(r.coverage).toBe(0);
    expect(capacityOf(undefined, 3)).toBe(3);
    expect(capacityOf(2, 2.5)).toBe(5);
  });
});
