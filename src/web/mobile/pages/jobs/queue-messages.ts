import { addMessages } from '../../../i18n';

/** The candidate's queue page words (Chinese first), added when the page loads. */
const zh = {
  'm.jobs.q.title': '我的面试',
  'm.jobs.q.gone': '此链接已失效（已过期或已作废）。如需帮助，请联系招聘会工作人员。',
  'm.jobs.q.notYet': '面试安排尚未发布，请稍后再看。',
  'm.jobs.q.none': '您今天没有待参加的面试。',
  'm.jobs.q.ahead': '您前面还有 {n} 人，预计 {time} 进入',
  'm.jobs.q.next': '您是下一位，预计 {time} 进入，请做好准备',
  'm.jobs.q.called': '轮到您了！请现在进入',
  'm.jobs.q.done': '本场面试已结束，感谢参加',
  'm.jobs.q.noShow': '您未能按时到场，如需重新安排请联系工作人员',
  'm.jobs.q.room': '面试间：{room}',
  'm.jobs.q.time': '安排时间：{time}',
  'm.jobs.q.meeting': '会议号／链接',
  'm.jobs.q.copy': '复制会议号',
  'm.jobs.q.copied': '已复制，请到会议软件中粘贴',
  'm.jobs.q.copyFailed': '复制失败，请长按上方文字手动复制',
  'm.jobs.q.open': '打开会议链接',
  'm.jobs.q.live': '页面会自动更新，无需刷新',
  'm.jobs.q.lost': '网络不稳定，正在重新连接…',
};
const en: typeof zh = {
  'm.jobs.q.title': 'My interviews',
  'm.jobs.q.gone': 'This link no longer works (expired or revoked). Please ask the fair staff for help.',
  'm.jobs.q.notYet': 'The interview timetable is not out yet. Please check again later.',
  'm.jobs.q.none': 'You have no interviews waiting today.',
  'm.jobs.q.ahead': '{n} people before you, expected in at {time}',
  'm.jobs.q.next': 'You are next, expected in at {time}. Please get ready',
  'm.jobs.q.called': 'It is your turn! Please join now',
  'm.jobs.q.done': 'This interview is over. Thank you',
  'm.jobs.q.noShow': 'You missed your turn. Please contact the staff to be rescheduled',
  'm.jobs.q.room': 'Room: {room}',
  'm.jobs.q.time': 'Scheduled: {time}',
  'm.jobs.q.meeting': 'Meeting number / link',
  'm.jobs.q.copy': 'Copy the meeting number',
  'm.jobs.q.copied': 'Copied: paste it into the meeting app',
  'm.jobs.q.copyFailed': 'Could not copy: press and hold the text above to copy it',
  'm.jobs.q.open': 'Open the meeting link',
  'm.jobs.q.live': 'This page updates by itself',
  'm.jobs.q.lost': 'Connection unsteady, reconnecting…',
};
addMessages({ 'zh-CN': zh, en });
