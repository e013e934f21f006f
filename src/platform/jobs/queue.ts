import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Database, DB } from '../../db/database.ts';
import { postgresJobStore } from './repository/postgres.ts';
import { sqliteJobStore } from './repository/sqlite.ts';
import type { ClaimedJob, JobCount, JobProblem, JobStore, Logger, QueueSettings } from './store.ts';

// The platform's job queue (decision 0007): work that must not hold up a person's request, or
// that recurs, runs here: mail, purges, reminders. A feature defines its jobs at start-up (a name,
// a schema for the payload, a handler, its retry rules) and enqueues them with a JSON payload;
// the worker runs them with retries and exponential backoff, and keeps those that failed for
// administrators. Jobs live in the database, so they survive a restart; on PostgreSQL pg-boss
// keeps them and several instances never run one job twice; on SQLite a table and this process.
//
// Tests do not start the worker: runDue() runs what is due now, at once, without waiting.

export interface JobDefinition<P> {
  /** letters, digits, '.', '-', '_' (e.g. "mail", "accounts.purge") */
  name: string;
  /** the payload's schema: what is read back from the database is checked before the handler sees it */
  payload: z.ZodType<P>;
  run(payload: P, job: JobRun): Promise<void>;
  /** attempts after the first one (default 5) */
  retryLimit?: number;
  /** seconds before the first retry; each next one waits about twice as long (default 10) */
  retryDelaySeconds?: number;
  /** the longest wait between two attempts (default 600) */
  retryDelayMaxSeconds?: number;
  /** a run that takes longer is taken as lost and tried again (default 300): keep it above the handler's own timeouts */
  expireInSeconds?: number;
  /** at most one job per key waits to run; enqueueing another returns null (recurring jobs, reminders) */
  unique?: boolean;
  /** One line for administrators about a job (e.g. a mail's address and subject); never a secret. */
  describe?(payload: P): string;
}

export interface JobRun {
  id: string;
  /** 1 on the first attempt */
  attempt: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /** with `unique`: the job is not queued again while one with this key waits */
  key?: string;
  /** not before this time */
  startAfter?: Date;
  /** the caller's transaction: the job is queued only if it commits */
  trx?: DB;
}

export type JobOutcome = 'done' | 'retry' | 'failed';
export type { JobCount, JobProblem };

export interface JobProblemView extends JobProblem {
  /** the definition's describe(), or null */
  summary: string | null;
}

