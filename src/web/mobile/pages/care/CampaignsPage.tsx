import './messages';
import type { z } from 'zod';
import type { CampaignList } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded, StaffGate } from '../../kit/Gate';
import { useLoad, useStaffSession } from '../../kit/session';
import { Link } from '../../router';
import './care.css';

type Campaigns = z.infer<typeof CampaignList>;

/** My check-in campaigns: the ones I may call for, each with its counts. */
export default function CampaignsPage() {
  const { t } = useI18n();
  const staff = useStaffSession('care:call');
  const load = useLoad(staff.status === 'ready' ? 'campaigns' : null, () => api.get<Campaigns>('/api/care/campaigns'));
  return (
    <Page title={t('m.care.title')} back={{ to: '/m/home' }}>
      <StaffGate staff={staff} forbidden={t('m.care.forbidden')}>
        <Loaded load={load}>
          {({ campaigns }) => {
            const active = campaigns.filter((c) => c.status === 'active');
            if (active.length === 0) return <Notice>{t('m.care.none')}</Notice>;
            return (
              <>
                <p className="lead">{t('m.care.intro')}</p>
                <ul className="list" aria-label={t('m.care.title')}>
                  {active.map((c) => (
                    <li key={c.id}>
                      <Link to={`/m/care/campaigns/${c.id}`} className="item-link">
                        <span className="item-title">{c.title}</span>
                        <span className="item-line">{t('m.care.period', { from: c.startsOn, to: c.endsOn })}</span>
                        <span className="item-line">
                          {t('m.care.progress', { reached: c.reached, unreached: c.unreached, pending: c.pending, total: c.total })}
                        </span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            );
          }}
        </Loaded>
      </StaffGate>
    </Page>
  );
}
