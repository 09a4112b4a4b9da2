import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp } from '../../../../test/app';
import { buildBeneficiary } from '../../../../test/factories';
import { multipart } from '../../../../test/xlsx';
import { todayIso } from '../../core/people/id-number';
import { pdfBrowser } from './bulletin.output';

/**
 * Photos in the bulletin (issue 14 §3), on SQLite and PostgreSQL: a home-visit photo is offered
 * only once staff recorded the visited person's consent (受访者同意公开), only to a bulletin of its
 * place; chosen with a caption it reaches the PDF, the Word document and the WeChat HTML; marked
 * private again, it drops out of all three.
 */
let t: TestApp;
let party: Client;
let baidu: Client;
let zhonghua: Client;
const month = todayIso().slice(0, 7);
const dir = mkdtempSync(path.join(tmpdir(), 'linli-bulletin-photos-'));

type Visit = { id: string; photos: { id: string }[]; photoConsents: { fileId: string; recordedBy: string }[] };

/** a visit recorded today by `who` for a new beneficiary of `neighborhood`, with `n` photos */
async function visitWithPhotos(who: Client, neighborhood: string, name: string, n: number): Promise<Visit> {
  const b = await buildBeneficiary(t, { name, neighborhood });
  const v = await who.post('/api/care/visits/record', {
    clientKey: `photo-visit-${name}`,
    beneficiaryId: b.id,
    doneOn: todayIso(),
    visitors: '张萍',
    conditionSeen: '精神好',
  });
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  let visit = v.body as Visit;
  for (let i = 0; i < n; i++) {
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 40 + 60 * i, g: 120, b: 90 } } })
      .jpeg()
      .toBuffer();
    const m = multipart(`走访${i}.jpg`, jpeg);
    const up = await who.request('POST', `/api/care/visits/${visit.id}/photos`, m.payload, m.headers);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    visit = up.body as Visit;
  }
  return visit;
}

const offered = async (bulletinId: string) =>
  (
    (await party.get(`/api/bulletin/bulletins/${bulletinId}/photos`)).body.photos as { fileId: string; caption: string; place: string }[]
  ).map((p) => p.fileId);

let baiduVisit: Visit;
let zhonghuaVisit: Visit;

beforeAll(async () => {
  t = await testApp();
  party = await t.as('party');
  baidu = await t.as('baidu');
  zhonghua = await t.as('zhonghua');
  baiduVisit = await visitWithPhotos(baidu, '白渡', '江海平', 2);
  zhonghuaVisit = await visitWithPhotos(zhonghua, '中华', '陈海强', 1);
}, 60_000);
afterAll(() => t?.close());

describe('visit photos marked 可公开 with the visited person’s consent', () => {
  it('refuses the mark without consent, records who and when with it, audited', async () => {
    const [a] = baiduVisit.photos;
    const url = `/api/care/visits/${baiduVisit.id}/photos/${a?.id}/publishable`;
    const refused = await baidu.put(url, { publishable: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'consent', message: expect.stringContaining('受访者同意公开') });
    // another neighborhood's staff do not find the visit
    expect((await zhonghua.put(url, { publishable: true, consent: true })).status).toBe(404);
    const marked = await baidu.put(url, { publishable: true, consent: true });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body.photoConsents).toEqual([
      { fileId: a?.id, recordedBy: expect.stringContaining('张萍'), recordedAt: expect.any(String) },
    ]);
    const again = await baidu.put(url, { publishable: true, consent: true });
    expect(again.body.photoConsents).toHaveLength(1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'care.visit_photo_publishable')
      .execute();
    expect(audit).toHaveLength(1);
    const m = await zhonghua.put(`/api/care/visits/${zhonghuaVisit.id}/photos/${zhonghuaVisit.photos[0]?.id}/publishable`, {
      publishable: true,
      consent: true,
    });
    expect(m.status).toBe(200);
  });
});

