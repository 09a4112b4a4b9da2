import './messages';
import type { z } from 'zod';
import type { MaterialView } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { useParams } from '../../router';
import { useMemberSession } from './member';
import './party.css';

/** One material: opening it records the read receipt, so the branch sees who has read it. */
export default function PartyMaterialPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? `party-material-${id}` : null, () =>
    api.post<z.infer<typeof MaterialView>>(`/api/party/me/materials/${id}/open`),
  );
  return (
    <Page title={load.data?.title ?? t('m.party.materials')} back={{ to: '/m/party/materials' }}>
      <Loaded load={load}>
        {(m) => (
          <>
            {m.body && <p className="pre reading">{m.body}</p>}
            {m.url && (
              <a className="btn btn-primary" href={m.url} target="_blank" rel="noreferrer">
                {t('m.party.openLink')}
              </a>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
