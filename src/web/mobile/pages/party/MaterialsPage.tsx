import './messages';
import type { z } from 'zod';
import type { MyMaterials } from '../../../../contracts/party';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded } from '../../kit/Gate';
import { useLoad } from '../../kit/session';
import { Link } from '../../router';
import { useMemberSession } from './member';
import './party.css';

/** 学习资料: the packages sent to my branch, each material marked read or unread. */
export default function PartyMaterialsPage() {
  const { t } = useI18n();
  const ready = useMemberSession();
  const load = useLoad(ready === 'ready' ? 'party-materials' : null, () => api.get<z.infer<typeof MyMaterials>>('/api/party/me/materials'));
  return (
    <Page title={t('m.party.materials')} back={{ to: '/m/party' }}>
      <Loaded load={load}>
        {({ packages }) =>
          packages.length === 0 ? (
            <Notice>{t('m.party.noMaterials')}</Notice>
          ) : (
            packages.map((p) => (
              <section key={p.id}>
                <h2>{p.title}</h2>
                <ul className="list">
                  {p.items.map((m) => (
                    <li key={m.id}>
                      <Link to={`/m/party/materials/${m.id}`} className="item-link">
                        <span className="item-title">
                          {m.title}
                          <span className={`status ${m.read ? 'status-done' : 'status-todo'}`}>
                            {t(m.read ? 'm.party.read' : 'm.party.unread')}
                          </span>
                        </span>
                        <span className="item-go" aria-hidden="true">
                          ›
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )
        }
      </Loaded>
    </Page>
  );
}
