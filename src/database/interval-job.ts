import { hostname } from 'node:os';
import type pg from 'pg';
import { withClient } from './batch-pool.js';

/** The class of the jobs' advisory locks (two-int locks: this class, hashtext(job name)). */
const JOB_LOCK_CLASS = 7_340_006;
/** How often an instance asks whether a job is due, at most: a failed run is retried this soon. */
const MAX_TICK_MS = 60_000;

export interface JobSpec {
  name: string;
  intervalSeconds: number;
}

export type JobRun<T> = { ran: true; run: number; result: T } | { ran: false; reason: 'not due' | 'running elsewhere' };

/** Who ran a job, in job_runs and logs: not secret, and enough to tell two instances apart. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

/**
 * Claims the interval: succeeds for one caller per interval across every instance (the row is
 * updated only when the last run started long enough ago). A run due within the next 5% of the
 * interval (at most a second) counts as due, so timer jitter does not skip a whole interval.
 */
const CLAIM_SQL = `
  WITH previous AS (SELECT ran_at FROM job_runs WHERE name = $1)
  INSERT INTO job_runs (name, ran_at, ran_by) VALUES ($1, now(), $3)
  ON CONFLICT (name) DO UPDATE SET ran_at = now(), ran_by = excluded.ran_by, runs = job_runs.runs + 1
    WHERE job_runs.ran_at <= now() - make_interval(secs => $2)
  RETURNING runs::int AS run, (SELECT ran_at FROM previous) AS previous`;
/** A failed run gives its interval back, so the next tick (of any instance) tries again. */
const RELEASE_SQL = `UPDATE job_runs SET ran_at = coalesce($3::timestamptz, '-infinity') WHERE name = $1 AND runs = $2`;

/**
 * Runs `work` at most once per interval across every instance sharing the database. The session
 * advisory lock, held for the run, keeps two runs from overlapping when one outlasts the interval.
 */
export async function runOncePerInterval<T>(pool: pg.Pool, job: JobSpec, work: () => Promise<T>): Promise<JobRun<T>> {
  return withClient(pool, async (client) => {
    const { rows: locked } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [JOB_LOCK_CLASS, job.name]);
    if (!locked[0].locked) return { ran: false, reason: 'running elsewhere' };
    try {
      const dueAfter = job.intervalSeconds - Math.min(1, job.intervalSeconds * 0.05);
      const { rows } = await client.query<{ run: number; previous: Date | null }>(CLAIM_SQL, [job.name, dueAfter, INSTANCE_ID]);
      if (rows.length === 0) return { ran: false, reason: 'not due' };
      const [{ run, previous }] = rows;
      try {
        return { ran: true, run, result: await work() };
      } catch (error) {
        await client.query(RELEASE_SQL, [job.name, run, previous]).catch(() => undefined);
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, job.name]).catch(() => undefined);
    }
  });
}

/**
 * Asks every tick (the interval, at most a minute) whether the job is due, from `firstCheckMs`
 * on; `onRun` hears what each check did, errors included (a failed run is retried next tick).
 */
export class IntervalJob<T> {
  private timers: NodeJS.Timeout[] = [];
  private checking?: Promise<JobRun<T>>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly job: JobSpec,
    private readonly work: () => Promise<T>,
    private readonly onRun: (outcome: JobRun<T> | { ran: false; error: unknown }) => void,
  ) {}

  /** How often this instance asks whether the job is due. */
  get tickMs(): number {
    return Math.min(this.job.intervalSeconds * 1000, MAX_TICK_MS);
  }

  start(firstCheckMs: number): void {
    const tickMs = this.tickMs;
    const first = setTimeout(() => {
      void this.check();
      const tick = setInterval(() => void this.check(), tickMs);
      tick.unref();
      this.timers.push(tick);
    }, firstCheckMs);
    first.unref();
    this.timers.push(first);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** Runs the job if it is due; checks that overlap on this instance share one. */
  check(): Promise<JobRun<T>> {
    this.checking ??= runOncePerInterval(this.pool, this.job, this.work)
      .then(
        (outcome) => {
          this.onRun(outcome);
          return outcome;
        },
        (error: unknown) => {
          this.onRun({ ran: false, error });
          return { ran: false as const, reason: 'not due' as const };
        },
      )
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }
}

/** What a failed run is logged as: a PostgreSQL error's SQLSTATE (55P03: a lock was not free in time), never its text, which may carry SQL. */
export const failureCode = (error: unknown): string => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
};
