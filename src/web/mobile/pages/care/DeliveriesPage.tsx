import './deliveries.messages';
import { useEffect, useState } from 'react';
import type { DeliveryTask } from '../../../../contracts/care-deliveries';
import { ApiError, api } from '../../../api';
import { useI18n } from '../../../i18n';
import { Notice } from '../../components/Field';
import { Page } from '../../components/Page';
import { Loaded, StaffGate } from '../../kit/Gate';
import { takeFlash, useLoad } from '../../kit/session';
import { Link } from '../../router';
import { cachedTasks, cacheTasks, flush, takeFailures } from './outbox';
import { useOnline, useQueuedCount, useVolunteerSession } from './volunteer';
import './care.css';
import './deliveries.css';

const OPEN = new Set(['open', 'taken', 'on_way']);

/** The volunteer's tasks in walking order: still to deliver first, run by run; then the done ones. */
export default function DeliveriesPage() {
  const { t } = useI18n();
  const [flash] = useState(takeFlash);
  const [failures] = useState(takeFailures);
  const staff = useVolunteerSession();
  const online = useOnline();
  const waiting = useQueuedCount();
  const [offline, setOffline] = useState(false);
  const load = useLoad(staff.status === 'ready' ? `deliveries:${waiting}` : null, async () => {
    try {
      const { tasks } = await api.get<{ tasks: DeliveryTask[] }>('/api/care/volunteer/tasks');
      cacheTasks(tasks);
      setOffline(false);
      return tasks;
    } catch (err) {
      const cached = cachedTasks();
      if (err instanceof ApiError && err.status === 0 && cached) {
        setOffline(true);
        return cached;
      }
      throw err;
    }
  });
  useEffect(() => {
    if (staff.status === 'ready') void flush();
  }, [staff.status]);

  return (
    <Page title={t('m.dl.title')} back={{ to: '/m/home' }}>
      {flash && <Notice>{flash}</Notice>}
      {failures.map((f) => (
        <Notice key={f} kind="error">
          {t('m.dl.dropped', { message: f })}
        </Notice>
      ))}
      {!online && <Notice>{t('m.dl.offline')}</Notice>}
      {waiting > 0 && <Notice>{t('m.dl.queued', { n: waiting })}</Notice>}
      {offline && online && <Notice>{t('m.dl.cached')}</Notice>}
      <StaffGate staff={staff} forbidden={t('m.dl.forbidden')}>
        <Loaded load={load}>
          {(tasks) => {
            const todo = tasks.filter((x) => OPEN.has(x.status));
            const done = tasks.filter((x) => !OPEN.has(x.status));
            if (tasks.length === 0) return <Notice>{t('m.dl.none')}</Notice>;
            return (
              <>
                <p className="lead">{t('m.dl.intro')}</p>
                <section aria-labelledby="dl-todo">
                  <h2 id="dl-todo">
                    {t('m.dl.todo')}（{todo.length}）
                  </h2>
                  <Tasks tasks={todo} testId="deliveries-todo" />
                </section>
                {done.length > 0 && (
                  <section aria-labelledby="dl-done">
                    <h2 id="dl-done">
                      {t('m.dl.done')}（{done.length}）
                    </h2>
                    <Tasks tasks={done} testId="deliveries-done" />
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

function Tasks({ tasks, testId }: { tasks: DeliveryTask[]; testId: string }) {
  const { t } = useI18n();
  let run = '';
  return (
    <ul className="list" data-testid={testId}>
      {tasks.map((x) => {
        const header = x.runTitle !== run ? x.runTitle : null;
        run = x.runTitle;
        return (
          <li key={x.id}>
            {header && <p className="run-title">{header}</p>}
            <Link to={`/m/care/deliveries/${x.id}`} className="item-link" data-task={x.id}>
              <span className="item-title">
                {x.name}
                <span className={`dl-status dl-${x.status}`}>{t(`care.d.status.${x.status}`)}</span>
              </span>
              <span className="item-line">
                {t('m.dl.seq', { n: x.seq })} · {x.address}
              </span>
              <span className="item-line">{x.items.map((i) => `${i.label} ${i.quantity}${i.unit}`).join('、')}</span>
              <span className="item-go" aria-hidden="true">
                ›
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
