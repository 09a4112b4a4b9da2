import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/index';
import { setLeaseEnd, takeLease } from './leases.repository';

interface Job {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
}

/** how often each process looks whether a job is due (at most; a shorter period looks as often) */
const LOOK_MS = 60_000;
/** the time a run may take before another process may start the job again */
const RUN_GUARD_MS = 15 * 60_000;

/**
 * Periodic jobs (clean-ups, sweeps, reminders) run by one process at a time, about once per
 * period across all processes: before a run a process takes the job's lease row in the
 * database; the others find it taken and skip. A process that dies mid-run holds the lease for
 * at most `RUN_GUARD_MS`. Every process looks, so the job goes on when one of them stops.
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Registers a job; names are global across processes, e.g. `files.cleanup`, `care.reminders`. */
  every(name: string, everyMs: number, run: Job['run']): void {
    if (this.jobs.has(name)) throw new Error(`scheduled job ${name} registered twice`);
    this.jobs.set(name, { name, everyMs, run });
  }

  start(): void {
    if (this.timer || this.jobs.size === 0) return;
    const look = Math.min(LOOK_MS, ...[...this.jobs.values()].map((j) => j.everyMs));
    this.timer = setInterval(() => this.tick(), look);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    this.running = this.running.then(async () => {
      for (const job of this.jobs.values()) {
        await this.runIfDue(job.name).catch((err) => this.log.error({ err, job: job.name }, 'scheduled job failed'));
      }
    });
  }

  /**
   * Runs the job now if no process ran it within its period and none is running it; says
   * whether this process ran it. The tests' deterministic step.
   */
  async runIfDue(name: string, now = new Date()): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no scheduled job ${name}`);
    const guard = new Date(now.getTime() + Math.max(job.everyMs, RUN_GUARD_MS)).toISOString();
    if (!(await takeLease(this.db, name, this.holder, now.toISOString(), guard))) return false;
    try {
      await job.run(now);
    } finally {
      // the next run is due a period after this one started (or now, if it ran longer than that)
      const next = new Date(Math.max(now.getTime() + job.everyMs, Date.now())).toISOString();
      await setLeaseEnd(this.db, name, this.holder, next);
    }
    return true;
  }
}
