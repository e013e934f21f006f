import { sql } from 'kysely';
import type { PgBoss, Queue } from 'pg-boss';
import type { Database } from '../../../db/database.ts';
import {
  FAILED_KEEP_SECONDS,
  WAITING_KEEP_SECONDS,
  type JobCount,
  type JobProblem,
  type JobState,
  type JobStore,
  type Logger,
  type QueueSettings,
} from '../store.ts';

// The job queue on PostgreSQL: pg-boss (decision 0007), in a schema of its own, over the
// platform's own connection pool. pg-boss claims jobs with SELECT … FOR UPDATE SKIP LOCKED, so
// several instances never take the same job; it computes retries and backoff, takes back jobs
// whose worker died (expireInSeconds), deletes old jobs and sends scheduled ones (cron), each
// under a lock so one instance does it. This file only adapts its API to the queue's (store.ts)
// and reads its job table for administrators and metrics.

/** pg-boss's schema: `pgboss`, or beside a schema the database was opened in. */
export const jobSchema = (database: Database) => (database.schema ? `${database.schema}_jobs` : 'pgboss');

/** Creates pg-boss's schema, or brings it to this version's (migrate() calls it after the platform's migrations). */
export async function installJobStore(database: Database): Promise<void> {
  const pgBoss = await import('pg-boss');
  const boss = new pgBoss.PgBoss({
    db: pgBoss.fromKysely(database.db),
    schema: jobSchema(database),
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}

const queueOptions = (q: QueueSettings): Omit<Queue, 'name'> => ({
  policy: q.unique ? 'short' : 'standard',
  retryLimit: q.retryLimit,
  retryDelay: q.retryDelaySeconds,
  retryBackoff: true,
  retryDelayMax: q.retryDelayMaxSeconds,
  expireInSeconds: q.expireInSeconds,
  // Only failed jobs are kept after they end (done ones are deleted at once): this is how long.
  deleteAfterSeconds: FAILED_KEEP_SECONDS,
  retentionSeconds: WAITING_KEEP_SECONDS,
});

export function postgresJobStore(database: Database, log: Logger): JobStore {
  const schema = jobSchema(database);
  const job = sql.id(schema, 'job');
  let boss: PgBoss | null = null;
  let lib: typeof import('pg-boss') | null = null;
  const started = () => {
    if (!boss) throw new Error('the job queue is not started');
    return boss;
  };
  const attempt = (j: { id: string; retryCount: number }) => ({ id: j.id, retryCount: j.retryCount });

  return {
    async start(o) {
      // pg-boss is loaded here, not with the module: an instance on SQLite never needs it.
      const pgBoss = (lib = await import('pg-boss'));
      boss = new pgBoss.PgBoss({
        db: pgBoss.fromKysely(database.db),
        schema,
        supervise: o.supervise,
        schedule: o.supervise,
        registerInstance: false,
      });
      // pg-boss reports trouble in its background work as events; an 'error' without a listener would end the process.
      boss.on('error', (error) => log.error({ err: error }, 'job queue (pg-boss) error'));
      boss.on('warning', (warning) => log.warn({ data: warning.data }, `job queue (pg-boss): ${warning.message}`));
      await boss.start();
    },
    async stop() {
      await boss?.stop({ graceful: false, close: false });
      boss = null;
    },
    async prepare(queues, schedules) {
      const b = started();
      const existing = new Map((await b.getQueues(queues.map((q) => q.name))).map((q) => [q.name, q]));
      for (const q of queues) {
        const wanted = queueOptions(q);
        const have = existing.get(q.name);
        if (!have) await b.createQueue(q.name, wanted);
        else if ((Object.keys(wanted) as (keyof typeof wanted)[]).some((k) => k !== 'policy' && have[k] !== wanted[k])) {
          const { policy: _policy, ...changes } = wanted;
          await b.updateQueue(q.name, changes);
        }
      }
      // A schedule removed from the code stops; the others are (re)written as the code has them.
      const wanted = new Map(schedules.map((s) => [s.name, s.cron]));
      for (const s of await b.getSchedules()) if (!wanted.has(s.name)) await b.unschedule(s.name, s.key);
      for (const s of schedules) await b.schedule(s.name, s.cron, {}, { tz: 'UTC' });
    },
    insert: (queue, j) =>
      started().send(queue.name, j.payload, {
        ...(j.key !== undefined ? { singletonKey: j.key } : {}),
        ...(j.startAfter ? { startAfter: j.startAfter } : {}),
        ...(j.trx ? { db: lib!.fromKysely(j.trx) } : {}),
      }),
    async claim(name, limit, o) {
      const jobs = await started().fetch(name, { batchSize: limit, includeMetadata: true, ignoreStartAfter: o.includeDeferred });
      return jobs.map((j) => ({ id: j.id, name: j.name, payload: j.data, retryCount: j.retryCount, retryLimit: j.retryLimit }));
    },
    async done(j) {
      await started().deleteJob(j.name, attempt(j));
    },
    async fail(j, message) {
      await started().fail(j.name, attempt(j), { message });
    },
    async retry(name, id) {
      const r = (await started().retry(name, id)) as { affected?: number };
      return (r.affected ?? 0) > 0;
    },
    async problems(limit) {
      const { rows } = await sql<{
        id: string;
        name: string;
        state: 'retry' | 'failed';
        data: unknown;
        output: { message?: unknown } | null;
        retry_count: number;
        retry_limit: number;
        created_on: Date;
        start_after: Date;
        completed_on: Date | null;
      }>`select id, name, state::text as state, data, output, retry_count, retry_limit, created_on, start_after, completed_on
         from ${job} where state in ('retry', 'failed') order by created_on desc, id limit ${limit}`.execute(database.db);
      return rows.map((r): JobProblem => ({
        id: r.id,
        name: r.name,
        state: r.state,
        payload: r.data,
        error: typeof r.output?.message === 'string' ? r.output.message : null,
        attempts: r.retry_count + 1,
        maxAttempts: r.retry_limit + 1,
        createdAt: r.created_on,
        nextAttemptAt: r.state === 'retry' ? r.start_after : null,
        failedAt: r.state === 'failed' ? r.completed_on : null,
      }));
    },
    async counts() {
      const { rows } = await sql<{ name: string; state: JobState; n: number }>`
        select name, state::text as state, count(*) as n from ${job}
        where state in ('created', 'retry', 'active', 'failed') group by name, state`.execute(database.db);
      return rows.map((r): JobCount => ({ name: r.name, state: r.state, count: Number(r.n) }));
    },
  };
}
