import './messages';
import type { z } from 'zod';
import type { MyDonations } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { useMemberSession, yuan } from './member';
import './party.css';

/** 我的捐款: my own gifts, as the branch recorded them (nobody else's). */
export default function PartyDonationsPage() {
  const { t } = useI18n();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? 'party-donations' : null, () => api.get<z.infer<typeof MyDonations>>('/api/party/me/donations'));
  return (
    <Page title={t('m.party.donations')} back={{ to: '/m/party' }}>
      <Loaded load={load}>
        {({ donations, totalFen }) =>
          donations.length === 0 ? (
            <Notice>{t('m.party.noDonations')}</Notice>
          ) : (
            <>
              <p className="lead">{t('m.party.total', { yuan: yuan(totalFen) })}</p>
              <ul className="plainlist">
                {donations.map((d) => (
                  <li key={d.id}>
                    <strong>{d.campaign}</strong>：{yuan(d.amountFen)} 元（{d.givenOn}
                    {d.method ? `，${d.method}` : ''}）
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
