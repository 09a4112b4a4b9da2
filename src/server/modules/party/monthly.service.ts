import { scopeFor } from '../../core/access/actor';
import type { RequestContext } from '../../core/context';
import { requireActor } from '../../core/context';
import { type ExportDownload, openExport } from '../../core/excel/export';
import type { Executor } from '../../db/index';
import { attendance, combinedAttendance, counts, rate } from './domain/rates';
import { PartyBase, toMember } from './party.base';
import * as repo from './party.repository';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The monthly report per general branch (月报): activities, attendance, study, reports, donations. */
export class MonthlyService extends PartyBase {
  async report(ctx: RequestContext, month: string, exec: Executor = this.core.db) {
    const actor = requireActor(ctx);
    const scope = scopeFor(actor, 'party:read');
    const idx = await this.orgIndex(exec, actor.subdistrictId);
    const reach = this.branchesInScope(idx, scope);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    // the month in Beijing time, as UTC instants
    const from = new Date(`${month}-01T00:00:00+08:00`).toISOString();
    const to = new Date(`${next}-01T00:00:00+08:00`).toISOString();
    const members = await repo.membersOfBranches(exec, actor.subdistrictId, reach);
    const acts = await repo.activitiesBetween(exec, actor.subdistrictId, from, to);
    const links = await repo.branchLinks(
      exec,
      'party_activity_branches',
      'activity_id',
      acts.map((a) => a.id),
    );
    const ins = await repo.checkins(
      exec,
      acts.map((a) => a.id),
    );
    const study = await repo.studyCheckins(
      exec,
      actor.subdistrictId,
      members.map((x) => x.person_id),
      `${month}-01`,
    );
    const reports = (await repo.reportsOf(exec, scope)).filter((r) => r.submitted_on.slice(0, 7) === month);
    const campaigns = await repo.listCampaigns(exec, scope);
    const gifts = (
      await repo.donations(
        exec,
        campaigns.map((c) => c.id),
        scope,
      )
    ).filter((d) => d.given_on.slice(0, 7) === month);

    const generals = idx.all.filter((o) => o.level === 'general_branch' && reach.some((b) => idx.byId.get(b)?.parent_id === o.id));
    const rows = generals.map((g) => {
      const branchIds = reach.filter((b) => idx.byId.get(b)?.parent_id === g.id);
      const mine = members.filter((x) => branchIds.includes(x.branch_id));
      const counted = mine.filter((x) => counts(x.status as 'full'));
      const people = new Set(counted.map((x) => x.person_id));
      const held = acts.filter((a) => links.some((l) => l.owner === a.id && branchIds.includes(l.branch_id)));
      const att = combinedAttendance(
        held.map((a) =>
          attendance(
            { branchIds: links.filter((l) => l.owner === a.id && branchIds.includes(l.branch_id)).map((l) => l.branch_id) },
            idx.branches,
            mine.map(toMember),
            ins.filter((c) => c.activity_id === a.id).map((c) => ({ personId: c.person_id, onBehalf: c.on_behalf === 1 })),
          ),
        ),
      );
      const studied = new Set(study.filter((s) => s.day < `${next}-01` && people.has(s.person_id)).map((s) => s.person_id));
      const gave = new Set(gifts.filter((d) => people.has(d.person_id)).map((d) => d.person_id));
      const mineReports = reports.filter((r) => branchIds.includes(r.branch_id));
      return {
        generalBranch: g.name,
        members: counted.length,
        activities: held.length,
        attendanceRate: att.rate,
        studyActiveRate: rate(studied.size, counted.length),
        reportsSubmitted: mineReports.length,
        reportsReviewed: mineReports.filter((r) => r.status === 'reviewed').length,
        donationRate: rate(gave.size, counted.length),
      };
    });
    return { month, rows };
  }

  async exportReport(ctx: RequestContext, month: string): Promise<ExportDownload> {
    const r = await this.report(ctx, month);
    return openExport(
      { db: this.core.db, audit: this.core.audit },
      ctx,
      {
        title: `组织生活月报${month}`,
        filters: `月份：${month}`,
        columns: [
          { header: '党总支', key: 'generalBranch', width: 12 },
          { header: '党员数', key: 'members', width: 8 },
          { header: '活动次数', key: 'activities', width: 10 },
          { header: '出席率', key: 'attendance', width: 10 },
          { header: '学习活跃率', key: 'study', width: 12 },
          { header: '提交汇报', key: 'submitted', width: 10 },
          { header: '已审阅', key: 'reviewed', width: 10 },
          { header: '捐款参与率', key: 'donation', width: 12 },
        ],
        rows: r.rows.map((x) => ({
          generalBranch: x.generalBranch,
          members: x.members,
          activities: x.activities,
          attendance: pct(x.attendanceRate),
          study: pct(x.studyActiveRate),
          submitted: x.reportsSubmitted,
          reviewed: x.reportsReviewed,
          donation: pct(x.donationRate),
        })),
      },
      { action: 'party.monthly_export', targetType: 'party_monthly', detail: { month, rows: r.rows.length } },
    );
  }
}