describe('photos in the bulletin', () => {
  let bulletin: { id: string; sections: { id: string; module: string; photos: unknown[] }[] };
  let careSection: string;
  const chosen = () => baiduVisit.photos[0]?.id as string;

  it('offers only the month’s consented photos of the bulletin’s place, without names', async () => {
    const made = await party.post('/api/bulletin/bulletins', { month, orgId: t.org.neighborhoods.白渡 });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    bulletin = made.body;
    careSection = bulletin.sections.find((s) => s.module === 'care')?.id as string;
    expect(careSection).toBeTruthy();
    // 白渡's bulletin: the consented photo only — not the unmarked one, not 中华's
    const list = await party.get(`/api/bulletin/bulletins/${bulletin.id}/photos`);
    expect(list.body.photos).toEqual([
      {
        fileId: chosen(),
        module: 'care',
        source: '上门走访',
        caption: '工作人员上门走访慰问',
        date: todayIso(),
        place: '白渡',
        url: `/api/bulletin/bulletins/${bulletin.id}/photos/${chosen()}`,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain('江海平');
    // the subdistrict's bulletin is offered both neighborhoods' consented photos
    const whole = await party.post('/api/bulletin/bulletins', { month });
    expect((await offered(whole.body.id)).sort()).toEqual([chosen(), zhonghuaVisit.photos[0]?.id].sort());
    // the image is served to the bulletin's reader; another place's photo is not found through this bulletin
    const image = await party.get(`/api/bulletin/bulletins/${bulletin.id}/photos/${chosen()}`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect((await party.get(`/api/bulletin/bulletins/${bulletin.id}/photos/${zhonghuaVisit.photos[0]?.id}`)).status).toBe(404);
    expect((await party.get(`/api/bulletin/bulletins/${bulletin.id}/photos/${baiduVisit.photos[1]?.id}`)).status).toBe(404);
  });

  it('takes a chosen photo with a caption, refuses one not offered or of another line of work', async () => {
    const unmarked = await party.put(`/api/bulletin/bulletins/${bulletin.id}/photos`, {
      sectionId: careSection,
      photos: [{ fileId: baiduVisit.photos[1]?.id, caption: '未同意' }],
    });
    expect(unmarked.status).toBe(400);
    expect(unmarked.body.error.fields[0]).toMatchObject({ path: 'photos.0.fileId', message: expect.stringContaining('未标记可公开') });
    const other = bulletin.sections.find((s) => s.module !== 'care')?.id as string;
    const wrong = await party.put(`/api/bulletin/bulletins/${bulletin.id}/photos`, {
      sectionId: other,
      photos: [{ fileId: chosen(), caption: '走访' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].message).toContain('上门走访');
    const noCaption = await party.put(`/api/bulletin/bulletins/${bulletin.id}/photos`, {
      sectionId: careSection,
      photos: [{ fileId: chosen(), caption: ' ' }],
    });
    expect(noCaption.body.error.fields[0]).toMatchObject({ path: 'photos.0.caption', message: '请填写图片说明' });
    const ok = await party.put(`/api/bulletin/bulletins/${bulletin.id}/photos`, {
      sectionId: careSection,
      photos: [{ fileId: chosen(), caption: '社工上门看望独居老人' }],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const care = ok.body.sections.find((s: { module: string }) => s.module === 'care');
    expect(care.photos).toEqual([
      expect.objectContaining({ fileId: chosen(), caption: '社工上门看望独居老人', place: '白渡', source: '上门走访' }),
    ]);
    const history = (await party.get(`/api/bulletin/bulletins/${bulletin.id}/history`)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('photos');
  });

  it('prints the chosen photo in the PDF, the Word document and the WeChat HTML', async () => {
    const wechat = await party.get(`/api/bulletin/bulletins/${bulletin.id}/wechat`);
    expect(wechat.body.html).toContain('data:image/jpeg;base64,');
    expect(wechat.body.html).toContain('▲ 社工上门看望独居老人（白渡');
    const docx = await party.get(`/api/bulletin/bulletins/${bulletin.id}/docx`);
    writeFileSync(path.join(dir, 'b.docx'), docx.raw);
    const entries = execFileSync('unzip', ['-Z1', path.join(dir, 'b.docx')], { encoding: 'utf8' });
    expect(entries).toMatch(/word\/media\/.+/);
    expect(execFileSync('unzip', ['-p', path.join(dir, 'b.docx'), 'word/document.xml'], { encoding: 'utf8' })).toContain(
      '社工上门看望独居老人',
    );
    const pdf = await party.get(`/api/bulletin/bulletins/${bulletin.id}/pdf`);
    expect(pdf.status).toBe(200);
    writeFileSync(path.join(dir, 'b.pdf'), pdf.raw);
    const images = execFileSync('pdfimages', ['-list', path.join(dir, 'b.pdf')], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(images.length).toBeGreaterThan(2);
    const text = execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('社工上门看望独居老人');
  }, 60_000);

  it('drops a photo marked private again from the bulletin and every output', async () => {
    const off = await baidu.put(`/api/care/visits/${baiduVisit.id}/photos/${chosen()}/publishable`, { publishable: false });
    expect(off.status).toBe(200);
    expect(off.body.photoConsents).toEqual([]);
    expect(await offered(bulletin.id)).toEqual([]);
    const b = (await party.get(`/api/bulletin/bulletins/${bulletin.id}`)).body;
    expect(b.sections.flatMap((s: { photos: unknown[] }) => s.photos)).toEqual([]);
    expect((await party.get(`/api/bulletin/bulletins/${bulletin.id}/wechat`)).body.html).not.toContain('data:image');
    const docx = await party.get(`/api/bulletin/bulletins/${bulletin.id}/docx`);
    writeFileSync(path.join(dir, 'c.docx'), docx.raw);
    expect(execFileSync('unzip', ['-Z1', path.join(dir, 'c.docx')], { encoding: 'utf8' })).not.toMatch(/word\/media\//);
    const pdf = await party.get(`/api/bulletin/bulletins/${bulletin.id}/pdf`);
    writeFileSync(path.join(dir, 'c.pdf'), pdf.raw);
    const text = execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).not.toContain('社工上门看望独居老人');
    expect((await party.get(`/api/bulletin/bulletins/${bulletin.id}/photos/${chosen()}`)).status).toBe(404);
  }, 60_000);

  it('keeps one Chromium for every PDF, and launches another when it died', async () => {
    const running = await pdfBrowser();
    expect(await pdfBrowser()).toBe(running);
    await running.close();
    const pdf = await party.get(`/api/bulletin/bulletins/${bulletin.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await pdfBrowser();
    expect(again).not.toBe(running);
    expect(again.isConnected()).toBe(true);
  }, 60_000);
});
