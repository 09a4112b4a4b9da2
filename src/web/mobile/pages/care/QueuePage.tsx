import './messages';
import { useState } from 'react';
import type { z } from 'zod';
import type { Queue } from '../../../../contracts/care';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded, StaffGate } from '../../kit/Gate';
import { takeFlash, useLoad, useStaffSession } from '../../kit/session';
import { Link, useParams } from '../../router';
import './care.css';

type QueueData = z.infer<typeof Queue>;
type Item = QueueData['items'][number];

/** My call list of one campaign: who is still to call first (untried before retried), then who is done. */
export default function QueuePage() {
  const { id = '' } = useParams();
  return <QueueScreen key={id} id={id} />;
}

function QueueScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const [flash] = useState(takeFlash);
  const staff = useStaffSession('care:call');
  const load = useLoad(staff.status === 'ready' ? `queue:${id}` : null, () => api.get<QueueData>(`/api/care/campaigns/${id}/queue`));
  return (
    <Page title={load.data?.title ?? t('m.care.title')} back={{ to: '/m/care' }}>
      {flash && <Notice>{flash}</Notice>}
      <StaffGate staff={staff} forbidden={t('m.care.forbidden')}>
        <Loaded load={load}>
          {(q) => {
            const pending = q.items.filter((i) => i.status === 'pending');
            const finished = q.items.filter((i) => i.status !== 'pending');
            return (
              <>
                <p className="lead" data-testid="queue-count">
                  {t('m.care.queue.done', { done: q.done, total: q.items.length })}
                </p>
                <section aria-labelledby="queue-pending">
                  <h2 id="queue-pending">
                    {t('m.care.queue.pending')}（{pending.length}）
                  </h2>
                  {pending.length === 0 ? <Notice>{t('m.care.queue.empty')}</Notice> : <Items items={pending} testId="queue-pending" />}
                </section>
                {finished.length > 0 && (
                  <section aria-labelledby="queue-finished">
                    <h2 id="queue-finished">
                      {t('m.care.queue.finished')}（{finished.length}）
                    </h2>
                    <Items items={finished} testId="queue-finished" />
                  </section>
                )}
              </>
            );
          }}
        </Loaded>
      </StaffGate>
    </Page>
  );
}

function Items({ items, testId }: { items: Item[]; testId: string }) {
  const { t } = useI18n();
  return (
    <ul className="list" data-testid={testId}>
      {items.map((i) => (
        <li key={i.taskId}>
          <Link to={`/m/care/tasks/${i.taskId}`} className="item-link" data-task={i.taskId}>
            <span className="item-title">
              {i.name}
              {/* tried and back in the queue: 待重拨, not 待拨打 */}
              <span className={`status status-${i.status}`}>
                {t(`care.task.${i.status === 'pending' && i.attempts > 0 ? 'retry' : i.status}`)}
              </span>
            </span>
            <span className="item-line">{i.address}</span>
            {i.flags.length > 0 && <span className="item-line">{i.flags.join('、')}</span>}
            {i.attempts > 0 && (
              <span className="item-line">
                {t('m.care.queue.attempts', { n: i.attempts, outcome: i.lastOutcome ? t(`care.outcome.${i.lastOutcome}`) : '—' })}
              </span>
            )}
            <span className="item-go" aria-hidden="true">
              ›
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
