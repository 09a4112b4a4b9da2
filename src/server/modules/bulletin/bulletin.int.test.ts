import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app';
import { buildAccount } from '../../../../test/factories';

/** the month the demo data's party activities are busiest in (Beijing time) */
async function busyMonth(t: TestApp) {
  const rows = await t.database.db.selectFrom('party_activities').select('starts_at').execute();
  const n = new Map<string, number>();
  for (const r of rows) {
    const m = new Date(Date.parse(r.starts_at) + 8 * 3600 * 1000).toISOString().slice(0, 7);
    n.set(m, (n.get(m) ?? 0) + 1);
  }
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] as string;
}

describe('the monthly bulletin', () => {
  let t: TestApp;
  let month: string;
  let leaderName: string;
  beforeAll(async () => {
    t = await testApp();
    for (const m of t.services.modules) await m.manifest.seedDemo?.(m.services, t.org, t.services.core);
    month = await busyMonth(t);
    leaderName = (await buildAccount(t.database.db, { role: 'leader', orgId: t.org.subdistrictId, subdistrictId: t.org.subdistrictId }))
      .username;
  }, 120_000);
  afterAll(() => t?.close());

  it('is drafted from the figures, edited with history, reordered, approved once, published, and downloaded', async () => {
    const party = await t.as('party');
    const made = await party.post('/api/bulletin/bulletins', { month });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const b = made.body;
    expect(b).toMatchObject({ status: 'draft', org: { name: '小东门街道' }, title: '小东门街道工作简报' });
    // every line of work is there, and each figure is the one the overview shows the leader
    expect(b.sections.map((s: { module: string }) => s.module)).toEqual(['party', 'care', 'training', 'jobs']);
    const leader = await t.as(leaderName);
    const figs = (await leader.get(`/api/figures?month=${month}`)).body.figures as { key: string; value: number | null }[];
    const want = new Map(figs.map((f) => [f.key, f.value]));
    for (const s of b.sections) for (const f of s.figures) expect(f.value, f.key).toEqual(want.get(f.key));
    const partySection = b.sections[0];
    const held = want.get('party.activities_held');
    expect(partySection.html).toContain(`本月共开展组织生活 ${held} 次`);

    // edit a paragraph: the markup is kept to paragraphs and bold; the change is in the history
    const edited = await party.put(`/api/bulletin/bulletins/${b.id}/section`, {
      sectionId: partySection.id,
      headline: '党建引领 凝心聚力',
      html: `<p onclick="x()">各支部围绕<strong>主题党日</strong>扎实开展组织生活。<script>alert(1)</script></p>${partySection.html}`,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const p0 = edited.body.sections[0];
    expect(p0.headline).toBe('党建引领 凝心聚力');
    expect(p0.html).toContain('<p>各支部围绕<strong>主题党日</strong>扎实开展组织生活。</p>');
    expect(p0.html).not.toContain('onclick');

    const ids = edited.body.sections.map((s: { id: string }) => s.id);
    const order = [ids[1], ids[0], ...ids.slice(2)];
    const reordered = await party.put(`/api/bulletin/bulletins/${b.id}/order`, { sectionIds: order });
    expect(reordered.body.sections.map((s: { id: string }) => s.id)).toEqual(order);
    const badOrder = await party.put(`/api/bulletin/bulletins/${b.id}/order`, { sectionIds: [ids[0]] });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.fields[0].path).toBe('sectionIds');

    // approved by the leader; a second click counts once
    const approved = await leader.post(`/api/bulletin/bulletins/${b.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect((await leader.post(`/api/bulletin/bulletins/${b.id}/approve`)).body.status).toBe('approved');
    const late = await party.put(`/api/bulletin/bulletins/${b.id}/section`, { sectionId: ids[0], headline: '改', html: '改' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('已审核');

    const history = (await party.get(`/api/bulletin/bulletins/${b.id}/history`)).body.history as {
      action: string;
      before: string | null;
      after: string | null;
    }[];
    expect(history.map((h) => h.action)).toEqual(['draft', 'edit', 'reorder', 'approve']);
    expect(JSON.parse(history[1]?.before as string).html).toBe(partySection.html);

    // the outputs: a PDF with the edited paragraph and the figures, a Word document with the same, a WeChat HTML
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-'));
    const pdf = await party.request('GET', `/api/bulletin/bulletins/${b.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    writeFileSync(path.join(dir, 'b.pdf'), pdf.raw);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('各支部围绕主题党日扎实开展组织生活');
    expect(text).toContain(`本月共开展组织生活${held}次`);
    expect(text).toContain('小东门街道工作简报');

    const docx = await party.request('GET', `/api/bulletin/bulletins/${b.id}/docx`);
    expect(docx.status).toBe(200);
    writeFileSync(path.join(dir, 'b.docx'), docx.raw);
    const xml = execFileSync('unzip', ['-p', path.join(dir, 'b.docx'), 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('各支部围绕主题党日扎实开展组织生活。');
    expect(xml).toContain(`本月共开展组织生活 ${held} 次`);
    expect(xml).toContain('w:eastAsia="宋体"');

    const wechat = await party.get(`/api/bulletin/bulletins/${b.id}/wechat`);
    expect(wechat.body.html).toContain('各支部围绕<strong>主题党日</strong>');
    expect(wechat.body.html).not.toMatch(/<script|class=/);

    // published: the link goes to the group robot and to the inboxes of who drafted and approved it
    const pub = await party.post(`/api/bulletin/bulletins/${b.id}/publish`, {
      robots: [{ channel: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test' }],
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body).toMatchObject({ bulletin: { status: 'published' }, sent: { robots: 1, inbox: 2 } });
    const again = await party.post(`/api/bulletin/bulletins/${b.id}/publish`, { robots: [] });
    expect(again.body.sent).toEqual({ robots: 0, inbox: 0 });
    const sent = await t.database.db.selectFrom('notify_outbox').select(['channel']).where('source_id', '=', b.id).execute();
    expect(sent.map((s) => s.channel).sort()).toEqual(['inapp', 'inapp', 'wecom']);
  }, 60_000);

  it('a neighborhood bulletin counts that neighborhood only, and other neighborhoods cannot reach it', async () => {
    const party = await t.as('party');
    const baiduId = t.org.neighborhoods.白渡 as string;
    const made = await party.post('/api/bulletin/bulletins', { month, orgId: baiduId });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.org.name).toBe('白渡');
    // jobs belong to the subdistrict: not in a neighborhood's bulletin; of training, only the committees (which are the neighborhood's)
    expect(made.body.sections.map((s: { module: string }) => s.module)).toEqual(['party', 'care', 'training']);
    const training = made.body.sections[2];
    expect(training.figures.filter((f: { value: number | null }) => f.value !== null).map((f: { key: string }) => f.key)).toEqual([
      'training.terms_expired',
    ]);
    const leader = await t.as(leaderName);
    const figs = (await leader.get(`/api/figures?month=${month}&orgId=${baiduId}`)).body.figures as { key: string; value: number | null }[];
    for (const s of made.body.sections) for (const f of s.figures) expect(f.value, f.key).toEqual(figs.find((x) => x.key === f.key)?.value);
    expect((await (await t.as('baidu')).get(`/api/bulletin/bulletins/${made.body.id}`)).status).toBe(403);
    const bad = await party.post('/api/bulletin/bulletins', { month: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('month');
  });
});
