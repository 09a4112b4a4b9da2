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
import { useOnline, useQueuedTasks, useVolunteerSession } from './volunteer';
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
  const queuedTasks = useQueuedTasks();
  const waiting = queuedTasks.length;
  // 「saved on the phone」 is old news once the outbox is empty again
  const shownFlash = flash && !(flash === t('m.dl.savedOffline') && waiting === 0 && online) ? flash : null;
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
      {shownFlash && <Notice>{shownFlash}</Notice>}
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
            // a task whose report waits in the outbox is done as far as the volunteer is concerned
            const waitingOn = new Set(queuedTasks);
            const todo = tasks.filter((x) => OPEN.has(x.status) && !waitingOn.has(x.id));
            const done = tasks.filter((x) => !OPEN.has(x.status) || waitingOn.has(x.id));
            if (tasks.length === 0) return <Notice>{t('m.dl.none')}</Notice>;
            return (
              <>
                <p className="lead">{t('m.dl.intro')}</p>
                <section aria-labelledby="dl-todo">
                  <h2 id="dl-todo">
                    {t('m.dl.todo')}（{todo.length}）
                  </h2>
                  {todo.length === 0 ? (
                    <Notice>{t('m.dl.allDone')}</Notice>
                  ) : (
                    <Tasks tasks={todo} testId="deliveries-todo" queued={waitingOn} />
                  )}
                </section>
                {done.length > 0 && (
                  <section aria-labelledby="dl-done">
                    <h2 id="dl-done">
                      {t('m.dl.done')}（{done.length}）
                    </h2>
                    <Tasks tasks={done} testId="deliveries-done" queued={waitingOn} />
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

function Tasks({ tasks, testId, queued }: { tasks: DeliveryTask[]; testId: string; queued: Set<string> }) {
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
                {queued.has(x.id) ? (
                  <span className="dl-status dl-queued">{t('m.dl.queuedBadge')}</span>
                ) : (
                  <span className={`dl-status dl-${x.status}`}>{t(`care.d.status.${x.status}`)}</span>
                )}
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
