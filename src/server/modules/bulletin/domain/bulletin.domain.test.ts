import { describe, expect, it } from 'vitest';
import { chineseMonth } from './render';
import { paragraphsOf, sanitizeHtml } from './sanitize';
import { draftSections, formatValue } from './templates';

const fig = (module: string, key: string, value: number | null, unit = '次') => ({
  module,
  section: module === 'party' ? '组织生活' : '优抚关爱',
  key,
  label: key,
  value,
  unit,
  how: '',
});

describe('bulletin templates', () => {
  it('fill the figures in fixed sentences and leave out a clause whose figure is undefined', () => {
    const [party] = draftSections([
      fig('party', 'party.activities_held', 4),
      fig('party', 'party.attendance_rate', 82, '%'),
      fig('party', 'party.study_active_rate', null, '%'),
      fig('party', 'party.reports_reviewed', 3, '篇'),
      fig('party', 'party.donation_rate', 87.5, '%'),
    ]);
    expect(party?.html).toBe('<p>本月共开展组织生活 4 次，出勤率 82%；审阅思想汇报和心得体会 3 篇；捐款参与率 87.5%。</p>'); // reports_waiting not given: its clause is left out
    expect(party?.headline).toBe('组织生活 4 次，出勤率 82%');
  });

  it('names the weakest topic when the figure carries its name, and says the rate alone when not', () => {
    const tr = (detail?: string) =>
      draftSections([
        { ...fig('training', 'training.sessions_held', 2, '场'), section: '业委会培训' },
        { ...fig('training', 'training.weakest_tag_rate', 40, '%'), section: '业委会培训', ...(detail ? { detail } : {}) },
      ])[0]?.html;
    expect(tr('维修资金<使用>')).toContain('薄弱知识点：维修资金&lt;使用&gt;，答对率 40%，下阶段将加强讲解');
    expect(tr()).toContain('答对率最低的知识点答对率为 40%');
  });

  it('puts party first and skips a line of work with no figures at all', () => {
    const s = draftSections([
      fig('care', 'care.calls_phoned', null),
      fig('party', 'party.activities_held', 1),
      fig('party', 'party.attendance_rate', 50, '%'),
    ]);
    expect(s.map((x) => x.module)).toEqual(['party']);
  });

  it('formats values plainly', () => {
    expect(formatValue(12)).toBe('12');
    expect(formatValue(82.25)).toBe('82.3');
    expect(chineseMonth('2026-11')).toBe('二〇二六年十一月');
    expect(chineseMonth('2020-03')).toBe('二〇二〇年三月');
    expect(chineseMonth('2020-10')).toBe('二〇二〇年十月');
  });
});

describe('bulletin rich text', () => {
  it('keeps paragraphs, bold and lists, and nothing else', () => {
    expect(sanitizeHtml('<p onclick="x()">好<strong>人</strong><script>alert(1)</script></p><img src=x onerror=alert(1)>')).toBe(
      '<p>好<strong>人</strong></p>',
    );
    expect(sanitizeHtml('<a href="javascript:alert(1)">点</a>')).toBe('<p>点</p>');
    expect(sanitizeHtml('<div>一</div><div><span style="color:red">二 &lt;b&gt;</span></div>')).toBe('<p>一</p><p>二 &lt;b&gt;</p>');
    expect(sanitizeHtml('a < b > c')).toBe('<p>a &lt; b &gt; c</p>');
    expect(sanitizeHtml('第一段\n\n第二段 a &lt; b')).toBe('<p>第一段</p><p>第二段 a &lt; b</p>');
  });

  it('reads paragraphs back as text', () => {
    expect(paragraphsOf('<p>甲 &amp; 乙</p><ul><li>一</li><li>二</li></ul>')).toEqual([
      { text: '甲 & 乙', bold: false },
      { text: '一', bold: false },
      { text: '二', bold: false },
    ]);
  });
});
