import type { DB } from '../../db/database.ts';

// What the queue (queue.ts) asks of a place to keep jobs: pg-boss on PostgreSQL
// (repository/postgres.ts), a table on SQLite (repository/sqlite.ts). Both follow pg-boss's
// meaning of every state and setting, so the same handlers see the same retries on both engines.

/** The queue's log (pino's interface, as Fastify's logger has it). */
export interface Logger {
  warn(o: object, message: string): void;
  error(o: object, message: string): void;
}

/** created: waiting; active: claimed by a worker; retry: failed, waiting for its next attempt; failed: out of attempts. */
export type JobState = 'created' | 'active' | 'retry' | 'failed';

/** How a queue treats its jobs; a job keeps the settings it was created with. */
export interface QueueSettings {
  name: string;
  /** attempts after the first one */
  retryLimit: number;
  /** the first retry waits about this long, each next one about twice as long (with jitter) */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** a job claimed for longer than this is taken as lost (its worker died) and retried */
  expireInSeconds: number;
  /** at most one job per key (or none) waits to run: a second one is refused */
  unique: boolean;
}

export interface NewJob {
  payload: object;
  key?: string | undefined;
  startAfter?: Date | undefined;
  /** the caller's transaction: the job exists only if it commits */
  trx?: DB | undefined;
}

export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  /** 0 on the first attempt; with `id`, names the attempt a worker holds */
  retryCount: number;
  retryLimit: number;
}

/** A job an administrator should know about: failing and waiting to try again, or given up. */
export interface JobProblem {
  id: string;
  name: string;
  state: 'retry' | 'failed';
  payload: unknown;
  error: string | null;
  /** attempts made so far */
  attempts: number;
  /** attempts allowed in all */
  maxAttempts: number;
  createdAt: Date;
  /** retry: when it is tried again */
  nextAttemptAt: Date | null;
  /** failed: when it gave up */
  failedAt: Date | null;
}

export interface JobCount {
  name: string;
  state: JobState;
  count: number;
}

export interface JobStore {
  /** Creates or updates the queues (before anything is sent to them). */
  prepare(queues: QueueSettings[], schedules: { name: string; cron: string }[]): Promise<void>;
  /** `supervise`: this instance also expires lost jobs, deletes old ones and sends scheduled ones. */
  start(o: { supervise: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** The new job's id, or null when a unique queue already has one waiting under that key. */
  insert(queue: QueueSettings, job: NewJob): Promise<string | null>;
  /** Claims up to `limit` jobs that are due (or, with includeDeferred, waiting for later too). */
  claim(name: string, limit: number, o: { includeDeferred: boolean }): Promise<ClaimedJob[]>;
  /** The attempt succeeded: the job goes (nothing of it is kept). */
  done(job: ClaimedJob): Promise<void>;
  /** The attempt failed: the job waits for its next attempt, or is kept as failed when it has none left. */
  fail(job: ClaimedJob, message: string): Promise<void>;
  /** Gives a failed job one more attempt, now. */
  retry(name: string, id: string): Promise<boolean>;
  problems(limit: number): Promise<JobProblem[]>;
  counts(): Promise<JobCount[]>;
  /** SQLite: expiry, retention and schedules on the worker's beat (pg-boss supervises itself). */
  maintain?(now: Date): Promise<void>;
}

/** How long a failed job is kept for administrators to see and retry. */
export const FAILED_KEEP_SECONDS = 14 * 86_400;
/** How long a job may wait to run before it is dropped (its worker never came). */
export const WAITING_KEEP_SECONDS = 14 * 86_400;
