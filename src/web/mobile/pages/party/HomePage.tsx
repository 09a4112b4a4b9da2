import './messages';
import type { z } from 'zod';
import type { Me } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { Link } from '../../router';
import { cst, useMemberSession } from './member';
import './party.css';

/** 组织生活 on the phone: who I am, my branch's activities (checked in or not), and the other tasks. */
export default function PartyHomePage() {
  const { t } = useI18n();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? 'party-me' : null, () => api.get<z.infer<typeof Me>>('/api/party/me'));
  return (
    <Page title={t('m.party.title')} back={{ to: '/m/home' }}>
      <Loaded load={load}>
        {({ member, activities }) =>
          !member ? (
            <Notice kind="error">{t('m.party.notMember')}</Notice>
          ) : (
            <>
              <p className="lead">
                {t('m.party.hello', { name: member.name })}
                <br />
                {t('m.party.branch', { general: member.generalBranch, branch: member.branch })}
              </p>
              <nav className="tiles" aria-label={t('m.party.title')}>
                <Link to="/m/party/study" className="tile">
                  {t('m.party.study')}
                </Link>
                <Link to="/m/party/materials" className="tile">
                  {t('m.party.materials')}
                </Link>
                <Link to="/m/party/reports" className="tile">
                  {t('m.party.reports')}
                </Link>
                <Link to="/m/party/donations" className="tile">
                  {t('m.party.donations')}
                </Link>
              </nav>
              <h2>{t('m.party.activities')}</h2>
              {activities.length === 0 ? (
                <Notice>{t('m.party.noActivities')}</Notice>
              ) : (
                <ul className="list" aria-label={t('m.party.activities')}>
                  {activities.map((a) => (
                    <li key={a.id}>
                      <Link to={`/m/party/activities/${a.id}`} className="item-link">
                        <span className="item-title">
                          {a.title}
                          <span className={`status ${a.checkedIn ? 'status-done' : 'status-todo'}`}>
                            {t(a.checkedIn ? 'm.party.checkedIn' : 'm.party.notCheckedIn')}
                          </span>
                        </span>
                        <span className="item-line">{t('m.party.time', { time: cst(a.startsAt) })}</span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