export interface JobQueue {
  readonly engine: Database['dialect'];
  define<P>(definition: JobDefinition<P>): void;
  /** A recurring job: a cron expression in UTC (e.g. "17 * * * *": every hour at :17); its payload is {}. */
  schedule(name: string, cron: string): void;
  /** Prepares the queues and schedules defined so far; with `work`, starts the worker. */
  open(): Promise<void>;
  /** Queues a job; its id, or null when a unique job with that key is already waiting. */
  enqueue(name: string, payload: object, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Runs every job that is due now, until none is left (tests; the worker does this on its beat).
   * With includeDeferred, each job waiting for a later time (a retry's wait, a startAfter) also
   * runs, once, as if its time had come.
   */
  runDue(o?: { includeDeferred?: boolean }): Promise<number>;
  /** Stops the worker: jobs running get `graceMs` to finish, then are left to be retried. */
  close(graceMs?: number): Promise<void>;
  problems(limit?: number): Promise<JobProblemView[]>;
  retry(name: string, id: string): Promise<boolean>;
  counts(): Promise<JobCount[]>;
  /** Called after each attempt (metrics). */
  onOutcome(listener: (name: string, outcome: JobOutcome, seconds: number) => void): void;
}

export interface JobQueueOptions {
  log: Logger;
  /** run the worker in this process (production); tests leave it off and call runDue() */
  work?: boolean;
  /** how often the worker looks for due jobs (it is also woken by this process's own enqueues) */
  pollMs?: number;
  /** jobs claimed at once per queue */
  batchSize?: number;
  /** a store of one's own (tests: SQLite with a clock of their own) */
  store?: JobStore;
}

const defaults = { retryLimit: 5, retryDelaySeconds: 10, retryDelayMaxSeconds: 600, expireInSeconds: 300 };

export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  const { log } = options;
  const store = options.store ?? (database.dialect === 'postgres' ? postgresJobStore(database, log) : sqliteJobStore(database.db));
  const definitions = new Map<string, { settings: QueueSettings; definition: JobDefinition<unknown> }>();
  const schedules: { name: string; cron: string }[] = [];
  const listeners: ((name: string, outcome: JobOutcome, seconds: number) => void)[] = [];
  const batchSize = options.batchSize ?? 5;
  const pollMs = options.pollMs ?? 2000;
  let opened = false;
  let worker: Promise<void> | null = null;
  let running = false;
  let wake: (() => void) | null = null;
  /** a job was queued here while the worker was busy: no pause before the next beat */
  let queuedMeanwhile = false;
  const inFlight = new Map<string, { job: ClaimedJob; settled: Promise<void> }>();

  const settingsOf = (name: string) => {
    const d = definitions.get(name);
    if (!d) throw new Error(`no job named "${name}" is defined`);
    return d.settings;
  };

  async function attempt(job: ClaimedJob): Promise<void> {
    const { definition } = definitions.get(job.name)!;
    const started = performance.now();
    let outcome: JobOutcome = 'done';
    try {
      const payload = definition.payload.parse(job.payload);
      await definition.run(payload, { id: job.id, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 });
      await store.done(job);
    } catch (error) {
      outcome = job.retryCount < job.retryLimit ? 'retry' : 'failed';
      log.warn({ err: error, job: job.id, name: job.name, attempt: job.retryCount + 1, outcome }, 'job failed');
      try {
        await store.fail(job, messageOf(error));
      } catch (failing) {
        // The database is away too: the job stays claimed and is taken back when it expires.
        log.error({ err: failing, job: job.id }, 'could not record a failed job');
      }
    }
    const seconds = (performance.now() - started) / 1000;
    for (const l of listeners) l(job.name, outcome, seconds);
  }

  /** Claims and runs one batch per queue; how many jobs ran. */
  async function beat(includeDeferred: boolean, limit = batchSize): Promise<number> {
    let ran = 0;
    for (const name of definitions.keys()) {
      if (!running && worker) break;
      const jobs = await store.claim(name, limit, { includeDeferred });
      ran += jobs.length;
      await Promise.all(
        jobs.map((job) => {
          const settled = attempt(job).finally(() => inFlight.delete(job.id));
          inFlight.set(job.id, { job, settled });
          return settled;
        }),
      );
    }
    return ran;
  }

  async function work(): Promise<void> {
    while (running) {
      let ran = 0;
      try {
        await store.maintain?.(new Date());
        ran = await beat(false);
      } catch (error) {
        log.error({ err: error }, 'the job worker could not reach the database; it tries again');
      }
      if (ran > 0 || !running || queuedMeanwhile) {
        queuedMeanwhile = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pollMs);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
  }

  return {
    engine: database.dialect,
    define(definition) {
      if (opened) throw new Error(`define "${definition.name}" before the queue opens`);
      const settings: QueueSettings = {
        name: definition.name,
        retryLimit: definition.retryLimit ?? defaults.retryLimit,
        retryDelaySeconds: definition.retryDelaySeconds ?? defaults.retryDelaySeconds,
        retryDelayMaxSeconds: definition.retryDelayMaxSeconds ?? defaults.retryDelayMaxSeconds,
        expireInSeconds: definition.expireInSeconds ?? defaults.expireInSeconds,
        unique: definition.unique ?? false,
      };
      definitions.set(definition.name, { settings, definition });
    },
    schedule(name, cron) {
      if (opened) throw new Error(`schedule "${name}" before the queue opens`);
      schedules.push({ name, cron });
    },
    async open() {
      for (const s of schedules) settingsOf(s.name);
      opened = true;
      await store.start({ supervise: options.work ?? false });
      await store.prepare(
        [...definitions.values()].map((d) => d.settings),
        schedules,
      );
      if (options.work) {
        running = true;
        worker = work();
      }
    },
    async enqueue(name, payload, o = {}) {
      const id = await store.insert(settingsOf(name), { payload, key: o.key, startAfter: o.startAfter, trx: o.trx });
      // A job queued here runs at once rather than on the next beat (one in a transaction may not be visible yet: the beat finds it).
      if (id && !o.trx) {
        if (wake) wake();
        else queuedMeanwhile = true;
      }
      return id;
    },
    async runDue(o = {}) {
      // One pass over what waits for later (each job once), then what is due now until none is left.
      let total = o.includeDeferred ? await beat(true, 10_000) : 0;
      for (let ran = await beat(false); ran > 0; ran = await beat(false)) total += ran;
      return total;
    },
    async close(graceMs = 5000) {
      running = false;
      wake?.();
      const waiting = [...inFlight.values()];
      if (waiting.length) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled(waiting.map((w) => w.settled)), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
        // Still running: ended as a failed attempt, so it is tried again soon (by this instance after a restart, or another).
        for (const { job } of inFlight.values()) {
          await store.fail(job, 'The platform stopped before this job finished; it will be tried again').catch((error: unknown) => {
            log.error({ err: error, job: job.id }, 'could not give back a job at shutdown');
          });
        }
      }
      // The worker's loop ends with its last batch, unless a handler is still stuck in it.
      if (inFlight.size === 0) await worker;
      await store.stop();
    },
    async problems(limit = 100) {
      return (await store.problems(limit)).map((p) => {
        const d = definitions.get(p.name)?.definition;
        let summary: string | null = null;
        if (d?.describe) {
          const parsed = d.payload.safeParse(p.payload);
          summary = parsed.success ? d.describe(parsed.data) : null;
        }
        return { ...p, summary };
      });
    },
    retry: (name, id) => store.retry(name, id),
    counts: () => store.counts(),
    onOutcome(listener) {
      listeners.push(listener);
    },
  };
}

/** What an administrator reads about a failure: the error's message, never its stack. */
function messageOf(error: unknown): string {
  const message =
    error instanceof z.ZodError
      ? `The job's data is not valid: ${error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`
      : error instanceof Error
        ? error.message
        : String(error);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}
