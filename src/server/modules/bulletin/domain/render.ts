import type { Bulletin } from '../../../../contracts/bulletin';
import { escapeHtml } from './sanitize';
import { formatValue } from './templates';

const CN_DIGITS = '〇一二三四五六七八九';

/** 2026-11 → 二〇二六年十一月 (the masthead's date, as printed papers write it) */
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-') as [string, string];
  const year = [...y].map((d) => CN_DIGITS[Number(d)]).join('');
  const n = Number(m);
  const monthText = n <= 10 ? (n === 10 ? '十' : CN_DIGITS[n]) : `十${CN_DIGITS[n - 10]}`;
  return `${year}年${monthText}月`;
}

const figureValue = (value: number | null, unit: string, detail?: string) =>
  value === null ? '—' : `${detail ? `${detail}　` : ''}${formatValue(value)}${unit === '%' ? '%' : ` ${unit}`}`;

type Section = Bulletin['sections'][number];
type Photo = Section['photos'][number];

/** 2026-11-12 → 11月12日 */
const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** under a photo, as papers print it: ▲ the caption staff typed (the place, the day) */
export function photoCaption(p: Pick<Photo, 'caption' | 'place' | 'date'>): string {
  return `▲ ${p.caption}（${p.place} ${shortDate(p.date)}）`;
}

/** a photo inlined as a data URI: the page needs no session and no network to show it */
export function dataUri(data: Buffer): string {
  const png = data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return `data:image/${png ? 'png' : 'jpeg'};base64,${data.toString('base64')}`;
}

function photosHtml(s: Section, images: Map<string, Buffer>, inline: boolean): string {
  const shown = s.photos.filter((p) => images.has(p.fileId));
  if (!shown.length) return '';
  return shown
    .map((p) => {
      const src = dataUri(images.get(p.fileId) as Buffer);
      const alt = escapeHtml(p.caption);
      const cap = escapeHtml(photoCaption(p));
      return inline
        ? `<p style="margin:12px 0 4px;text-align:center;"><img src="${src}" alt="${alt}" style="max-width:100%;height:auto;display:block;margin:0 auto;"/></p>` +
            `<p style="margin:0 0 14px;text-align:center;font-size:13px;color:#888;">${cap}</p>`
        : `<figure class="photo"><img src="${src}" alt="${alt}"><figcaption>${cap}</figcaption></figure>`;
    })
    .join('');
}

function figuresTable(b: Section, inline: boolean): string {
  const shown = b.figures.filter((f) => f.value !== null);
  if (!shown.length) return '';
  const td = inline ? ' style="border:1px solid #d9d9d9;padding:4px 8px;"' : '';
  const tdn = inline ? ' style="border:1px solid #d9d9d9;padding:4px 8px;text-align:right;white-space:nowrap;"' : ' class="n"';
  const table = inline ? ' style="border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 16px;"' : ' class="figs"';
  const rows = shown
    .map((f) => `<tr><td${td}>${escapeHtml(f.label)}</td><td${tdn}>${escapeHtml(figureValue(f.value, f.unit, f.detail))}</td></tr>`)
    .join('');
  return `<table${table}><tbody>${rows}</tbody></table>`;
}

