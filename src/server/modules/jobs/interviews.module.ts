import type { ModuleContext } from '../../core/modules/manifest';
import { fairDayLive } from './interviews.live';
import { interviewRoutes, queuePageUrl } from './interviews.routes';
import { InterviewsService } from './interviews.service';
import type { SeekersService } from './seekers.service';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Part 2's plug-in points, called from jobs.module.ts: the service, the live kind, the routes. */
export async function registerInterviews({ app, core }: Pick<ModuleContext, 'app' | 'core'>, seekers: SeekersService) {
  const base = core.config.publicUrl ?? 'http://localhost:3000';
  const interviews = new InterviewsService(core, seekers, (token) => queuePageUrl(base, token));
  core.live.register(fairDayLive(interviews));
  await app.register(interviewRoutes, { core, interviews });
  return interviews;
}

export const INTERVIEW_AUDIT_LABELS = {
  'jobs.room_create': label('新增面试间', 'Add interview room'),
  'jobs.room_update': label('修改面试间', 'Edit interview room'),
  'jobs.timetable_generate': label('生成面试时间表', 'Generate interview timetable'),
  'jobs.timetable_adjust': label('调整面试时间表', 'Adjust interview timetable'),
  'jobs.timetable_publish': label('发布面试时间表', 'Publish interview timetable'),
  'jobs.timetable_export': label('导出面试时间表', 'Export interview timetable'),
  'jobs.call_next': label('叫号', 'Call next'),
  'jobs.interview_finish': label('结束面试', 'Finish interview'),
  'jobs.no_show': label('标记未到场', 'Mark no-show'),
  'jobs.room_pause': label('暂停/恢复面试间', 'Pause or resume room'),
  'jobs.room_late': label('面试间延时', 'Room running late'),
  'jobs.phone_call': label('电话通知求职者', 'Phone call to candidate'),
  'jobs.link_revoke': label('作废排队链接', 'Revoke queue link'),
  'jobs.interview_outcome': label('记录面试结果', 'Record interview outcome'),
  'jobs.report_export': label('导出招聘会报告', 'Export fair report'),
};
