import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  SectionType,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type Browser, chromium } from 'playwright-core';
import sharp from 'sharp';
import type { Bulletin } from '../../../contracts/bulletin';
import { chineseMonth, photoCaption, printHtml } from './domain/render';
import { paragraphsOf } from './domain/sanitize';
import { formatValue } from './domain/templates';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** the date printed under the masthead, in Beijing time */
export function printedOn(now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日印发`;
}

/**
 * The print PDF is the print page rendered by the headless Chromium the project already runs for
 * its browser tests (Debian's /usr/bin/chromium through playwright-core): it lays out CJK text with
 * the system's Noto CJK fonts, breaks lines by CJK rules and balances CSS columns, which no pure-JS
 * PDF library does well. Set LINLI_CHROMIUM to use another binary.
 */
export async function renderPdf(b: Bulletin, images: Map<string, Buffer> = new Map()): Promise<Buffer> {
  const html = printHtml(b, printedOn(), images);
  let browser = await pdfBrowser();
  // a browser that died between the check and the page is launched again, once
  const context = await browser.newContext().catch(async () => {
    browser = await pdfBrowser(true);
    return browser.newContext();
  });
  try {
    const page = await context.newPage();
    // no network: the page is self-contained (photos inlined); anything it tried to fetch is refused
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * One Chromium per process, launched on the first PDF (not at start: most processes never print),
 * shared by every PDF after (each in its own context), launched again if it died, and closed with
 * the app (closePdfBrowser from the module's onClose hook).
 */
let launching: Promise<Browser> | null = null;

export async function pdfBrowser(fresh = false): Promise<Browser> {
  if (launching && !fresh) {
    const running = await launching.catch(() => null);
    if (running?.isConnected()) return running;
  }
  const p = chromium.launch({
    executablePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  launching = p;
  p.then(
    (b) =>
      b.on('disconnected', () => {
        if (launching === p) launching = null;
      }),
    () => {
      if (launching === p) launching = null;
    },
  );
  return p;
}

/** closes the PDF browser if one was launched (the app's onClose) */
export async function closePdfBrowser(): Promise<void> {
  const p = launching;
  launching = null;
  const running = p ? await p.catch(() => null) : null;
  await running?.close().catch(() => undefined);
}

/** a chosen photo as the Word document holds it: the column's width, its own proportions */
async function docxPhoto(p: Bulletin['sections'][number]['photos'][number], data: Buffer): Promise<Paragraph[]> {
  const meta = await sharp(data).metadata();
  const width = 300;
  const height = Math.round((width * (meta.height ?? 3)) / (meta.width ?? 4));
  const type = meta.format === 'png' ? 'png' : 'jpg';
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 80 },
      children: [
        new ImageRun({
          type,
          data,
          transformation: { width, height },
          altText: { name: p.caption, description: p.caption, title: p.caption },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 100 },
      children: [
        new TextRun({
          text: photoCaption(p),
          font: { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: '楷体' },
          size: 17,
          color: '444444',
        }),
      ],
    }),
  ];
}

const SERIF = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体' };
const SANS = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: '黑体' };
const RED = 'C00000';

/** A Word document the office can edit further: masthead across, sections in two columns, CJK fonts named for the East Asian slot. */
export async function renderDocx(b: Bulletin, images: Map<string, Buffer> = new Map()): Promise<Buffer> {
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const photoParas = new Map<string, Paragraph[]>();
  for (const p of b.sections.flatMap((s) => s.photos)) {
    const data = images.get(p.fileId);
    if (data) photoParas.set(p.fileId, await docxPhoto(p, data));
  }
  const body = b.sections.flatMap((s) => {
    const out: (Paragraph | Table)[] = [
      new Paragraph({
        spacing: { before: 200, after: 80 },
        shading: { type: ShadingType.CLEAR, fill: RED, color: 'auto' },
        children: [new TextRun({ text: ` ${s.title} `, bold: true, color: 'FFFFFF', font: SANS, size: 22 })],
      }),
      new Paragraph({
        heading: HeadingLevel.HEADING_3,
        spacing: { after: 80 },
        children: [new TextRun({ text: s.headline, bold: true, font: SANS, size: 26, color: '111111' })],
      }),
      ...paragraphsOf(s.html).map(
        (p) =>
          new Paragraph({
            indent: { firstLine: 420 },
            spacing: { after: 60, line: 360 },
            alignment: AlignmentType.JUSTIFIED,
            children: [new TextRun({ text: p.text, bold: p.bold, font: SERIF, size: 21 })],
          }),
      ),
      ...s.photos.flatMap((p) => photoParas.get(p.fileId) ?? []),
    ];
    const shown = s.figures.filter((f) => f.value !== null);
    if (shown.length) {
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: { top: thin, bottom: thin, left: none, right: none, insideHorizontal: thin, insideVertical: none },
          rows: shown.map(
            (f) =>
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: f.label, font: SANS, size: 18 })] })] }),
                  new TableCell({
                    children: [
                      new Paragraph({
                        alignment: AlignmentType.RIGHT,
                        children: [
                          new TextRun({
                            text: `${f.detail ? `${f.detail}　` : ''}${formatValue(f.value as number)}${f.unit === '%' ? '%' : ` ${f.unit}`}`,
                            bold: true,
                            font: SANS,
                            size: 18,
                          }),
                        ],
                      }),
                    ],
                  }),
                ],
              }),
          ),
        }),
      );
    }
    return out;
  });
  const doc = new Document({
    creator: b.org.name,
    title: b.title,
    styles: { default: { document: { run: { font: SERIF, size: 21, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: { page: { margin: { top: 900, bottom: 900, left: 850, right: 850 } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [new TextRun({ text: b.title, bold: true, color: RED, font: SERIF, size: 64 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: {
              top: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 },
              bottom: { style: BorderStyle.SINGLE, size: 6, color: RED, space: 4 },
            },
            children: [new TextRun({ text: `${b.issueNo}　　${b.org.name}编　　${printedOn()}`, font: SANS, size: 19 })],
          }),
        ],
      },
      {
        properties: { type: SectionType.CONTINUOUS, column: { count: 2, space: 425, separate: true } },
        children: [
          ...body,
          new Paragraph({
            spacing: { before: 240 },
            children: [
              new TextRun({ text: `本期数据由邻里平台根据${chineseMonth(b.month)}业务记录统计。`, font: SANS, size: 16, color: '444444' }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