/** The print page: an A4 community paper, masthead across the top, sections in two columns. */
export function printHtml(b: Bulletin, printedOn: string, images: Map<string, Buffer> = new Map()): string {
  const sections = b.sections
    .map(
      (s) => `<section>
  <h2>${escapeHtml(s.title)}</h2>
  <h3>${escapeHtml(s.headline)}</h3>
  <div class="body">${s.html}</div>
  ${photosHtml(s, images, false)}
  ${figuresTable(s, false)}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(b.title)}</title>
<style>
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', serif; color: #111; font-size: 10.5pt; line-height: 1.75; }
.masthead { text-align: center; border-bottom: 3px solid #c00; padding-bottom: 4mm; margin-bottom: 1mm; }
.masthead h1 { font-family: 'Noto Serif CJK SC', serif; font-weight: 900; color: #c00; font-size: 34pt; letter-spacing: 6pt; margin: 0 0 2mm; line-height: 1.2; }
.meta { display: flex; justify-content: space-between; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9.5pt; color: #333; border-bottom: 1px solid #c00; padding: 1.5mm 0; margin-bottom: 5mm; }
.columns { column-count: 2; column-gap: 8mm; column-rule: 0.5pt solid #bbb; }
section { break-inside: avoid; margin-bottom: 5mm; }
h2 { break-after: avoid; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; color: #fff; background: #c00; display: inline-block; padding: 0.5mm 3mm; margin: 0 0 2mm; letter-spacing: 1pt; }
h3 { break-after: avoid; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 13pt; font-weight: 700; margin: 0 0 2mm; line-height: 1.4; }
.body p { text-indent: 2em; margin: 0 0 1.5mm; text-align: justify; }
.body ul, .body ol { margin: 0 0 1.5mm 1.5em; padding: 0; }
table.figs { width: 100%; border-collapse: collapse; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt; margin: 2mm 0 0; break-inside: avoid; }
table.figs td { border-top: 0.5pt solid #999; border-bottom: 0.5pt solid #999; padding: 0.8mm 1.5mm; }
table.figs td.n { text-align: right; white-space: nowrap; font-weight: 700; }
figure.photo { margin: 2mm 0 2.5mm; break-inside: avoid; }
figure.photo img { display: block; width: 100%; max-height: 62mm; object-fit: cover; border: 0.5pt solid #999; }
figure.photo figcaption { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8.5pt; color: #333; line-height: 1.4; margin-top: 1mm; text-align: center; }
footer { margin-top: 6mm; border-top: 1px solid #c00; padding-top: 2mm; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8.5pt; color: #444; }
</style></head>
<body>
<div class="masthead"><h1>${escapeHtml(b.title)}</h1></div>
<div class="meta"><span>${escapeHtml(b.issueNo)}</span><span>${escapeHtml(b.org.name)}编</span><span>${escapeHtml(printedOn)}</span></div>
<div class="columns">
${sections}
</div>
<footer>本期数据由邻里平台根据${escapeHtml(chineseMonth(b.month))}业务记录统计，统计口径见各栏目数据表。</footer>
</body></html>`;
}

/** For a WeChat official-account article: one column, every style inline (the editor keeps nothing else). */
export function wechatHtml(b: Bulletin, images: Map<string, Buffer> = new Map()): string {
  const p = (html: string) =>
    html
      .replace(/<p>/g, '<p style="margin:0 0 12px;text-indent:2em;line-height:1.9;font-size:16px;color:#222;">')
      .replace(/<ul>/g, '<ul style="margin:0 0 12px 1.5em;padding:0;font-size:16px;">')
      .replace(/<ol>/g, '<ol style="margin:0 0 12px 1.5em;padding:0;font-size:16px;">');
  const sections = b.sections
    .map(
      (s) =>
        `<section style="margin:0 0 24px;">` +
        `<p style="margin:0 0 8px;"><span style="display:inline-block;background:#c00;color:#fff;padding:2px 10px;font-size:15px;font-weight:bold;">${escapeHtml(s.title)}</span></p>` +
        `<h3 style="margin:0 0 10px;font-size:18px;font-weight:bold;line-height:1.5;color:#111;">${escapeHtml(s.headline)}</h3>` +
        p(s.html) +
        photosHtml(s, images, true) +
        figuresTable(s, true) +
        `</section>`,
    )
    .join('');
  return (
    `<section style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;">` +
    `<h1 style="text-align:center;color:#c00;font-size:26px;margin:0 0 6px;letter-spacing:4px;">${escapeHtml(b.title)}</h1>` +
    `<p style="text-align:center;color:#666;font-size:13px;margin:0 0 18px;border-bottom:2px solid #c00;padding-bottom:8px;">${escapeHtml(b.issueNo)} · ${escapeHtml(b.org.name)}</p>` +
    sections +
    `</section>`
  );
}
