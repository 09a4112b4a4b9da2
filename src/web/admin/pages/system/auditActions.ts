import { getLang, hasMessage, type TFunction } from '../../../i18n';

/** Actions the foundation records; a module's actions show by their code until its locale names them. */
export const ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.lockout',
  'auth.password_change',
  'auth.totp_enable',
  'auth.totp_verify',
  'auth.sms_login',
  'account.create',
  'account.create_admin',
  'account.update',
  'account.reset_password',
  'account.unlock',
  'account.reset_totp',
  'org.create',
  'org.update',
  'org.delete',
  'security.settings',
  'session.end',
  'people.create',
  'people.merge',
  'people.update',
  'people.reveal',
  'people.export',
  'notify.resend',
];

/** core's actions by the locale; a module's by the label its manifest gives (sent with each entry) */
export function actionLabel(action: string, t: TFunction, fromModule?: { 'zh-CN': string; en: string } | null): string {
  if (hasMessage(`audit.action.${action}`)) return t(`audit.action.${action}`);
  if (fromModule) return getLang() === 'en' ? fromModule.en : fromModule['zh-CN'];
  return action;
}
